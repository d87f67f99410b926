// SPDX-License-Identifier: GPL-2.0-only
/*
 * Build SMMUv3 structures the way Linux 6.12 does (2-level stream table with
 * SPLIT 8, S1 STE from arm_smmu_make_cdtable_ste, one CD from
 * arm_smmu_make_s1_cd with EPD1 and io-pgtable's MAIR, T0SZ 16 4K tables,
 * leaves as arm_lpae_prot_to_pte builds them) in fake NS memory.
 */
#include "harness.h"

static u64 pool, pool_end, bump;
static u8 *pool_mem;

static u64 alloc(u64 size, u64 align)
{
	u64 a = (bump + align - 1) & ~(align - 1);

	bump = a + size;
	if (bump > pool_end) {
		fprintf(stderr, "ptgen: pool exhausted\n");
		exit(2);
	}
	memset(pool_mem + (a - pool), 0, size);
	return a;
}

static u64 *at(u64 pa)
{
	return (u64 *)plat_ns_ptr(pa, 8);
}

void pt_init(u64 pool_pa, u64 pool_size)
{
	pool = bump = pool_pa;
	pool_end = pool_pa + pool_size;
	pool_mem = fake_mem_add(pool_pa, pool_size);
}

static int linear_mode;

u64 pt_ste_pa(u32 sid)
{
	u64 base = fake_strtab_base & ~63ULL;

	if (linear_mode)
		return base + 64ULL * sid;
	return (*at(base + 8ULL * (sid >> 8)) & ((1ULL << 52) - 64)) + 64ULL * (sid & 0xff);
}

/* arm_smmu_make_s1_cd: T0SZ 16, TG0 4K, IRGN0/ORGN0 WBWA, SH0 IS, EPD1, V, IPS 48, AA64, R, A, ASET */
#define PT_CD0	(16 | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 1ULL << 30 | 1ULL << 31 | \
		 5ULL << 32 | 1ULL << 41 | 1ULL << 45 | 1ULL << 46 | 1ULL << 47 | 1ULL << 48)
/* io-pgtable-arm: NC (0x44) idx 0, WBRWA (0xff) idx 1, DEVICE (0x04) idx 2, INC_OWBRWA (0xf4) idx 3 */
#define PT_MAIR	0xf404ff44ULL
/* arm_smmu_make_cdtable_ste dword1: S1DSS, S1CIR/S1COR WBRA, S1CSH ISH, STRW EL2 (VHE) */
#define PT_STE1(s1dss) ((u64)(s1dss) | 1ULL << 2 | 1ULL << 4 | 3ULL << 6 | 2ULL << 30)

u64 pt_cd_pa(u32 sid)
{
	return *at(pt_ste_pa(sid)) & ((1ULL << 52) - 64);
}

u64 pt_setup_sid(u32 sid, int linear)
{
	return pt_setup_sid_ssid(sid, linear, 0, 2);
}

/* s1cdmax != 0: a linear CD table of 2^s1cdmax CDs, CD 0 the domain's */
u64 pt_setup_sid_ssid(u32 sid, int linear, u32 s1cdmax, u32 s1dss)
{
	u64 ste, cd, ttb;

	linear_mode = linear;
	fake_cr0 = 1;
	if (!fake_strtab_base) {
		if (linear) {
			fake_strtab_base = alloc(64ULL << 16, 64);
			fake_strtab_cfg = 16;	/* FMT 0, LOG2SIZE 16 */
		} else {
			fake_strtab_base = alloc(8ULL << 8, 64);
			fake_strtab_cfg = 1u << 16 | 8u << 6 | 16;	/* 2-level, SPLIT 8 */
		}
	}
	if (!linear) {
		u64 *l1 = at(fake_strtab_base + 8ULL * (sid >> 8));

		if (!*l1)
			*l1 = alloc(64 * 256, 64) | 9;	/* SPAN = 9 */
	}
	ste = pt_ste_pa(sid);
	cd = alloc(64ULL << s1cdmax, 64);
	ttb = alloc(4096, 4096);
	*at(ste) = 1 | 5 << 1 | cd | (u64)s1cdmax << 59;	/* V, S1 translate, linear CDs */
	*at(ste + 8) = PT_STE1(s1dss);
	*at(cd) = PT_CD0;
	*at(cd + 8) = ttb;
	*at(cd + 24) = PT_MAIR;
	return ttb;
}

/* arm_lpae_prot_to_pte for ARM_64_LPAE_S1 without quirks; prot: PERM_R/W | PT_* (IOMMU_*) */
u64 pt_prot_to_pte(u32 prot)
{
	u64 pte = 1ULL << 11 | 1ULL << 10;			/* nG, AF */

	if (!(prot & PERM_W) && (prot & PERM_R))
		pte |= 1ULL << 7;				/* AP_RDONLY */
	if (!(prot & PT_PRIV))
		pte |= 1ULL << 6;				/* AP_UNPRIV */
	if (prot & PT_MMIO)
		pte |= 2ULL << 2;				/* ATTR_IDX_DEV */
	else if (prot & PT_CACHE)
		pte |= 1ULL << 2;				/* ATTR_IDX_CACHE */
	pte |= (prot & PT_CACHE ? 3ULL : 2ULL) << 8;		/* SH_IS / SH_OS */
	if (prot & PT_NOEXEC)
		pte |= 3ULL << 53;				/* XN */
	return pte;
}

int pt_map(u64 ttb, u64 iova, u64 pa, u64 size, u64 leaf, u32 perm)
{
	int leaf_level = leaf == (1ULL << 30) ? 1 : leaf == (1ULL << 21) ? 2 : 3;
	u64 off;

	for (off = 0; off < size; off += leaf) {
		u64 table = ttb, va = iova + off;
		int lvl;

		for (lvl = 0; lvl < leaf_level; lvl++) {
			u64 *e = at(table + 8 * ((va >> (39 - 9 * lvl)) & 0x1ff));

			if (!(*e & 1))
				*e = alloc(4096, 4096) | 3;
			table = *e & 0xfffffffff000ULL;
		}
		*at(table + 8 * ((va >> (39 - 9 * leaf_level)) & 0x1ff)) =
			(pa + off) | (leaf_level == 3 ? 3 : 1) | pt_prot_to_pte(perm);
	}
	return 0;
}

void pt_map_window(u64 ttb, const struct devmem *m)
{
	pt_map(ttb, m->da, devmem_pa(m), m->size, 4096, devmem_prot(m->flags));
}

void pt_unmap(u64 ttb, u64 iova, u64 size)
{
	u64 va;

	for (va = iova; va < iova + size; va += 4096) {
		u64 table = ttb;
		int lvl;

		for (lvl = 0; lvl < 4; lvl++) {
			u64 *e = at(table + 8 * ((va >> (39 - 9 * lvl)) & 0x1ff));

			if (!(*e & 1))
				break;
			if (lvl == 3 || !(*e & 2)) {
				*e = 0;
				break;
			}
			table = *e & 0xfffffffff000ULL;
		}
	}
}
