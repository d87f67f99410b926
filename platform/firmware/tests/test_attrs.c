// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the SMMU would apply besides R/W: XN (UXN/PXN), AP[1], the memory type
 * (AttrIndx through the CD's MAIR), table-descriptor limits, HA/HD; the
 * STE/CD checks (S1DSS with substreams, EPD1, TG0, AA64, ENDI); and the rules
 * over them: the carveout rwx, unprivileged, Normal; each devmem window, da
 * mapping pa, exactly as its DEVMEM_* flags make io-pgtable map it (DEVICE:
 * Device memory and XN; else Normal non-cacheable, executable); a failed walk
 * refuses.
 */
#include "harness.h"

#define CARVE 0x95c00000ULL
#define CSIZE 0x1e00000ULL
#define SID 0x3000

static struct smmu_leaf leaves[4096];
static u64 nleaves;
static char why[200];
static struct rules_result res;

/* a remote with one window per kind of flags (the platform's ADSP has only DEVICE ones) */
static const struct devmem wins[] = {	/* da, size, flags, pa (0: identity) */
	{ 0x00110000, 0x4000, DEVMEM_READ | DEVMEM_DEVICE, 0 },
	{ 0x00120000, 0x2000, DEVMEM_READ | DEVMEM_WRITE | DEVMEM_DEVICE, 0 },
	{ 0x00130000, 0x1000, DEVMEM_READ, 0 },
	{ 0x00140000, 0x1000, DEVMEM_READ | DEVMEM_WRITE | DEVMEM_DEVICE, 0x00540000 },	/* da != pa */
	{ 0x00150000, 0x1000, DEVMEM_READ | DEVMEM_WRITE, 0 },
};
static const struct remote_desc R = { .name = "test", .pas_id = 1, .carveout = CARVE, .size = CSIZE,
				      .sid = SID, .first_spi = 224, .devmem = wins,
				      .n_devmem = ARRAY_SIZE(wins) };

static u64 *ptr(u64 pa)
{
	return (u64 *)plat_ns_ptr(pa, 8);
}

static void collect(void *ctx, const struct smmu_leaf *l)
{
	(void)ctx;
	if (nleaves < ARRAY_SIZE(leaves))
		leaves[nleaves] = *l;
	nleaves++;
}

static enum walk_result walk(void)
{
	struct smmu_state s = { fake_cr0, fake_strtab_base, fake_strtab_cfg, fake_gbpa };

	nleaves = 0;
	return smmu_walk_sid(&s, SID, fake_rd64, NULL, collect, NULL, why, sizeof(why));
}

static void rules(void)
{
	enum walk_result wr = walk();

	rules_check(&R, wr, why, leaves, nleaves, &res);
}

static u64 fresh(void)
{
	fake_mem_reset();
	pt_init(0x40100000, 0x1000000);
	return pt_setup_sid(SID, 0);
}

static void map_carveout(u64 ttb, u32 extra)
{
	pt_map(ttb, CARVE, CARVE, CSIZE, 1 << 21, PERM_R | PERM_W | extra);
}

static void map_wins(u64 ttb, int skip)
{
	for (int i = 0; i < (int)ARRAY_SIZE(wins); i++)
		if (i != skip)
			pt_map_window(ttb, &wins[i]);
}

/* the leaf descriptor for iova (4K pages or 2M blocks as mapped by ptgen) */
static u64 *pte(u64 ttb, u64 iova)
{
	u64 table = ttb;

	for (int lvl = 0; lvl < 4; lvl++) {
		u64 *e = ptr(table + 8 * ((iova >> (39 - 9 * lvl)) & 0x1ff));

		if (lvl == 3 || (*e & 3) == 1)
			return e;
		table = *e & 0xfffffffff000ULL;
	}
	return NULL;
}

static u64 *table_desc(u64 ttb, u64 iova, int lvl)	/* the descriptor at lvl pointing down */
{
	u64 table = ttb;

	for (int l = 0; l < lvl; l++)
		table = *ptr(table + 8 * ((iova >> (39 - 9 * l)) & 0x1ff)) & 0xfffffffff000ULL;
	return ptr(table + 8 * ((iova >> (39 - 9 * lvl)) & 0x1ff));
}

static void exact_map_passes(void)
{
	u64 ttb = fresh();

	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	rules();
	CHECK(res.ok);
	if (!res.ok)
		printf("# %s\n", res.why);
	CHECK_EQ(res.devmem_ok, 5);
	/* a cacheable carveout (IOMMU_CACHE) is still Normal memory: fine */
	ttb = fresh();
	map_carveout(ttb, PT_CACHE);
	map_wins(ttb, -1);
	rules();
	CHECK(res.ok);
}

static void leaf_attributes_as_linux_sets_them(void)
{
	u64 ttb = fresh();

	pt_map(ttb, 0x110000, 0x110000, 0x1000, 4096, PERM_R | PT_NOEXEC);
	pt_map(ttb, 0x111000, 0x111000, 0x1000, 4096, PERM_R | PERM_W | PT_MMIO);
	pt_map(ttb, 0x112000, 0x112000, 0x1000, 4096, PERM_R | PERM_W | PT_CACHE | PT_PRIV);
	pt_map(ttb, 0x113000, 0x113000, 0x1000, 4096, PERM_R | PERM_W);
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(nleaves, 4);
	CHECK_EQ(leaves[0].perm, PERM_R);
	CHECK_EQ(leaves[0].attrs, LEAF_UXN | LEAF_PXN | LEAF_UNPRIV);
	CHECK_EQ(leaves[0].mair, 0x44);
	CHECK_EQ(leaves[1].attrs, LEAF_UNPRIV);
	CHECK_EQ(leaves[1].mair, 0x04);
	CHECK(mair_is_device(leaves[1].mair));
	CHECK_EQ(leaves[2].attrs, 0);		/* IOMMU_PRIV: AP[1] clear */
	CHECK_EQ(leaves[2].mair, 0xff);
	CHECK(mair_is_wb(leaves[2].mair));
	CHECK_EQ(leaves[3].perm, PERM_R | PERM_W);
	CHECK(!mair_is_wb(0xf4) && !mair_is_wb(0x44) && !mair_is_wb(0x04) && mair_is_wb(0xee));
}

static void table_descriptor_limits(void)
{
	u64 ttb = fresh(), *t;

	pt_map(ttb, 0x110000, 0x110000, 0x1000, 4096, PERM_R | PERM_W);
	t = table_desc(ttb, 0x110000, 2);	/* L2 entry -> L3 table */
	*t |= 1ULL << 59 | 1ULL << 60 | 1ULL << 61 | 1ULL << 62;	/* PXN/UXNTable, APTable */
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(nleaves, 1);
	CHECK_EQ(leaves[0].perm, PERM_R);
	CHECK_EQ(leaves[0].attrs, LEAF_UXN | LEAF_PXN);
}

static void access_flag_and_dirty_state(void)
{
	u64 ttb = fresh(), cd;

	pt_map(ttb, 0x110000, 0x110000, 0x1000, 4096, PERM_R);
	*pte(ttb, 0x110000) &= ~(1ULL << 10);	/* AF clear */
	*pte(ttb, 0x110000) |= 1ULL << 51;	/* DBM: writable-clean with HD */
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(nleaves, 0);			/* no HTTU: an AF fault */
	cd = pt_cd_pa(SID);
	*ptr(cd) |= 1ULL << 43;			/* HA */
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(nleaves, 1);
	CHECK_EQ(leaves[0].perm, PERM_R);
	*ptr(cd) |= 1ULL << 42;			/* HD */
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(leaves[0].perm, PERM_R | PERM_W);
}

static void carveout_must_be_rwx_user_normal(void)
{
	u64 ttb = fresh();

	map_carveout(ttb, PT_NOEXEC);
	map_wins(ttb, -1);
	rules();
	CHECK(!res.ok);
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 not executable (XN) at 0x95c00000 (must be executable)");

	ttb = fresh();
	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	*pte(ttb, 0x96000000) |= 1ULL << 54;	/* one block UXN only */
	rules();
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 not executable (UXN) at 0x96000000");

	ttb = fresh();
	map_carveout(ttb, PT_PRIV);
	map_wins(ttb, -1);
	rules();
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 privileged-only (AP[1] clear) at 0x95c00000");

	ttb = fresh();
	map_carveout(ttb, PT_MMIO);
	map_wins(ttb, -1);
	rules();
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 Device memory (MAIR 0x04) at 0x95c00000 (must be Normal)");
	CHECK_EQ(res.devmem_ok, 5);
}

static void mair_resolves_attrindx(void)
{
	u64 ttb = fresh();

	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	/* the same AttrIndx 0, but this CD's MAIR makes it Device-nGnRnE */
	*ptr(pt_cd_pa(SID) + 24) = 0xf404ff00ULL;
	rules();
	CHECK(!res.ok);
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 Device memory (MAIR 0x00) at 0x95c00000");
}

/* the carveout and every window but `skip` as declared, then `skip` mapped iova -> pa with prot */
static void window_as(int skip, u64 iova, u64 pa, u64 size, u32 prot)
{
	u64 ttb = fresh();

	map_carveout(ttb, 0);
	map_wins(ttb, skip);
	pt_map(ttb, iova, pa, size, 4096, prot);
	rules();
}

/* window `skip` mapped identity with prot: refused with want */
static void window_refused(int skip, u64 addr, u64 size, u32 prot, const char *want)
{
	window_as(skip, addr, addr, size, prot);
	CHECK(!res.ok);
	CHECK_STR(res.why, want);
}

static void window_noexec(void)
{
	u64 ttb = fresh();

	map_carveout(ttb, 0);
	map_wins(ttb, 0);
	pt_map(ttb, 0x110000, 0x110000, 0x4000, 4096, PERM_R);	/* MMIO | NOEXEC dropped */
	rules();
	CHECK(!res.ok);
	CHECK_STR(res.why, "devmem 0x110000+0x4000 executable at 0x110000 (DEVICE)");
	CHECK_EQ(res.devmem_ok, 4);

	ttb = fresh();
	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	*pte(ttb, 0x112000) &= ~(1ULL << 53);	/* PXN cleared on one page */
	rules();
	CHECK_STR(res.why, "devmem 0x110000+0x4000 executable when privileged (PXN clear) at 0x112000 (DEVICE)");

	window_refused(4, 0x150000, 0x1000, PERM_R | PERM_W | PT_NOEXEC,
		       "devmem 0x150000+0x1000 not executable (XN) at 0x150000 (no DEVICE)");
}

static void window_memory_type(void)
{
	u64 ttb = fresh();

	map_carveout(ttb, 0);
	map_wins(ttb, 1);
	pt_map(ttb, 0x120000, 0x120000, 0x2000, 4096, PERM_R | PERM_W | PT_NOEXEC);	/* no MMIO */
	rules();
	CHECK_STR(res.why, "devmem 0x120000+0x2000 Normal memory (MAIR 0x44) at 0x120000 (DEVICE: must be Device)");

	window_refused(4, 0x150000, 0x1000, PERM_R | PERM_W | PT_MMIO,
		       "devmem 0x150000+0x1000 Device memory (MAIR 0x04) at 0x150000 (no DEVICE: must be Normal)");

	window_refused(2, 0x130000, 0x1000, PERM_R | PT_CACHE,
		       "devmem 0x130000+0x1000 cacheable (MAIR 0xff) at 0x130000 (no DEVICE: must be non-cacheable)");

	/* MMIO wins over CACHE in io-pgtable: still Device; a privileged window is refused */
	window_as(1, 0x120000, 0x120000, 0x2000, PERM_R | PERM_W | PT_MMIO | PT_NOEXEC | PT_CACHE);
	CHECK(res.ok);
	window_refused(1, 0x120000, 0x2000, PERM_R | PERM_W | PT_MMIO | PT_NOEXEC | PT_PRIV,
		       "devmem 0x120000+0x2000 privileged-only (AP[1] clear) at 0x120000");
}

/* DEVICE is mapped IOMMU_MMIO | IOMMU_NOEXEC: Device memory, XN; plain R/RW Normal-NC, executable */
static void device_flag_prot_and_attrs(void)
{
	u64 ttb = fresh();

	CHECK_EQ(devmem_prot(DEVMEM_READ), IOMMU_READ);
	CHECK_EQ(devmem_prot(DEVMEM_READ | DEVMEM_WRITE), IOMMU_READ | IOMMU_WRITE);
	CHECK_EQ(devmem_prot(5), IOMMU_READ | IOMMU_MMIO | IOMMU_NOEXEC);
	CHECK_EQ(devmem_prot(7), IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC);
	map_wins(ttb, -1);
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(leaves[0].iova, 0x110000);
	CHECK_EQ(leaves[0].attrs, LEAF_UXN | LEAF_PXN | LEAF_UNPRIV);
	CHECK(mair_is_device(leaves[0].mair));
	CHECK_EQ(leaves[6].iova, 0x130000);	/* 4 + 2 pages of DEVICE windows first */
	CHECK_EQ(leaves[6].attrs, LEAF_UNPRIV);
	CHECK_EQ(leaves[6].mair, 0x44);
	/* MMIO without NOEXEC: executable (window_noexec and _memory_type have the rest) */
	window_as(3, 0x140000, 0x540000, 0x1000, PERM_R | PERM_W | PT_MMIO);
	CHECK_STR(res.why, "devmem 0x140000+0x1000 executable at 0x140000 (DEVICE)");
}

/* a window whose device address is not its physical one: da -> pa, exactly */
static void window_da_not_pa(void)
{
	u64 ttb = fresh();
	struct remote_desc d = R;
	struct devmem w = { 0x40000000, 0x200000, DEVMEM_READ | DEVMEM_WRITE | DEVMEM_DEVICE, 0x00501000 };
	u64 c, m;

	map_wins(ttb, -1);
	CHECK_EQ(walk(), WALK_S1);
	CHECK_EQ(leaves[7].iova, 0x140000);
	CHECK_EQ(leaves[7].pa, 0x540000);
	map_carveout(ttb, 0);
	rules();
	CHECK(res.ok);
	window_refused(3, 0x140000, 0x1000, PERM_R | PERM_W | PT_MMIO | PT_NOEXEC,
		       "devmem 0x140000+0x1000 IOVA 0x140000 maps PA 0x140000 (not PA 0x540000)");
	window_as(3, 0x140000, 0x541000, 0x1000, PERM_R | PERM_W | PT_MMIO | PT_NOEXEC);
	CHECK_STR(res.why, "IOVA 0x140000 maps PA 0x541000 (not PA 0x540000)");
	/* mapped at its pa as IOVA: the window is missing and the page is extra */
	window_as(3, 0x540000, 0x540000, 0x1000, PERM_R | PERM_W | PT_MMIO | PT_NOEXEC);
	CHECK_STR(res.why, "devmem 0x140000+0x1000 not mapped at 0x140000");
	/* iommu_map() splits by both addresses: a 2M-aligned da, a 4K-aligned pa: 512 pages */
	d.devmem = &w;
	d.n_devmem = 1;
	CHECK_EQ(remote_expected_leaves(&d, &c, &m), 15 + 512);
	CHECK_EQ(m, 512);
	w.pa = 0x00600000;
	CHECK_EQ(remote_expected_leaves(&d, &c, &m), 15 + 1);
}

static void s1dss_with_substreams(void)
{
	u64 ttb;

	fake_mem_reset();
	pt_init(0x40100000, 0x1000000);
	ttb = pt_setup_sid_ssid(SID, 0, 2, 2);	/* 4 CDs, S1DSS = CD 0: as without substreams */
	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	rules();
	CHECK(res.ok);

	fake_mem_reset();
	pt_init(0x40100000, 0x1000000);
	ttb = pt_setup_sid_ssid(SID, 0, 2, 1);	/* bypass */
	map_carveout(ttb, 0);
	CHECK_EQ(walk(), WALK_BYPASS);
	CHECK_STR(why, "STE for SID 0x3000: S1DSS bypass (S1CDMax 2)");
	rules();
	CHECK(!res.ok);
	CHECK_STR(res.why, "S1DSS bypass (S1CDMax 2): transactions without a substream bypass the SMMU: every address reachable");

	fake_mem_reset();
	pt_init(0x40100000, 0x1000000);
	ttb = pt_setup_sid_ssid(SID, 0, 2, 0);	/* terminate */
	map_carveout(ttb, 0);
	CHECK_EQ(walk(), WALK_NONE);
	rules();
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000 (STE for SID 0x3000: S1DSS terminate");

	/* S1CDMax 0: no substreams, S1DSS is ignored as the SMMU does */
	fake_mem_reset();
	pt_init(0x40100000, 0x1000000);
	ttb = pt_setup_sid_ssid(SID, 0, 0, 1);
	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	rules();
	CHECK(res.ok);
}

static void cd_checks(void)
{
	static const struct {
		u64 clear, set;
		enum walk_result wr;
		const char *why;
	} c[] = {
		{ 1ULL << 30, 0, WALK_ERROR, "CD for SID 0x3000: EPD1 clear (TTB1 walks possible)" },
		{ 0, 1ULL << 6, WALK_ERROR, "CD for SID 0x3000: TG0 1 is not the 4K granule" },
		{ 1ULL << 41, 0, WALK_ERROR, "CD for SID 0x3000: AA64 clear" },
		{ 0, 1ULL << 15, WALK_ERROR, "CD for SID 0x3000: big-endian tables (ENDI)" },
		{ 0, 1ULL << 36, WALK_ERROR, "CD for SID 0x3000: WXN/UWXN set (writable memory not executable)" },
		{ 0, 1ULL << 37, WALK_ERROR, "CD for SID 0x3000: WXN/UWXN set (writable memory not executable)" },
		{ 0, 1ULL << 14, WALK_NONE, "CD for SID 0x3000 has TTB0 walks disabled" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(c); i++) {
		u64 ttb = fresh(), cd = pt_cd_pa(SID);

		map_carveout(ttb, 0);
		map_wins(ttb, -1);
		*ptr(cd) = (*ptr(cd) & ~c[i].clear) | c[i].set;
		CHECK_EQ(walk(), c[i].wr);
		CHECK_STR(why, c[i].why);
		rules();
		CHECK(!res.ok);
		CHECK_STR(res.why, c[i].why);
	}
	/* the refusal names the failed walk */
	CHECK_STR(res.why, "carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000 (CD for SID");
	fresh();
	*ptr(pt_cd_pa(SID)) &= ~(1ULL << 30);
	rules();
	CHECK_STR(res.why, "SMMU walk for SID 0x3000 failed: CD for SID 0x3000: EPD1 clear");
}

static void walk_error_after_carveout_refused(void)
{
	u64 ttb = fresh();

	map_carveout(ttb, 0);
	map_wins(ttb, -1);
	/* everything required is mapped, then an unreadable table further up */
	*table_desc(ttb, 0xc0000000ULL, 1) = 0x7000 | 3;
	CHECK_EQ(walk(), WALK_ERROR);
	rules();
	CHECK(!res.ok);
	CHECK_STR(res.why, "SMMU walk for SID 0x3000 failed: page table entry at 0x7000 is not readable memory");
}

KTAP_MAIN("smmu_attrs", T(exact_map_passes), T(leaf_attributes_as_linux_sets_them),
	  T(table_descriptor_limits), T(access_flag_and_dirty_state),
	  T(carveout_must_be_rwx_user_normal), T(mair_resolves_attrindx), T(window_noexec),
	  T(window_memory_type), T(device_flag_prot_and_attrs), T(window_da_not_pa),
	  T(s1dss_with_substreams), T(cd_checks),
	  T(walk_error_after_carveout_refused))
