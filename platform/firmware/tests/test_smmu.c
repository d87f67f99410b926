// SPDX-License-Identifier: GPL-2.0-only
/* SMMUv3 walk over synthetic Linux-like tables, coalescing and the mapping rules. */
#include "harness.h"

#define ADSP (&remote_descs[0])
#define GPDSP0 (&remote_descs[3])

static struct smmu_leaf leaves[16384];
static u64 nleaves;
static char why[200];
static struct rules_result res;

static void collect(void *ctx, const struct smmu_leaf *l)
{
	(void)ctx;
	if (nleaves < 16384)
		leaves[nleaves] = *l;
	nleaves++;
}

static enum walk_result walk(u32 sid)
{
	struct smmu_state s = { fake_cr0, fake_strtab_base, fake_strtab_cfg, fake_gbpa };

	nleaves = 0;
	return smmu_walk_sid(&s, sid, fake_rd64, NULL, collect, NULL, why, sizeof(why));
}

/* the walk result is passed for readability; the rules re-walk (streaming) */
static void check_rules(const struct remote_desc *d, enum walk_result wr)
{
	if (nleaves > 16384) {
		struct smmu_state s = { fake_cr0, fake_strtab_base, fake_strtab_cfg, fake_gbpa };
		struct rules_ctx *c = rules_begin(d, &res);

		wr = smmu_walk_sid(&s, d->sid, fake_rd64, NULL, rules_leaf, c, why, sizeof(why));
		rules_end(c, wr, why);
		return;
	}
	rules_check(d, wr, why, leaves, nleaves, &res);
}

static u64 fresh(u32 sid, int linear)
{
	fake_mem_reset();
	pt_init(0x40100000, 0x1000000);
	return pt_setup_sid(sid, linear);
}

static void map_devmem(u64 ttb, const struct remote_desc *d)
{
	for (u32 i = 0; i < d->n_devmem; i++)
		pt_map_window(ttb, &d->devmem[i]);
}

static void leaves_in_order(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x400000, 1 << 21, PERM_R | PERM_W);
	pt_map(ttb, 0x110000, 0x110000, 0x2000, 4096, PERM_R);
	CHECK_EQ(walk(0x3000), WALK_S1);
	CHECK_EQ(nleaves, 4);
	CHECK_EQ(leaves[0].iova, 0x110000);
	CHECK_EQ(leaves[0].perm, PERM_R);
	CHECK_EQ(leaves[1].iova, 0x111000);
	CHECK_EQ(leaves[2].iova, 0x95c00000);
	CHECK_EQ(leaves[2].size, 1 << 21);
	CHECK_EQ(leaves[3].pa, 0x95e00000);
	CHECK_EQ(leaves[3].perm, PERM_R | PERM_W);
}

static void linear_stream_table(void)
{
	u64 ttb = fresh(0x21c0, 1);

	pt_map(ttb, 0x9b800000, 0x9b800000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	CHECK_EQ(walk(0x21c0), WALK_S1);
	CHECK_EQ(nleaves, 15);
	CHECK_EQ(walk(0x21c1), WALK_NONE);	/* STE of another SID is not valid */
	CHECK_STR(why, "no valid STE for SID 0x21c1");
}

static void no_ste(void)
{
	fresh(0x3000, 0);
	CHECK_EQ(walk(0x21c0), WALK_NONE);	/* L1 descriptor for 0x21 is empty */
	CHECK_STR(why, "no valid STE for SID 0x21c0");
	check_rules(&remote_descs[1], WALK_NONE);
	CHECK(!res.ok);
	CHECK_STR(res.why, "carveout 0x9b800000+0x1e00000 not mapped at 0x9b800000 (no valid STE for SID 0x21c0)");
}

static void smmu_disabled_and_bypass(void)
{
	fresh(0x3000, 0);
	fake_cr0 = 0;
	CHECK_EQ(walk(0x3000), WALK_BYPASS);	/* GBPA.ABORT clear: traffic passes */
	CHECK_STR(why, "SMMU disabled (CR0.SMMUEN=0), GBPA bypass");
	fake_gbpa = 1u << 20;
	CHECK_EQ(walk(0x3000), WALK_NONE);
	CHECK_STR(why, "GBPA aborts");
	fake_gbpa = 0;
	fake_cr0 = 1;
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 1 | 4 << 1;	/* bypass */
	CHECK_EQ(walk(0x3000), WALK_BYPASS);
	check_rules(ADSP, WALK_BYPASS);
	CHECK(!res.ok);
	CHECK_STR(res.why, "bypass");
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 1;	/* abort */
	CHECK_EQ(walk(0x3000), WALK_NONE);
	CHECK_STR(why, "aborts");
}

static void adsp_exact_ok(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	map_devmem(ttb, ADSP);
	check_rules(ADSP, walk(0x3000));
	CHECK(res.ok);
	CHECK_STR(res.carveout_leaves, "15x2M");
	CHECK_EQ(res.devmem_ok, 18);
	CHECK_EQ(res.devmem_n, 18);
	if (!res.ok)
		printf("# %s\n", res.why);
}

static void missing_leaf_caught(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 4096, PERM_R | PERM_W);
	map_devmem(ttb, ADSP);
	pt_unmap(ttb, 0x96000000, 0x1000);
	check_rules(ADSP, walk(0x3000));
	CHECK(!res.ok);
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 not mapped at 0x96000000");
}

