// SPDX-License-Identifier: GPL-2.0-only
/* PAS metadata parsing: mkmdt's images parse; malformed ones are refused. */
#include "harness.h"
#include "mdtgen.h"

static struct mdt_info mi;
static char why[200];

/* parse like init_image does: header, then header + hash bytes */
static int parse(const char *bad, int reloc)
{
	struct mdtgen_opts o = { 0x95c00000, 0x1e00000, 1, 3, 0x3000, 0x1000, 0x100000, reloc, bad };
	unsigned char *f, blob[MDT_MAX_META];
	unsigned int len;
	char err[100];
	int rc;

	why[0] = 0;
	if (mdtgen(&o, &f, &len, err, sizeof(err))) {
		printf("# mdtgen: %s\n", err);
		return 99;
	}
	rc = mdt_parse_header(f, 52 + 32 * (f[44] | f[45] << 8), &mi, why, sizeof(why));
	if (!rc) {
		memcpy(blob, f, mi.hdr_size);
		memcpy(blob + mi.hdr_size, f + mi.ph[mi.hash_idx].offset, mi.hash_size);
		rc = mdt_check_hashseg(blob, &mi, why, sizeof(why));
	}
	free(f);
	return rc;
}

static void good_image(void)
{
	CHECK_EQ(parse(NULL, 0), 0);
	CHECK_EQ(mi.phnum, 5);
	CHECK_EQ(mi.hash_idx, 1);
	CHECK_EQ(mi.hdr_size, 52 + 5 * 32);
	CHECK_EQ(mi.hash_size, 5 * 32);
	CHECK(!mi.relocatable);
	CHECK_EQ(mi.min_paddr, 0x95c00000);
	CHECK_EQ(mi.max_end, 0x95e04000);
	CHECK(mdt_loadable(&mi, 2) && !mdt_loadable(&mi, 1) && !mdt_loadable(&mi, 0));
}

static void relocatable_flag(void)
{
	CHECK_EQ(parse(NULL, 1), 0);
	CHECK(mi.relocatable);
}

static void bad_magic(void)
{
	CHECK(parse("magic", 0) < 0);
	CHECK_STR(why, "bad ELF magic");
}

static void bad_class(void)
{
	CHECK(parse("class", 0) < 0);
	CHECK_STR(why, "not ELF32");
}

static void bad_phentsize(void)
{
	CHECK(parse("phentsize", 0) < 0);
	CHECK_STR(why, "e_phentsize");
}

static void phdr0_load(void)
{
	CHECK(parse("phdr0-load", 0) < 0);
	CHECK_STR(why, "phdr0 is PT_LOAD");
}

static void phdr0_size(void)
{
	CHECK(parse("phdr0-size", 0) < 0);
	CHECK_STR(why, "phdr0 p_filesz");
}

static void no_hash_segment(void)
{
	CHECK(parse("nohash", 0) < 0);
	CHECK_STR(why, "no hash segment");
}

static void hash_size(void)
{
	CHECK(parse("hash-size", 0) < 0);
	CHECK_STR(why, "hash segment");
}

static void hash_nonzero(void)
{
	CHECK(parse("hash-nonzero", 0) < 0);
	CHECK_STR(why, "not zero");
}

static void filesz_gt_memsz(void)
{
	CHECK(parse("filesz", 0) < 0);
	CHECK_STR(why, "p_filesz");
}

static void truncated(void)
{
	u8 b[40] = { 0x7f, 'E', 'L', 'F', 1, 1 };

	CHECK(mdt_parse_header(b, sizeof(b), &mi, why, sizeof(why)) < 0);
	CHECK_STR(why, "too short");
}

KTAP_MAIN("mdt", T(good_image), T(relocatable_flag), T(bad_magic), T(bad_class), T(bad_phentsize),
	  T(phdr0_load), T(phdr0_size), T(no_hash_segment), T(hash_size), T(hash_nonzero),
	  T(filesz_gt_memsz), T(truncated))
