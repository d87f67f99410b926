// SPDX-License-Identifier: GPL-2.0-only
/* The SHM bridge table: create/delete, invalid and overlapping requests refused. */
#include "harness.h"

static struct bridge_table t;
static char why[200];

static int mk(u64 pa, u64 size, u64 *h)
{
	return bridge_create(&t, pa | 6, pa | 6, size | 1 << 9, 3, h, why, sizeof(why));
}

static void create_delete(void)
{
	u64 h1, h2;

	bridge_reset(&t);
	CHECK_EQ(mk(0x41000000, 0x4000, &h1), 0);
	CHECK_EQ(mk(0x41004000, 0x1000, &h2), 0);	/* adjacent is fine */
	CHECK(h1 != h2 && h1 && h2);
	CHECK_EQ(bridge_live(&t), 2);
	CHECK_EQ(bridge_delete(&t, h1, why, sizeof(why)), 0);
	CHECK_EQ(bridge_live(&t), 1);
	CHECK(bridge_delete(&t, h1, why, sizeof(why)) < 0);	/* twice */
	CHECK_STR(why, "no live bridge");
}

static void overlap_refused(void)
{
	u64 h;

	bridge_reset(&t);
	CHECK_EQ(mk(0x95c00000, 0x1e00000, &h), 0);
	CHECK(mk(0x95c00000 + 0x1000, 0x1000, &h) < 0);
	CHECK_STR(why, "overlaps bridge");
	CHECK(mk(0x95b00000, 0x200000, &h) < 0);	/* straddles the start */
	CHECK(mk(0x97000000, 0x1000, &h) < 0 || 1);
	CHECK_EQ(mk(0x97a00000, 0x1000, &h), 0);	/* after the end */
	CHECK_EQ(bridge_live(&t), 2);
}

static void invalid_refused(void)
{
	u64 h;

	bridge_reset(&t);
	CHECK(mk(0x41000000, 0, &h) < 0);			/* zero size */
	CHECK(mk(0x1000, 0x1000, &h) < 0);			/* not NS DRAM */
	CHECK_STR(why, "not NS DRAM");
	CHECK(mk(0xfffff000, 0x2000, &h) < 0);			/* runs off the end */
	CHECK(bridge_create(&t, 0x41000000 | 6, 0x42000000 | 6, 0x1000 | 1 << 9, 3, &h, why,
			    sizeof(why)) < 0);			/* NS != S PA */
	CHECK(bridge_create(&t, 0x41000000, 0x41000000, 0x1000 | 1 << 9, 3, &h, why,
			    sizeof(why)) < 0);			/* no NS permission */
	CHECK(bridge_create(&t, 0x41000000 | 6, 0x41000000 | 6, 0x1000 | 1 << 9, 0x25, &h, why,
			    sizeof(why)) < 0);			/* not HLOS */
	CHECK_EQ(bridge_live(&t), 0);
}

static void contains_and_covers(void)
{
	u64 h;

	bridge_reset(&t);
	mk(0x95c00000, 0x1000000, &h);
	mk(0x96c00000, 0xe00000, &h);
	CHECK(bridge_contains(&t, 0x95c01000, 0x1000));
	CHECK(!bridge_contains(&t, 0x95c00000, 0x1e00000));	/* spans two */
	CHECK(bridge_covers(&t, 0x95c00000, 0x1e00000));
	CHECK(!bridge_covers(&t, 0x95c00000, 0x1e01000));
	CHECK_EQ(bridge_overlapping(&t, 0x95c00000, 0x1e00000), 2);
	CHECK_EQ(bridge_overlapping(&t, 0x40000000, 0x1000), 0);
}

static void table_full(void)
{
	u64 h;
	int i, rc = 0;

	bridge_reset(&t);
	for (i = 0; i < MAX_BRIDGES; i++)
		rc |= mk(0x50000000 + 0x1000ULL * i, 0x1000, &h);
	CHECK_EQ(rc, 0);
	CHECK_EQ(mk(0x60000000, 0x1000, &h), (u64)(s64)SCM_ENOMEM);
}

static void smc_interface(void)
{
	struct smc_regs r, r2;

	pasd_reset(MODE_NOQHEE);
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41000000 | 6, 0x41000000 | 6, 0x2000 | 1 << 9, 3, &r), 0);
	CHECK_EQ(r.x[1], 0);
	CHECK(r.x[2] != 0);
	/* refusals as TrustZone answers them: x0 = 0, the status in x1 (result[0]) */
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41001000 | 6, 0x41001000 | 6, 0x1000 | 1 << 9, 3, &r2), 0);
	CHECK_EQ(r2.x[1], 3);
	CHECK_EQ(r2.x[2], 0);
	CHECK_STR(fake_log, "pasdouble: shm_bridge: REFUSED create: 0x41001000+0x1000 overlaps");
	CHECK_EQ(fake_smc(0x42000c1d, 1, r.x[2], 0, 0, 0, &r2), 0);
	CHECK_EQ(r2.x[1], 0);
	CHECK_EQ(fake_smc(0x42000c1d, 1, r.x[2], 0, 0, 0, &r2), 0);	/* twice */
	CHECK_EQ(r2.x[1], 2);
	CHECK_STR(fake_log, "REFUSED delete: no live bridge");
}

