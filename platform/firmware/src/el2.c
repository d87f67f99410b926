// SPDX-License-Identifier: GPL-2.0-only
/*
 * QHEE mode: Linux runs at NS-EL1 and the double plays a passive hypervisor
 * at EL2. Pure logic: from the CPU's ID registers, the EL2 register values
 * that let an EL1 Linux run untrapped (what 6.12's el2_setup.h initialises
 * for its own EL1 when it is entered at EL2, and booting.rst's "entered at
 * EL1" rules); and the FDT /memreserve/ entry that keeps Linux off the page
 * holding the double's EL2 vectors.
 */
#include "pasd.h"

#define FLD(v, lo)	(((v) >> (lo)) & 0xf)
#define SFLD(v, lo)	((int)((s64)((v) << (60 - (lo))) >> 60))	/* signed 4-bit field */

/* HCR_EL2 */
#define HCR_RW		BIT(31)
#define HCR_APK		BIT(40)
#define HCR_API		BIT(41)
#define HCR_E2H		BIT(34)
#define HCR_ATA		BIT(56)
/* HCRX_EL2 */
#define HCRX_MSCEN	BIT(11)
#define HCRX_TCR2EN	BIT(14)
#define HCRX_SCTLR2EN	BIT(15)
#define HCRX_GCSEN	BIT(22)
#define HCRX_ENFPM	BIT(23)
/* CPTR_EL2, E2H = 0: RES1 bits 13, 9, 7:0; TZ (8) and TSM (12) are RES1 without SVE/SME */
#define CPTR_NVHE_RES1	0x33ffULL
#define CPTR_TZ		BIT(8)
#define CPTR_TSM	BIT(12)
/* CPTR_EL2, E2H = 1 (CPACR layout) */
#define CPTR_ZEN	(3ULL << 16)
#define CPTR_FPEN	(3ULL << 20)
#define CPTR_SMEN	(3ULL << 24)
/* HFGRTR_EL2 / HFGWTR_EL2 negative-polarity bits (0 = trap) */
#define HFG_nACCDATA	BIT(50)
#define HFG_nGCS_EL0	BIT(52)
#define HFG_nGCS_EL1	BIT(53)
#define HFG_nSMPRI	BIT(54)
#define HFG_nTPIDR2	BIT(55)
#define HFG_nRCWMASK	BIT(56)
#define HFG_nPIRE0	BIT(57)
#define HFG_nPIR	BIT(58)
#define HFG_nPOR_EL0	BIT(59)
#define HFG_nPOR_EL1	BIT(60)
#define HFG_nMAIR2	BIT(62)
#define HFG_nAMAIR2	BIT(63)
/* HFGITR_EL2 */
#define HFGI_nBRBINJ	BIT(55)
#define HFGI_nBRBIALL	BIT(56)
#define HFGI_nGCSPUSHM	BIT(57)
#define HFGI_nGCSSTR	BIT(58)
#define HFGI_nGCSEPP	BIT(59)
/* HDFGRTR_EL2 / HDFGWTR_EL2 */
#define HDFG_nBRBIDR	BIT(59)	/* read only */
#define HDFG_nBRBCTL	BIT(60)
#define HDFG_nBRBDATA	BIT(61)
#define HDFG_nPMSNEVFR	BIT(62)
/* HDFGRTR2_EL2 / HDFGWTR2_EL2 (FEAT_FGT2, PMUv3p9) */
#define HDFG2_nPMICNTR	BIT(2)
#define HDFG2_nPMICFILTR BIT(3)
#define HDFG2_nPMUACR	BIT(4)
#define HDFG2_nPMZR	BIT(21)	/* write only */
/* MDCR_EL2 */
#define MDCR_E2PB	(3ULL << 12)
#define MDCR_E2TB	(3ULL << 24)

