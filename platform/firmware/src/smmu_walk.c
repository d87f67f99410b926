// SPDX-License-Identifier: GPL-2.0-only
/*
 * Walk Linux's live SMMUv3 structures for one stream ID, the way the SMMU
 * would for a transaction with no substream: STRTAB_BASE(_CFG) -> (L1
 * descriptor) -> STE -> (S1DSS) CD 0 -> TTB0 -> 4K-granule LPAE stage-1
 * tables. Leaves are reported in ascending IOVA order with what the SMMU
 * would apply to them: permissions, XN, AP[1] and the memory type (AttrIndx
 * through the CD's MAIR). A stream configuration that lets transactions
 * escape the tables (S1DSS bypass, TTB1 walks) is reported, not walked.
 * Memory is read through a callback so this runs both at EL3 and in host
 * tests. Layouts: arm-smmu-v3.h (6.12), io-pgtable-arm.c; see smmuv3-walk.md.
 */
#include "pasd.h"

#define GENMASK_ULL(h, l) (((~0ULL) >> (63 - (h))) & ~((1ULL << (l)) - 1))
#define FIELD(v, h, l) (((v) & GENMASK_ULL(h, l)) >> (l))

#define CR0_SMMUEN		BIT(0)
#define GBPA_ABORT		BIT(20)
#define STRTAB_BASE_ADDR	GENMASK_ULL(51, 6)
#define CFG_LOG2SIZE(c)		FIELD(c, 5, 0)
#define CFG_SPLIT(c)		FIELD(c, 10, 6)
#define CFG_FMT(c)		FIELD(c, 17, 16)
#define L1_SPAN(d)		FIELD(d, 4, 0)
#define L1_L2PTR		GENMASK_ULL(51, 6)
#define STE_V			BIT(0)
#define STE_CFG(d)		FIELD(d, 3, 1)
#define STE_S1FMT(d)		FIELD(d, 5, 4)
#define STE_S1CTXPTR		GENMASK_ULL(51, 6)
#define STE_S1CDMAX(d)		FIELD(d, 63, 59)
#define STE1_S1DSS(d)		FIELD(d, 1, 0)	/* 0 terminate, 1 bypass, 2 CD 0 */
#define L1CD_V			BIT(0)
#define L1CD_L2PTR		GENMASK_ULL(51, 12)
#define CD_T0SZ(d)		FIELD(d, 5, 0)
#define CD_TG0(d)		FIELD(d, 7, 6)
#define CD_EPD0			BIT(14)
#define CD_ENDI			BIT(15)
#define CD_EPD1			BIT(30)
#define CD_WXN			BIT(36)
#define CD_UWXN			BIT(37)
#define CD_V			BIT(31)
#define CD_AA64			BIT(41)
#define CD_HD			BIT(42)
#define CD_HA			BIT(43)
#define CD_TTB0			GENMASK_ULL(51, 4)
#define PTE_ADDR		GENMASK_ULL(47, 12)
#define PTE_ATTRINDX(d)		FIELD(d, 4, 2)
#define PTE_AP_UNPRIV		BIT(6)
#define PTE_AP_RDONLY		BIT(7)
#define PTE_AF			BIT(10)
#define PTE_DBM			BIT(51)
#define PTE_PXN			BIT(53)
#define PTE_UXN			BIT(54)
#define TBL_PXN			BIT(59)
#define TBL_UXN			BIT(60)
#define TBL_AP_NOUNPRIV		BIT(61)
#define TBL_AP_NOWRITE		BIT(62)

/* what table descriptors impose on everything below them */
#define INH_NOWRITE		0x1u
#define INH_NOUNPRIV		0x2u
#define INH_UXN			0x4u
#define INH_PXN			0x8u

struct walker {
	rd64_fn rd;
	void *rctx;
	leaf_fn fn;
	void *lctx;
	char *why;
	size_t wlen;
	int err;
	u64 mair;
	bool ha, hd;	/* hardware access flag / dirty state update */
};

static int rd(struct walker *w, u64 pa, u64 *v, const char *what)
{
	if (w->rd(w->rctx, pa, v)) {
		pasd_snprintf(w->why, w->wlen, "%s at 0x%llx is not readable memory", what,
			      (unsigned long long)pa);
		w->err = 1;
		return -1;
	}
	return 0;
}

