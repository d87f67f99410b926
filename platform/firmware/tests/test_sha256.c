// SPDX-License-Identifier: GPL-2.0-only
/* SHA-256 against FIPS 180-4 / NIST CAVP example vectors. */
#include "harness.h"

static void hex(const u8 d[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void check_vec(const void *msg, size_t len, const char *want)
{
	u8 d[32];
	char h[65];

	sha256(msg, len, d);
	hex(d, h);
	CHECK(!strcmp(h, want));
	if (strcmp(h, want))
		printf("# got %s\n", h);
}

static void empty(void)
{
	check_vec("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void abc(void)
{
	check_vec("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void two_blocks_448(void)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	check_vec(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void long_896(void)
{
	const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	check_vec(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void million_a_incremental(void)
{
	struct sha256 c;
	u8 buf[1000], d[32];
	char h[65];

	memset(buf, 'a', sizeof(buf));
	sha256_init(&c);
	for (int i = 0; i < 1000; i++)
		sha256_update(&c, buf + (i % 7), 1000 - (i % 7)), sha256_update(&c, buf, i % 7);
	sha256_final(&c, d);
	hex(d, h);
	CHECK(!strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

static void detects_one_bit(void)
{
	u8 a[32], b[32];

	sha256("abc", 3, a);
	sha256("abd", 3, b);
	CHECK(memcmp(a, b, 32) != 0);
}

KTAP_MAIN("sha256", T(empty), T(abc), T(two_blocks_448), T(long_896), T(million_a_incremental),
	  T(detects_one_bit))