/* only what tzmem creates: NS and S permissions both RW (6), one VM, HLOS */
static void only_tzmem_bridges(void)
{
	static const u32 bad[][2] = { { 4, 6 }, { 6, 4 }, { 2, 6 }, { 7, 6 }, { 6, 7 }, { 6, 0 } };
	u64 h;

	bridge_reset(&t);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_EQ(bridge_create(&t, 0x41000000 | bad[i][0], 0x41000000 | bad[i][1],
				       0x1000 | 1 << 9, 3, &h, why, sizeof(why)), (u64)(s64)SCM_EINVAL_ARG);
		CHECK_STR(why, "tzmem uses RW (6)");
	}
	CHECK(bridge_create(&t, 0x41000000 | 6, 0x41000000 | 6, 0x1000 | 2 << 9, 3, &h, why,
			    sizeof(why)) < 0);			/* two VMs */
	CHECK_STR(why, "are not HLOS only");
	CHECK_EQ(bridge_live(&t), 0);
	CHECK_EQ(mk(0x41000000, 0x1000, &h), 0);
}

static void find_overlap_and_outside(void)
{
	u64 h1, h2;

	bridge_reset(&t);
	mk(0x95c00000, 0x1e00000, &h1);
	mk(0x41000000, 0x1000, &h2);
	CHECK(!bridge_find_outside(&t, 0x95c00000, 0x1e00000));		/* exact */
	CHECK(bridge_find_outside(&t, 0x95c00000, 0x1d00000) != NULL);	/* larger than it */
	CHECK_EQ(bridge_find_outside(&t, 0x95c00000, 0x1d00000)->handle, h1);
	CHECK(!bridge_find_outside(&t, 0x50000000, 0x1000));		/* none overlaps */
	CHECK_EQ(bridge_find_overlap(&t, 0x41000800, 0x10)->handle, h2);
	CHECK(!bridge_find_overlap(&t, 0x41001000, 0x1000));
}

/* refusals and injected failures as Linux sees them */
static void smc_status_in_x1(void)
{
	struct smc_regs r;

	pasd_reset(MODE_NOQHEE);
	/* a bad permission: x0 = 0, x1 = 2, no handle, nothing created */
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41000000 | 4, 0x41000000 | 6, 0x1000 | 1 << 9, 3, &r), 0);
	CHECK_EQ(r.x[1], 2);
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(bridge_live(&bridges), 0);
	/* injected create (kind 4): x0 = 0, the status in x1 as a positive value */
	CHECK_EQ(fake_smc(0xc3000006, 4, 1, (u64)-3, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41000000 | 6, 0x41000000 | 6, 0x1000 | 1 << 9, 3, &r), 0);
	CHECK_EQ(r.x[1], 3);
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(bridge_live(&bridges), 0);
	CHECK_STR(fake_log, "INJECTED create: status -3");
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41000000 | 6, 0x41000000 | 6, 0x1000 | 1 << 9, 3, &r), 0);
	CHECK_EQ(r.x[1], 0);
	CHECK(r.x[2]);
	/* injected delete (kind 5) fails the call itself: 6.12 ignores result[0] of delete */
	CHECK_EQ(fake_smc(0xc3000006, 5, 1, (u64)-1, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(0x42000c1d, 1, r.x[2], 0, 0, 0, NULL), -1);
	CHECK_EQ(bridge_live(&bridges), 1);	/* still there */
	CHECK_EQ(fake_smc(0x42000c1d, 1, r.x[2], 0, 0, 0, NULL), 0);
	CHECK_EQ(bridge_live(&bridges), 0);
}

/* FEAT_NO_SHM_BRIDGE: enable says 4, create/delete do not exist */
static void trustzone_without_bridges(void)
{
	struct smc_regs r;

	pasd_reset(MODE_NOQHEE | FEAT_NO_SHM_BRIDGE);
	fake_smc(0x42000601, 1, 0x02000c1c, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);			/* enable is there ... */
	CHECK_EQ(fake_smc(0x42000c1c, 0, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], 4);			/* ... and says "not supported" */
	fake_smc(0x42000601, 1, 0x02000c1e, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 0);
	fake_smc(0x42000601, 1, 0x02000c1d, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41000000 | 6, 0x41000000 | 6, 0x1000 | 1 << 9, 3, &r),
		 (u64)(s64)SCM_EOPNOTSUPP);
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(bridge_live(&bridges), 0);
	CHECK_EQ(fake_smc(0x42000c1d, 1, 1, 0, 0, 0, NULL), (u64)(s64)SCM_EOPNOTSUPP);
	CHECK_STR(fake_log, "SHM bridges not supported by this TrustZone");
	/* the default platform: enabled, create/delete advertised */
	pasd_reset(MODE_NOQHEE);
	fake_smc(0x42000c1c, 0, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 0);
	fake_smc(0x42000601, 1, 0x02000c1e, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);
}

KTAP_MAIN("shm_bridge", T(create_delete), T(overlap_refused), T(invalid_refused),
	  T(contains_and_covers), T(table_full), T(smc_interface), T(only_tzmem_bridges),
	  T(find_overlap_and_outside), T(smc_status_in_x1), T(trustzone_without_bridges))