static void report_leaf(struct walker *w, u64 d, u64 iova, unsigned int shift, u32 inh)
{
	struct smmu_leaf l;
	bool writable = !(d & PTE_AP_RDONLY) || (w->hd && (d & PTE_DBM));

	l.iova = iova;
	l.pa = d & PTE_ADDR & ~((1ULL << shift) - 1);
	l.size = 1ULL << shift;
	l.perm = PERM_R | (writable && !(inh & INH_NOWRITE) ? PERM_W : 0);
	l.attrs = ((d & PTE_UXN) || (inh & INH_UXN) ? LEAF_UXN : 0) |
		  ((d & PTE_PXN) || (inh & INH_PXN) ? LEAF_PXN : 0) |
		  ((d & PTE_AP_UNPRIV) && !(inh & INH_NOUNPRIV) ? LEAF_UNPRIV : 0);
	l.mair = (u8)(w->mair >> (8 * PTE_ATTRINDX(d)));
	w->fn(w->lctx, &l);
}

/* level 0..3; a table at `level` maps 1 << shift(level) per entry */
static void walk_table(struct walker *w, u64 table, int level, u64 base, u32 entries, u32 inh)
{
	unsigned int shift = 39 - 9 * level;
	u32 i;

	for (i = 0; i < entries && !w->err; i++) {
		u64 d, iova = base + ((u64)i << shift);

		if (rd(w, table + 8ULL * i, &d, "page table entry"))
			return;
		if (!(d & 1))
			continue;
		if (level < 3 && (d & 2)) {
			walk_table(w, d & PTE_ADDR, level + 1, iova, 512, inh |
				   (d & TBL_AP_NOWRITE ? INH_NOWRITE : 0) |
				   (d & TBL_AP_NOUNPRIV ? INH_NOUNPRIV : 0) |
				   (d & TBL_UXN ? INH_UXN : 0) | (d & TBL_PXN ? INH_PXN : 0));
			continue;
		}
		/* block (L1/L2) or page (L3); block at L0 and type 1 at L3 fault */
		if ((level == 3 && !(d & 2)) || level == 0)
			continue;
		if (!(d & PTE_AF) && !w->ha)
			continue;	/* access flag fault: not usable */
		report_leaf(w, d, iova, shift, inh);
	}
}

bool mair_is_device(u8 attr)
{
	return !(attr & 0xf0);
}

static bool wb_nibble(u8 n)
{
	return (n & 0xc) == 0xc || ((n & 0xc) == 0x4 && (n & 3));
}

bool mair_is_wb(u8 attr)
{
	return !mair_is_device(attr) && wb_nibble(attr >> 4) && wb_nibble(attr & 0xf);
}

/* e.g. "x,user,normal-nc": execute (x/xn/uxn/pxn), AP[1] (user/priv), memory type */
const char *attr_str(u32 attrs, u8 mair, char *buf, size_t len)
{
	u32 xn = attrs & (LEAF_UXN | LEAF_PXN);
	size_t n;

	n = pasd_snprintf(buf, len, "%s,%s,", xn == (LEAF_UXN | LEAF_PXN) ? "xn" :
			  xn == LEAF_UXN ? "uxn" : xn ? "pxn" : "x",
			  attrs & LEAF_UNPRIV ? "user" : "priv");
	if (n >= len)
		return buf;
	if (mair_is_device(mair))
		pasd_snprintf(buf + n, len - n, "device-0x%02x", mair);
	else if (mair == 0x44)
		pasd_snprintf(buf + n, len - n, "normal-nc");
	else if (mair_is_wb(mair))
		pasd_snprintf(buf + n, len - n, "normal-wb");
	else
		pasd_snprintf(buf + n, len - n, "normal-0x%02x", mair);
	return buf;
}

