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
	struct smc_regs r;

	pasd_reset(MODE_NOQHEE);
	CHECK_EQ(fake_smc(0x42000c1e, 4, 0x41000000 | 6, 0x41000000 | 6, 0x2000 | 1 << 9, 3, &r), 0);
	CHECK_EQ(r.x[1], 0);
	CHECK(r.x[2] != 0);
	CHECK(fake_smc(0x42000c1e, 4, 0x41001000 | 6, 0x41001000 | 6, 0x1000 | 1 << 9, 3, NULL) < 0);
	CHECK_STR(fake_log, "pasdouble: shm_bridge: REFUSED create: 0x41001000+0x1000 overlaps");
	CHECK_EQ(fake_smc(0x42000c1d, 1, r.x[2], 0, 0, 0, NULL), 0);
	CHECK(fake_smc(0x42000c1d, 1, r.x[2], 0, 0, 0, NULL) < 0);
}

KTAP_MAIN("shm_bridge", T(create_delete), T(overlap_refused), T(invalid_refused),
	  T(contains_and_covers), T(table_full), T(smc_interface))