static void tail_missing_caught(void)
{
	u64 ttb = fresh(0x38a0, 0);

	pt_map(ttb, 0x97b00000, 0x97b00000, 0x1d00000, 4096, PERM_R | PERM_W);
	check_rules(GPDSP0, walk(0x38a0));
	CHECK(!res.ok);
	CHECK_STR(res.why, "not mapped at 0x99800000");
}

static void readonly_leaf_caught(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	pt_map(ttb, 0x96000000, 0x96000000, 1 << 21, 1 << 21, PERM_R);
	map_devmem(ttb, ADSP);
	check_rules(ADSP, walk(0x3000));
	CHECK(!res.ok);
	CHECK_STR(res.why, "read-only at 0x96000000");
}

static void not_identity_caught(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	pt_map(ttb, 0x96000000, 0x50000000, 1 << 21, 1 << 21, PERM_R | PERM_W);
	map_devmem(ttb, ADSP);
	check_rules(ADSP, walk(0x3000));
	CHECK(!res.ok);
	CHECK_STR(res.why, "IOVA 0x96000000 maps PA 0x50000000");
}

static void devmem_wrong_perm_or_missing(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	map_devmem(ttb, ADSP);
	pt_map(ttb, 0x110000, 0x110000, 0x4000, 4096, PERM_R | PERM_W);	/* should be R */
	check_rules(ADSP, walk(0x3000));
	CHECK(!res.ok);
	CHECK_STR(res.why, "devmem 0x110000+0x4000 mapped rw at 0x110000, expected r");
	CHECK_EQ(res.devmem_ok, 17);

	ttb = fresh(0x3000, 0);
	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	check_rules(ADSP, walk(0x3000));	/* no devmem at all */
	CHECK(!res.ok);
	CHECK_STR(res.why, "devmem 0x110000+0x4000 not mapped at 0x110000");
	CHECK_EQ(res.devmem_ok, 0);
}

static void extra_mapping_refused(void)
{
	u64 ttb = fresh(0x3000, 0);

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	map_devmem(ttb, ADSP);
	pt_map(ttb, 0x80000000, 0x80000000, 0x1000, 4096, PERM_R);
	check_rules(ADSP, walk(0x3000));
	CHECK(!res.ok);
	CHECK_STR(res.why, "extra mapping 0x80000000+0x1000 -> 0x80000000 r (least privilege)");

	/* a leaf larger than the carveout spills over: also extra */
	ttb = fresh(0x3000, 0);
	pt_map(ttb, 0x80000000, 0x80000000, 1ULL << 30, 1ULL << 30, PERM_R | PERM_W);
	map_devmem(ttb, ADSP);
	check_rules(ADSP, walk(0x3000));
	CHECK(!res.ok);
	CHECK_STR(res.why, "extra mapping 0x80000000+0x15c00000");
}