enum walk_result smmu_walk_sid(const struct smmu_state *s, u32 sid, rd64_fn rdf, void *rctx,
			       leaf_fn fn, void *lctx, char *why, size_t wlen)
{
	struct walker w = { rdf, rctx, fn, lctx, why, wlen, 0, 0, false, false };
	u64 base = s->strtab_base & STRTAB_BASE_ADDR, ste_pa, ste0, ste1, cd_pa, cd0, cd1, mair;
	u32 log2size = CFG_LOG2SIZE(s->strtab_cfg), t0sz, va_bits, start, entries;

	why[0] = 0;
	/* a disabled SMMU passes traffic through unless GBPA.ABORT (QEMU too) */
	if (!(s->cr0 & CR0_SMMUEN)) {
		if (s->gbpa & GBPA_ABORT) {
			pasd_snprintf(why, wlen, "SMMU disabled (CR0.SMMUEN=0), GBPA aborts");
			return WALK_NONE;
		}
		pasd_snprintf(why, wlen, "SMMU disabled (CR0.SMMUEN=0), GBPA bypass");
		return WALK_BYPASS;
	}
	if (log2size < 32 && sid >= (1U << log2size)) {
		pasd_snprintf(why, wlen, "SID 0x%x beyond the stream table (2^%u)", sid, log2size);
		return WALK_NONE;
	}
	switch (CFG_FMT(s->strtab_cfg)) {
	case 0:
		ste_pa = base + 64ULL * sid;
		break;
	case 1: {
		u32 split = CFG_SPLIT(s->strtab_cfg);
		u64 l1;

		if (split != 6 && split != 8 && split != 10) {
			pasd_snprintf(why, wlen, "unsupported STRTAB split %u", split);
			return WALK_ERROR;
		}
		if (rd(&w, base + 8ULL * (sid >> split), &l1, "L1 stream table descriptor"))
			return WALK_ERROR;
		if (!L1_SPAN(l1) || (sid & ((1U << split) - 1)) >= (1U << (L1_SPAN(l1) - 1))) {
			pasd_snprintf(why, wlen, "no valid STE for SID 0x%x", sid);
			return WALK_NONE;
		}
		ste_pa = (l1 & L1_L2PTR) + 64ULL * (sid & ((1U << split) - 1));
		break;
	}
	default:
		pasd_snprintf(why, wlen, "unsupported STRTAB format %llu",
			      (unsigned long long)CFG_FMT(s->strtab_cfg));
		return WALK_ERROR;
	}
	if (rd(&w, ste_pa, &ste0, "STE"))
		return WALK_ERROR;
	if (!(ste0 & STE_V)) {
		pasd_snprintf(why, wlen, "no valid STE for SID 0x%x", sid);
		return WALK_NONE;
	}
	switch (STE_CFG(ste0)) {
	case 0:
		pasd_snprintf(why, wlen, "STE for SID 0x%x aborts", sid);
		return WALK_NONE;
	case 4:
		pasd_snprintf(why, wlen, "STE for SID 0x%x is bypass", sid);
		return WALK_BYPASS;
	case 5:
		break;
	default:
		pasd_snprintf(why, wlen, "STE for SID 0x%x has unsupported config %llu (stage 2)",
			      sid, (unsigned long long)STE_CFG(ste0));
		return WALK_ERROR;
	}
	cd_pa = ste0 & STE_S1CTXPTR;
	/* with substreams, S1DSS decides what a transaction without one gets */
	if (STE_S1CDMAX(ste0)) {
		if (rd(&w, ste_pa + 8, &ste1, "STE"))
			return WALK_ERROR;
		switch (STE1_S1DSS(ste1)) {
		case 0:
			pasd_snprintf(why, wlen, "STE for SID 0x%x: S1DSS terminate (S1CDMax %llu): "
				      "transactions without a substream abort", sid,
				      (unsigned long long)STE_S1CDMAX(ste0));
			return WALK_NONE;
		case 1:
			pasd_snprintf(why, wlen, "STE for SID 0x%x: S1DSS bypass (S1CDMax %llu): "
				      "transactions without a substream bypass the SMMU", sid,
				      (unsigned long long)STE_S1CDMAX(ste0));
			return WALK_BYPASS;
		case 2:
			break;	/* CD 0 */
		default:
			pasd_snprintf(why, wlen, "STE for SID 0x%x: reserved S1DSS 3", sid);
			return WALK_ERROR;
		}
		if (STE_S1FMT(ste0) == 3) {
			pasd_snprintf(why, wlen, "STE for SID 0x%x: reserved S1Fmt 3", sid);
			return WALK_ERROR;
		}
	}
	if (STE_S1CDMAX(ste0) && STE_S1FMT(ste0)) {
		u64 l1cd;

		if (rd(&w, cd_pa, &l1cd, "L1 CD descriptor"))
			return WALK_ERROR;
		if (!(l1cd & L1CD_V)) {
			pasd_snprintf(why, wlen, "no valid CD for SID 0x%x", sid);
			return WALK_NONE;
		}
		cd_pa = l1cd & L1CD_L2PTR;
	}
	if (rd(&w, cd_pa, &cd0, "CD") || rd(&w, cd_pa + 8, &cd1, "CD") ||
	    rd(&w, cd_pa + 24, &mair, "CD"))
		return WALK_ERROR;
	if (!(cd0 & CD_V)) {
		pasd_snprintf(why, wlen, "no valid CD for SID 0x%x", sid);
		return WALK_NONE;
	}
	if (!(cd0 & CD_AA64)) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x: AA64 clear (AArch32 tables)", sid);
		return WALK_ERROR;
	}
	if (CD_TG0(cd0) != 0) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x: TG0 %llu is not the 4K granule", sid,
			      (unsigned long long)CD_TG0(cd0));
		return WALK_ERROR;
	}
	if (cd0 & CD_ENDI) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x: big-endian tables (ENDI)", sid);
		return WALK_ERROR;
	}
	/* Linux never sets them; they would make the rw carveout non-executable */
	if (cd0 & (CD_WXN | CD_UWXN)) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x: WXN/UWXN set (writable memory not executable)",
			      sid);
		return WALK_ERROR;
	}
	/* io-pgtable fills TTB0 only: with EPD1 clear the SMMU walks TTB1 too */
	if (!(cd0 & CD_EPD1)) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x: EPD1 clear (TTB1 walks possible)", sid);
		return WALK_ERROR;
	}
	if (cd0 & CD_EPD0) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x has TTB0 walks disabled", sid);
		return WALK_NONE;
	}
	w.mair = mair;
	w.ha = cd0 & CD_HA;
	w.hd = (cd0 & CD_HA) && (cd0 & CD_HD);
	t0sz = CD_T0SZ(cd0);
	if (t0sz < 16 || t0sz > 39) {
		pasd_snprintf(why, wlen, "CD for SID 0x%x: unsupported T0SZ %u", sid, t0sz);
		return WALK_ERROR;
	}
	va_bits = 64 - t0sz;
	start = va_bits > 39 ? 0 : va_bits > 30 ? 1 : 2;
	entries = 1U << (va_bits - (39 - 9 * start));
	/* the top table is aligned to its size (4K for 512 entries, >= 64 bytes) */
	walk_table(&w, cd1 & CD_TTB0 & ~((u64)(entries < 8 ? 8 : entries) * 8 - 1), start, 0,
		   entries, 0);
	return w.err ? WALK_ERROR : WALK_S1;
}

