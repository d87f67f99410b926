// SPDX-License-Identifier: GPL-2.0-only
/*
 * QHEE mode: the EL2 values that let Linux run at EL1 untrapped (el2.c), per
 * CPU feature; and the FDT /memreserve/ that keeps Linux off the EL2 vectors.
 */
#include "harness.h"

#define F(v, lo)	((u64)(v) << (lo))

/* a Cortex-A57-like CPU: no SVE/SME/FGT/HCX, PMUv3 with 6 counters */
static const struct el2_id a57 = {
	.dfr0 = F(1, 8), .pmcr = F(6, 11), .midr = 0x411fd070, .mpidr = 0x80000002,
};

/* QEMU 10.0 `-cpu max` as far as el2.c looks: SVE, SME (FA64), MTE 1 (no tags
 * with mte=off), FGT, HCX, MOPS, PMUv3p8 (PMUVer 8), LOR; no TCR2/S1PIE/GCS/FPMR */
static const struct el2_id qemu10 = {
	.pfr0 = F(1, 32) | F(1, 24), .pfr1 = F(1, 24) | F(1, 8), .mmfr0 = F(1, 56),
	.mmfr1 = F(1, 40) | F(1, 16), .isar2 = F(1, 16), .dfr0 = F(8, 8),
	.smfr0 = 1ULL << 63, .smidr = 0, .pmcr = F(6, 11), .midr = 0x000f0510,
	.mpidr = 0x80000001,
};

static void plain_v8(void)
{
	struct el2_regs r;

	el2_for_el1(&a57, &r);
	/* RW | API | APK: AArch64 EL1, pointer auth untrapped (booting.rst) */
	CHECK_EQ(r.hcr, BIT(31) | BIT(40) | BIT(41));
	CHECK_EQ(r.cnthctl, 3);			/* EL1PCTEN | EL1PCEN */
	CHECK_EQ(r.cptr, 0x33ff);		/* RES1 only: TFP, TAM, TCPAC = 0 */
	CHECK_EQ(r.mdcr, 6);			/* HPMN = PMCR_EL0.N */
	CHECK_EQ(r.icc_sre, 0xf);
	CHECK_EQ(r.vpidr, a57.midr);
	CHECK_EQ(r.vmpidr, a57.mpidr);
	CHECK_EQ(r.sctlr_el1 & 1, 0);		/* MMU off at entry */
	CHECK_EQ(r.sctlr_el2, 0x30c50830);
	CHECK(!r.has_hcrx && !r.has_fgt && !r.has_fgt2 && !r.has_sve && !r.has_sme);
}

static void qemu_max(void)
{
	struct el2_regs r;

	el2_for_el1(&qemu10, &r);
	CHECK_EQ(r.hcr, BIT(31) | BIT(40) | BIT(41));	/* MTE 1: no ATA */
	CHECK_EQ(r.cptr, 0x22ff);		/* TZ and TSM clear: SVE and SME untrapped */
	CHECK_EQ(r.zcr, 0xf);
	CHECK_EQ(r.smcr, 0xf | BIT(31));	/* FA64, no EZT0 (SME1) */
	CHECK_EQ(r.sctlr_el2 & BIT(60), BIT(60));	/* EnTP2 */
	CHECK(r.has_hcrx);
	CHECK_EQ(r.hcrx, BIT(11));		/* MSCEn: MOPS at EL1/EL0 */
	CHECK(r.has_fgt && !r.has_fgt2);
	/* the n-bits of SME (booting.rst): TPIDR2_EL0 and SMPRI_EL1 untrapped */
	CHECK_EQ(r.hfgrtr, BIT(54) | BIT(55));
	CHECK_EQ(r.hfgwtr, BIT(54) | BIT(55));
	CHECK_EQ(r.hfgitr, 0);
	CHECK_EQ(r.hdfgrtr, 0);
	CHECK(r.has_lor);
	CHECK(!r.smprimap);
}

static void newer_features(void)
{
	struct el2_id id = qemu10;
	struct el2_regs r;

	id.mmfr3 = F(1, 0) | F(1, 4) | F(1, 8) | F(1, 16) | F(1, 24);	/* TCR2 SCTLR2 S1PIE S1POE AIE */
	id.pfr1 |= F(1, 44) | F(1, 48) | F(2, 8);			/* GCS, THE, MTE2 */
	id.pfr1 = (id.pfr1 & ~F(0xf, 24)) | F(2, 24);			/* SME2 */
	id.pfr2 = F(1, 32);						/* FPMR */
	id.isar1 = F(3, 60);						/* LS64_ACCDATA */
	id.dfr0 = F(9, 8) | F(3, 32) | F(1, 52);			/* PMUv3p9, SPEv1p2, BRBE */
	id.mmfr0 = F(2, 56);						/* FGT2 */
	id.smidr = BIT(15);
	el2_for_el1(&id, &r);
	CHECK_EQ(r.hcr & BIT(56), BIT(56));				/* ATA */
	CHECK_EQ(r.hcrx, BIT(11) | BIT(14) | BIT(15) | BIT(22) | BIT(23));
	CHECK_EQ(r.hfgrtr, BIT(50) | BIT(52) | BIT(53) | BIT(54) | BIT(55) | BIT(56) | BIT(57) |
			   BIT(58) | BIT(59) | BIT(60) | BIT(62) | BIT(63));
	CHECK_EQ(r.hfgwtr, r.hfgrtr);
	CHECK_EQ(r.hfgrtr & BIT(61), 0);				/* nS2POR: EL2's own */
	CHECK_EQ(r.hfgitr, BIT(55) | BIT(56) | BIT(57) | BIT(58) | BIT(59));
	CHECK_EQ(r.hdfgrtr, BIT(59) | BIT(60) | BIT(61) | BIT(62));
	CHECK_EQ(r.hdfgwtr, BIT(60) | BIT(61) | BIT(62));
	CHECK(r.has_fgt2);
	CHECK_EQ(r.hdfgrtr2, BIT(2) | BIT(3) | BIT(4));
	CHECK_EQ(r.hdfgwtr2, BIT(2) | BIT(3) | BIT(4) | BIT(21));
	CHECK_EQ(r.smcr, 0xf | BIT(31) | BIT(30));			/* EZT0 */
	CHECK(r.smprimap);
	CHECK_EQ(r.mdcr, 6 | (3 << 12));				/* E2PB: SPE owned by EL1 */
}