static void unaligned_carveout_leaves(void)
{
	u64 ttb = fresh(0x29c0, 0);
	const struct remote_desc *d = &remote_descs[2];	/* cdsp1, 1 MiB aligned */
	u64 a = d->carveout, e = d->carveout + d->size, head = 0x9d800000 - a;

	pt_map(ttb, a, a, head, 4096, PERM_R | PERM_W);
	pt_map(ttb, a + head, a + head, 14ULL << 21, 1 << 21, PERM_R | PERM_W);
	pt_map(ttb, a + head + (14ULL << 21), a + head + (14ULL << 21), e - (a + head + (14ULL << 21)),
	       4096, PERM_R | PERM_W);
	check_rules(d, walk(0x29c0));
	CHECK(res.ok);
	CHECK_EQ(nleaves, 526);
	CHECK_STR(res.carveout_leaves, "14x2M+512x4K");
	CHECK_EQ(res.map.n, 3);	/* 4K run, 2M run, 4K run */
}

static void coalesce_and_format(void)
{
	struct map_summary m = { 0 };
	struct smmu_leaf l = { 0x1000, 0x1000, 0x1000, PERM_R, 0, 0 };
	char buf[512];

	map_summary_add(&m, &l);
	l.iova = l.pa = 0x2000;
	map_summary_add(&m, &l);
	l.iova = l.pa = 0x3000;
	l.perm = PERM_R | PERM_W;
	map_summary_add(&m, &l);
	l.iova = 0x5000;	/* gap */
	l.pa = 0x5000;
	map_summary_add(&m, &l);
	CHECK_EQ(m.n, 3);
	CHECK_EQ(m.leaves, 4);
	map_format(&m, buf, sizeof(buf));
	CHECK(!strcmp(buf, "0x1000 0x1000 0x2000 r 4K 2 x,priv,device-0x00\n"
			   "0x3000 0x3000 0x1000 rw 4K 1 x,priv,device-0x00\n"
			   "0x5000 0x5000 0x1000 rw 4K 1 x,priv,device-0x00\n"));
	/* a leaf with other attributes starts a new range */
	l.iova = l.pa = 0x6000;
	l.attrs = LEAF_UXN | LEAF_PXN | LEAF_UNPRIV;
	l.mair = 0x44;
	map_summary_add(&m, &l);
	CHECK_EQ(m.n, 4);
	map_format(&m, buf, sizeof(buf));
	CHECK_STR(buf, "0x6000 0x6000 0x1000 rw 4K 1 xn,user,normal-nc\n");
}

static void bad_table_pointer(void)
{
	u64 ttb = fresh(0x3000, 0);

	*(u64 *)plat_ns_ptr(ttb, 8) = 0x7000 | 3;	/* L0 table pointer outside DRAM */
	CHECK_EQ(walk(0x3000), WALK_ERROR);
	CHECK_STR(why, "not readable");
}

static void t0sz_39_bits_starts_at_l1(void)
{
	u64 ttb = fresh(0x3000, 0), l1, cd;

	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W);
	l1 = *(u64 *)plat_ns_ptr(ttb, 8) & 0xfffffffff000ULL;	/* L0[0] -> L1 */
	cd = *(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) & 0xffffffffffc0ULL;
	*(u64 *)plat_ns_ptr(cd, 8) = (*(u64 *)plat_ns_ptr(cd, 8) & ~0x3fULL) | 25;
	*(u64 *)plat_ns_ptr(cd + 8, 8) = l1;
	CHECK_EQ(walk(0x3000), WALK_S1);
	CHECK_EQ(nleaves, 15);
	CHECK_EQ(leaves[0].iova, 0x95c00000);
	CHECK_EQ(leaves[14].pa, 0x97800000);
}

KTAP_MAIN("smmu_walk", T(leaves_in_order), T(linear_stream_table), T(no_ste),
	  T(smmu_disabled_and_bypass), T(adsp_exact_ok), T(missing_leaf_caught), T(tail_missing_caught),
	  T(readonly_leaf_caught), T(not_identity_caught), T(devmem_wrong_perm_or_missing),
	  T(extra_mapping_refused), T(unaligned_carveout_leaves), T(coalesce_and_format),
	  T(bad_table_pointer), T(t0sz_39_bits_starts_at_l1))
