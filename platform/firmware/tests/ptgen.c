// SPDX-License-Identifier: GPL-2.0-only
/*
 * Build SMMUv3 structures the way Linux 6.12 does (2-level stream table with
 * SPLIT 8, S1 STE, one CD, T0SZ 16 4K tables) in fake NS memory.
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

u64 pt_setup_sid(u32 sid, int linear)
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
	cd = alloc(64, 64);
	ttb = alloc(4096, 4096);
	*at(ste) = 1 | 5 << 1 | cd;				/* V, S1 translate */
	*at(cd) = 16 | 1ULL << 31 | 1ULL << 41 | 3ULL << 8;	/* T0SZ 16, V, AA64 */
	*at(cd + 8) = ttb;
	return ttb;
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
			(pa + off) | (leaf_level == 3 ? 3 : 1) | 1ULL << 10 |
			(perm & PERM_W ? 0 : 1ULL << 7) | 1ULL << 6;
	}
	return 0;
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