void el2_for_el1(const struct el2_id *id, struct el2_regs *r)
{
	unsigned int sve = FLD(id->pfr0, 32), amu = FLD(id->pfr0, 44);
	unsigned int sme = FLD(id->pfr1, 24), gcs = FLD(id->pfr1, 44), the = FLD(id->pfr1, 48);
	unsigned int mte = FLD(id->pfr1, 8), fpmr = FLD(id->pfr2, 32);
	unsigned int fgt = FLD(id->mmfr0, 56), hcx = FLD(id->mmfr1, 40), lo = FLD(id->mmfr1, 16);
	unsigned int tcrx = FLD(id->mmfr3, 0), sctlrx = FLD(id->mmfr3, 4), s1pie = FLD(id->mmfr3, 8);
	unsigned int s1poe = FLD(id->mmfr3, 16), aie = FLD(id->mmfr3, 24);
	unsigned int mops = FLD(id->isar2, 16), ls64 = FLD(id->isar1, 60);
	unsigned int pmuver = FLD(id->dfr0, 8), pmsver = FLD(id->dfr0, 32);
	unsigned int trbe = FLD(id->dfr0, 44), brbe = FLD(id->dfr0, 52);
	bool vhe_only = SFLD(id->mmfr4, 24) < 0;	/* ID_AA64MMFR4_EL1.E2H0 < 0: E2H is RES1 */
	u64 hfg = 0, hfgi = 0, hdfgr = 0, hdfgw = 0;

	*r = (struct el2_regs){ 0 };
	r->has_sve = sve != 0;
	r->has_sme = sme != 0;
	r->has_lor = lo != 0;
	r->has_amu = amu != 0;

	/* EL1 is AArch64; pointer auth and MTE tag registers untrapped */
	r->hcr = HCR_RW | HCR_API | HCR_APK | (mte >= 2 ? HCR_ATA : 0) | (vhe_only ? HCR_E2H : 0);

	/* EL1 physical timer and counter (CNTHCTL's EL1 bits move up by 10 with E2H) */
	r->cnthctl = vhe_only ? 3ULL << 10 : 3;

	/* FP/SIMD, SVE, SME not trapped; AMU (TAM, bit 30) not trapped */
	if (vhe_only)
		r->cptr = CPTR_FPEN | (sve ? CPTR_ZEN : 0) | (sme ? CPTR_SMEN : 0);
	else
		r->cptr = CPTR_NVHE_RES1 & ~(sve ? CPTR_TZ : 0) & ~(sme ? CPTR_TSM : 0);
	r->zcr = 0xf;				/* SVE: full vector length for EL1 */
	r->smcr = 0xf;				/* SME: full streaming vector length */
	if (sme && (id->smfr0 & BIT(63)))
		r->smcr |= BIT(31);		/* FA64 */
	if (sme >= 2)
		r->smcr |= BIT(30);		/* EZT0 (SME2) */
	r->smprimap = sme && (id->smidr & BIT(15));

	/* all PMU counters to EL1 (HPMN = PMCR_EL0.N), SPE/TRBE owned by EL1&0 */
	r->mdcr = 0;
	if (pmuver != 0 && pmuver != 0xf)
		r->mdcr = (id->pmcr >> 11) & 0x1f;
	if (pmsver)
		r->mdcr |= MDCR_E2PB;
	if (trbe)
		r->mdcr |= MDCR_E2TB;

	/* EL2 and EL1 with the MMU and caches off; SCTLR_EL2.EnTP2 for SME */
	r->sctlr_el2 = 0x30c50830 | (sme ? BIT(60) : 0);
	r->sctlr_el1 = 0x30d00800;
	r->vpidr = id->midr;
	r->vmpidr = id->mpidr;
	r->icc_sre = 0xf;			/* SRE | DFB | DIB | Enable (EL1 may use ICC_*) */

	if (hcx) {
		r->has_hcrx = true;
		r->hcrx = (mops ? HCRX_MSCEN : 0) | (tcrx ? HCRX_TCR2EN : 0) |
			  (sctlrx ? HCRX_SCTLR2EN : 0) | (gcs ? HCRX_GCSEN : 0) |
			  (fpmr ? HCRX_ENFPM : 0);
	}

	/* fine-grained traps: every positive bit 0, every n-bit of a present feature 1 */
	if (fgt) {
		r->has_fgt = true;
		if (sme)
			hfg |= HFG_nSMPRI | HFG_nTPIDR2;
		if (s1pie)
			hfg |= HFG_nPIR | HFG_nPIRE0;
		if (s1poe)
			hfg |= HFG_nPOR_EL0 | HFG_nPOR_EL1;
		if (gcs) {
			hfg |= HFG_nGCS_EL0 | HFG_nGCS_EL1;
			hfgi |= HFGI_nGCSPUSHM | HFGI_nGCSSTR | HFGI_nGCSEPP;
		}
		if (the)
			hfg |= HFG_nRCWMASK;
		if (aie)
			hfg |= HFG_nMAIR2 | HFG_nAMAIR2;
		if (ls64 >= 3)
			hfg |= HFG_nACCDATA;	/* FEAT_LS64_ACCDATA */
		if (brbe) {
			hfgi |= HFGI_nBRBINJ | HFGI_nBRBIALL;
			hdfgr |= HDFG_nBRBIDR | HDFG_nBRBCTL | HDFG_nBRBDATA;
			hdfgw |= HDFG_nBRBCTL | HDFG_nBRBDATA;
		}
		if (pmsver >= 3) {		/* SPEv1p2: PMSNEVFR_EL1 */
			hdfgr |= HDFG_nPMSNEVFR;
			hdfgw |= HDFG_nPMSNEVFR;
		}
		r->hfgrtr = hfg;
		r->hfgwtr = hfg;
		r->hfgitr = hfgi;
		r->hdfgrtr = hdfgr;
		r->hdfgwtr = hdfgw;
	}
	if (fgt >= 2) {
		r->has_fgt2 = true;
		if (pmuver >= 9 && pmuver != 0xf) {	/* PMUv3p9 */
			r->hdfgrtr2 = HDFG2_nPMICNTR | HDFG2_nPMICFILTR | HDFG2_nPMUACR;
			r->hdfgwtr2 = r->hdfgrtr2 | HDFG2_nPMZR;
		}
	}
}