/* ---- coalescing and formatting ---- */

const char *perm_str(u32 perm)
{
	return perm == (PERM_R | PERM_W) ? "rw" : perm == PERM_R ? "r" : perm == PERM_W ? "w" : "-";
}

const char *size_str(u64 sz, char *buf, size_t len)
{
	if (sz >= (1ULL << 30) && !(sz & ((1ULL << 30) - 1)))
		pasd_snprintf(buf, len, "%lluG", (unsigned long long)(sz >> 30));
	else if (sz >= (1ULL << 20) && !(sz & ((1ULL << 20) - 1)))
		pasd_snprintf(buf, len, "%lluM", (unsigned long long)(sz >> 20));
	else if (sz >= 1024 && !(sz & 1023))
		pasd_snprintf(buf, len, "%lluK", (unsigned long long)(sz >> 10));
	else
		pasd_snprintf(buf, len, "%llu", (unsigned long long)sz);
	return buf;
}

void map_summary_add(struct map_summary *m, const struct smmu_leaf *l)
{
	struct map_range *p = m->n ? &m->r[m->n - 1] : NULL;

	m->leaves++;
	if (p && p->iova + p->size == l->iova && p->pa + p->size == l->pa &&
	    p->perm == l->perm && p->leaf == l->size && p->attrs == l->attrs &&
	    p->mair == l->mair) {
		p->size += l->size;
		p->count++;
		return;
	}
	if (m->n == MAX_RANGES) {
		m->dropped++;
		return;
	}
	m->r[m->n++] = (struct map_range){ l->iova, l->pa, l->size, l->size, l->perm, 1,
					   l->attrs, l->mair };
}

/* "iova pa size perms leafsize count attrs" per line */
int map_format(const struct map_summary *m, char *buf, size_t len)
{
	size_t pos = 0;
	u32 i;

	buf[0] = 0;
	for (i = 0; i < m->n; i++) {
		const struct map_range *r = &m->r[i];
		char ls[16], as[32];

		pos += pasd_snprintf(buf + (pos < len ? pos : len), pos < len ? len - pos : 0,
				     "0x%llx 0x%llx 0x%llx %s %s %u %s\n",
				     (unsigned long long)r->iova, (unsigned long long)r->pa,
				     (unsigned long long)r->size, perm_str(r->perm),
				     size_str(r->leaf, ls, sizeof(ls)), r->count,
				     attr_str(r->attrs, r->mair, as, sizeof(as)));
	}
	if (m->dropped)
		pos += pasd_snprintf(buf + (pos < len ? pos : len), pos < len ? len - pos : 0,
				     "# %u more ranges\n", m->dropped);
	return (int)pos;
}