static void vhe_only(void)
{
	struct el2_id id = qemu10;
	struct el2_regs r;

	id.mmfr4 = F(0xf, 24);		/* E2H0 = -1: HCR_EL2.E2H is RES1 */
	el2_for_el1(&id, &r);
	CHECK_EQ(r.hcr & BIT(34), BIT(34));
	CHECK_EQ(r.cnthctl, 3 << 10);
	CHECK_EQ(r.cptr, (3ULL << 20) | (3ULL << 16) | (3ULL << 24));	/* FPEN ZEN SMEN */
}

static void pmu_imp_def(void)
{
	struct el2_id id = a57;
	struct el2_regs r;

	id.dfr0 = F(0xf, 8);
	el2_for_el1(&id, &r);
	CHECK_EQ(r.mdcr, 0);
}

/* ---- FDT ---- */
static void put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static u32 get32(const u8 *p)
{
	return (u32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static u64 get64(const u8 *p)
{
	return (u64)get32(p) << 32 | get32(p + 4);
}

/* header, rsvmap (nrsv entries + terminator), a root node, strings: as dtc lays it out */
static u32 mkfdt(u8 *b, int nrsv)
{
	u32 rsv = 40, st = rsv + 16 * (nrsv + 1), str, total;
	int i;

	memset(b, 0, 512);
	for (i = 0; i < nrsv; i++) {
		put32(b + rsv + 16 * i + 4, 0x40000000 + i * 0x1000);
		put32(b + rsv + 16 * i + 12, 0x1000);
	}
	put32(b + st, 1);		/* FDT_BEGIN_NODE "" */
	put32(b + st + 8, 3);		/* FDT_PROP len 4 nameoff 0 */
	put32(b + st + 12, 4);
	put32(b + st + 20, 0xcafe);
	put32(b + st + 24, 2);		/* FDT_END_NODE */
	put32(b + st + 28, 9);		/* FDT_END */
	str = st + 32;
	memcpy(b + str, "model", 6);
	total = str + 6;
	put32(b, 0xd00dfeed);
	put32(b + 4, total);
	put32(b + 8, st);
	put32(b + 12, str);
	put32(b + 16, rsv);
	put32(b + 20, 17);
	put32(b + 24, 16);
	put32(b + 32, 6);
	put32(b + 36, 32);
	return total;
}

static void fdt_memreserve(void)
{
	u8 b[512], orig[512];
	u32 total = mkfdt(b, 1), st = get32(b + 8);

	memcpy(orig, b, sizeof(b));
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), 0);
	CHECK_EQ(get32(b + 4), total + 16);
	CHECK_EQ(get32(b + 8), st + 16);
	CHECK_EQ(get32(b + 16), 40);
	CHECK_EQ(get64(b + 40), 0x40000000);		/* the old entry stays first */
	CHECK_EQ(get64(b + 56), 0x4ffff000);
	CHECK_EQ(get64(b + 64), 0x1000);
	CHECK_EQ(get64(b + 72) | get64(b + 80), 0);	/* terminator */
	CHECK(!memcmp(b + st + 16, orig + st, total - st));	/* struct + strings moved intact */
	/* again: already there, nothing changes */
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), 0);
	CHECK_EQ(get32(b + 4), total + 16);
	/* an empty rsvmap, as dtc writes without /memreserve/ */
	total = mkfdt(b, 0);
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), 0);
	CHECK_EQ(get64(b + 40), 0x4ffff000);
	CHECK_EQ(get32(b + 12), get32(b + 8) + 32);
}

static void fdt_refused(void)
{
	u8 b[512];
	u32 total = mkfdt(b, 1);

	CHECK_EQ(fdt_add_memreserve(b, total + 15, 0x4ffff000, 0x1000), -3);	/* no room */
	CHECK_EQ(get32(b + 4), total);
	CHECK(fdt_add_memreserve(b, total - 1, 0x4ffff000, 0x1000) < 0);	/* blob > room */
	put32(b + 12, 40);	/* strings before the rsvmap's end: not dtc's layout */
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), -2);
	mkfdt(b, 1);
	put32(b, 0xd00dfeee);
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), -1);
	mkfdt(b, 1);
	put32(b + 20, 15);	/* version 15: older than dtc's */
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), -1);
	mkfdt(b, 1);
	memset(b + 56, 0xff, 16);	/* no terminator before the blob ends */
	put32(b + 8, 512);
	put32(b + 12, 512);
	put32(b + 4, 72);
	CHECK_EQ(fdt_add_memreserve(b, sizeof(b), 0x4ffff000, 0x1000), -1);
}

KTAP_MAIN("el2", T(plain_v8), T(qemu_max), T(newer_features), T(vhe_only), T(pmu_imp_def),
	  T(fdt_memreserve), T(fdt_refused))
