// SPDX-License-Identifier: GPL-2.0-only
/* The SMC dispatcher: PSCI/SMCCC, the SCM probe sequence Linux runs, test hooks. */
#include "harness.h"

static struct smc_regs r;

static void psci(void)
{
	pasd_reset(MODE_NOQHEE);
	CHECK_EQ(fake_smc(0x84000000, 0, 0, 0, 0, 0, NULL), 0x10001);		/* PSCI_VERSION */
	CHECK_EQ(fake_smc(0x84000006, 0, 0, 0, 0, 0, NULL), 2);		/* MIGRATE_INFO_TYPE */
	CHECK_EQ(fake_smc(0x8400000a, 0x80000000, 0, 0, 0, 0, NULL), 0);	/* FEATURES(SMCCC_VERSION) */
	CHECK_EQ(fake_smc(0x8400000a, 0x84000008, 0, 0, 0, 0, NULL), 0);	/* FEATURES(SYSTEM_OFF) */
	CHECK_EQ(fake_smc(0x8400000a, 0xc4000001, 0, 0, 0, 0, NULL), -1);	/* CPU_SUSPEND: no */
	CHECK_EQ(fake_smc(0x80000000, 0, 0, 0, 0, 0, NULL), 0x10002);		/* SMCCC 1.2 */
	CHECK_EQ(fake_smc(0x80000001, 0x80000002, 0, 0, 0, 0, NULL), -1);	/* SOC_ID: no */
	CHECK_EQ(fake_smc(0x84000050, 0, 0, 0, 0, 0, NULL), -1);		/* TRNG_VERSION */
	CHECK_EQ(fake_smc(0xc4000003, 0, 0x40200000, 0, 0, 0, NULL), -4);	/* CPU_ON cpu0: on */
	CHECK_EQ(fake_smc(0x84000008, 0, 0, 0, 0, 0, NULL), 0);		/* SYSTEM_OFF (fake) */
	CHECK_STR(fake_log, "SYSTEM_OFF");
}

static void scm_probe_sequence(void)
{
	pasd_reset(MODE_NOQHEE);
	/* convention probe: x1 must come back 1 */
	CHECK_EQ(fake_smc(0xc2000601, 1, 0x02000601, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], 1);
	/* wait-queue info: an error (never 0 with a bogus hwirq) */
	CHECK(fake_smc(0xc2002404, 0, 0, 0, 0, 0, NULL) < 0);
	/* BOOT/SET_DLOAD_MODE not available; SDI config accepted */
	fake_smc(0x42000601, 1, 0x02000110, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(fake_smc(0x42000109, 2, 1, 0, 0, 0, NULL), 0);
	/* SHM bridge enable: available, x1 = 0 */
	fake_smc(0x42000601, 1, 0x02000c1c, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);
	CHECK_EQ(fake_smc(0x42000c1c, 0, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], 0);
	/* PAS calls are advertised, pas_supported only for our remotes */
	fake_smc(0x42000601, 1, 0x02000205, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);
	fake_smc(0x42000207, 1, 18, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);
	fake_smc(0x42000207, 1, 2, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 0);
}

static void unknown_calls_negative(void)
{
	static const u32 fids[] = { 0x42000603, 0xc2000603, 0x42000c16, 0x82000601, 0x42001234,
				    0xc2ff0601, 0x43000001, 0xc5000000, 0x0, 0xffffffff };
	unsigned int i;
	u32 x = 12345;

	pasd_reset(MODE_NOQHEE);
	for (i = 0; i < ARRAY_SIZE(fids); i++)
		CHECK((s64)fake_smc(fids[i], 0, 0, 0, 0, 0, NULL) < 0);
	/* nothing ever returns 1 (INTERRUPTED) or 2 (WAITQ_SLEEP) */
	for (i = 0; i < 20000; i++) {
		u64 a;

		x = x * 1103515245 + 12345;
		a = x;
		x = x * 1103515245 + 12345;
		a = (a << 32) | x;
		fake_smc(0x42000000 | (a & 0xffff), 0, a >> 13 & 0x3f, 0, 0, 0, &r);
		CHECK(r.x[0] != 1 && r.x[0] != 2);
		fake_smc(0xc3000000 | (a & 0xf), a >> 20 & 0x3f, 0, 0, 0, 0, &r);
		CHECK(r.x[0] != 1 && r.x[0] != 2);
	}
}

static int dummy_hits;
static void dummy(struct smc_regs *rr)
{
	dummy_hits++;
	rr->x[0] = 7;
}

static void table_first_match(void)
{
	static const struct smc_route tab[] = {
		{ 0xffffffff, 0xc2000001, dummy, "exact" },
		{ 0x3f000000, 0x02000000, scm_handle, "scm" },
	};
	struct smc_regs rr = { { 0xc2000001 } };

	smc_dispatch(tab, ARRAY_SIZE(tab), &rr);
	CHECK_EQ(rr.x[0], 7);
	rr.x[0] = 0x01000000;
	smc_dispatch(tab, ARRAY_SIZE(tab), &rr);
	CHECK_EQ(rr.x[0], (u64)-1);
	CHECK_EQ(dummy_hits, 1);
}

static void test_hooks_basic(void)
{
	pasd_reset(MODE_QHEE);
	CHECK_EQ(fake_smc(0xc3000008, 0, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], MODE_QHEE);
	CHECK_EQ(fake_smc(0xc3000002, 1, 0, 0, 0, 0, NULL), -3);	/* crash, not running */
	CHECK_EQ(fake_smc(0xc3000003, 99, 0, 0, 0, 0, NULL), -3);	/* unknown pas */
	CHECK_EQ(fake_smc(0xc3000006, 9, 1, -1, 0, 0, NULL), -3);	/* bad kind */
	CHECK_EQ(fake_smc(0xc3000006, 3, 1, 1, 0, 0, NULL), -3);	/* status 1 refused */
	CHECK_EQ(fake_smc(0xc3000006, 3, 0, 0, 0, 0, NULL), 0);	/* disarm */
	CHECK_EQ(fake_smc(0xc3000009, 0, 0, 0, 0, 0, NULL), -3);	/* expect: unknown pas */
	CHECK_EQ(fake_smc(0xc300000a, 0, 0, 0, 0, 0, NULL), 0);	/* rsc word: none for all */
	CHECK_EQ(fake_smc(0xc300000b, 0, 0, 0, 0, 0, NULL), -1);
}

static void printf_basics(void)
{
	char b[64];

	pasd_snprintf(b, sizeof(b), "%s %d %u 0x%llx %#x %5s|%-3d|%08x", "a", -5, 7u,
		      0x95c00000ULL, 255, "ab", 4, 0x1e00000);
	CHECK(!strcmp(b, "a -5 7 0x95c00000 0xff    ab|4  |01e00000"));
	CHECK_EQ(pasd_snprintf(b, 4, "abcdef"), 6);
	CHECK(!strcmp(b, "abc"));
}

KTAP_MAIN("dispatch", T(psci), T(scm_probe_sequence), T(unknown_calls_negative),
	  T(table_first_match), T(test_hooks_basic), T(printf_basics))