/* ---- FDT /memreserve/ (big-endian header, dtc layout: rsvmap before the blocks) ---- */
#define FDT_MAGIC	0xd00dfeed

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static u64 be64(const u8 *p)
{
	return (u64)be32(p) << 32 | be32(p + 4);
}

static void put_be64(u8 *p, u64 v)
{
	put_be32(p, (u32)(v >> 32));
	put_be32(p + 4, (u32)v);
}

/*
 * Add a /memreserve/ entry [addr, addr+size) to the FDT at fdt, which may
 * grow up to room bytes. 0 on success or if the entry is already there;
 * negative if the blob is not an FDT, has no room, or an unusual layout.
 */
int fdt_add_memreserve(u8 *fdt, u64 room, u64 addr, u64 size)
{
	u32 total, rsv, dstruct, dstrings, p, i;

	if (room < 40 || be32(fdt) != FDT_MAGIC || be32(fdt + 20) < 16)
		return -1;
	total = be32(fdt + 4);
	dstruct = be32(fdt + 8);
	dstrings = be32(fdt + 12);
	rsv = be32(fdt + 16);
	if (total > room || rsv < 40 || (rsv & 7) || rsv >= total)
		return -1;
	for (p = rsv;; p += 16) {
		u64 a, s;

		if (p + 16 > total)
			return -1;
		a = be64(fdt + p);
		s = be64(fdt + p + 8);
		if (a == addr && s == size)
			return 0;
		if (!a && !s)
			break;
	}
	/* the entry goes where the terminator is; the blocks after it move up */
	if (dstruct < p + 16 || dstrings < p + 16)
		return -2;
	if ((u64)total + 16 > room)
		return -3;
	for (i = total; i-- > p;)
		fdt[i + 16] = fdt[i];
	put_be64(fdt + p, addr);
	put_be64(fdt + p + 8, size);
	put_be32(fdt + 4, total + 16);
	put_be32(fdt + 8, dstruct + 16);
	put_be32(fdt + 12, dstrings + 16);
	return 0;
}
