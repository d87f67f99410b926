// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 set-up for a Linux that runs non-secure: every interrupt NS Group 1
 * except SGI 15, each CPU's redistributor awake; the wake-up of parked CPUs;
 * and pending SPIs on behalf of the remotes.
 *
 * Parked CPUs wait in WFI, not WFE: under MTTCG QEMU treats WFE as a NOP, so
 * a WFE pen would keep a host thread busy per parked CPU (2 host cores for
 * 4 vCPUs). A WFI wakes on a pending interrupt even when it is masked, so
 * CPU_ON sends SGI 15 as a secure Group 0 SGI (Linux uses SGIs 0-7; 8-15
 * are left to the secure side, as with TF-A).
 */
#include "mmio.h"

#define GICD		0x08000000ULL
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_ISPENDR	0x0200
#define GICD_IGRPMODR	0x0d00
#define GICD_CTLR_ENGRP0 (1u << 0)
#define GICD_CTLR_ARE_S	(1u << 4)
#define GICD_CTLR_ARE_NS (1u << 5)
#define GICD_CTLR_RWP	(1u << 31)

#define GICR		0x080a0000ULL
#define GICR_STRIDE	0x20000
#define GICR_WAKER	0x0014
#define GICR_TYPER	0x0008
#define GICR_SGI	0x10000
#define GICR_IGROUPR0	0x0080
#define GICR_ISENABLER0	0x0100
#define GICR_IPRIORITYR	0x0400
#define GICR_IGRPMODR0	0x0d00
#define WAKER_PS	(1u << 1)
#define WAKER_CA	(1u << 2)
#define TYPER_LAST	(1ULL << 4)

#define PEN_SGI		15

/* system registers by encoding (no -march needed) */
#define ICC_PMR_EL1	s3_0_c4_c6_0
#define ICC_IAR0_EL1	s3_0_c12_c8_0
#define ICC_EOIR0_EL1	s3_0_c12_c8_1
#define ICC_SGI0R_EL1	s3_0_c12_c11_7
#define ICC_IGRPEN0_EL1	s3_0_c12_c12_6
#define ICC_IGRPEN1_EL3	s3_6_c12_c12_7

void gic_dist_init(void)
{
	u32 lines = ((rd32(GICD + GICD_TYPER) & 0x1f) + 1) * 32, i;

	/* Group 0 for the pen's SGI; Linux enables its own Group 1 NS */
	wr32(GICD + GICD_CTLR, GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS | GICD_CTLR_ENGRP0);
	while (rd32(GICD + GICD_CTLR) & GICD_CTLR_RWP)
		;
	for (i = 32; i < lines; i += 32) {
		wr32(GICD + GICD_IGROUPR + i / 8, ~0u);
		wr32(GICD + GICD_IGRPMODR + i / 8, 0);
	}
}

/* one redistributor per CPU on virt: the machine's CPU count */
unsigned int gic_cpu_count(void)
{
	u64 rd = GICR;
	unsigned int n = 1;

	while (!(rd64(rd + GICR_TYPER) & TYPER_LAST)) {
		rd += GICR_STRIDE;
		n++;
	}
	return n;
}

/* our redistributor: GICR_TYPER[63:32] = Aff3.Aff2.Aff1.Aff0 */
static u64 my_rd(void)
{
	u64 mpidr = sysreg_read(mpidr_el1), aff, rd = GICR;

	aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;
	for (;;) {
		u64 typer = rd64(rd + GICR_TYPER);

		if ((typer >> 32) == aff)
			return rd;
		if (typer & TYPER_LAST)
			return 0;
		rd += GICR_STRIDE;
	}
}

/* per CPU: wake our redistributor; SGIs/PPIs NS Group 1 but the pen's SGI */
void gic_cpu_init(void)
{
	u64 rd = my_rd();

	if (!rd)
		return;
	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~WAKER_PS);
	while (rd32(rd + GICR_WAKER) & WAKER_CA)
		;
	wr32(rd + GICR_SGI + GICR_IGROUPR0, ~(1u << PEN_SGI));
	wr32(rd + GICR_SGI + GICR_IGRPMODR0, 0);
	/* highest priority, enabled (NS writes cannot touch a Group 0 SGI) */
	wr32(rd + GICR_SGI + GICR_IPRIORITYR + (PEN_SGI & ~3u),
	     rd32(rd + GICR_SGI + GICR_IPRIORITYR + (PEN_SGI & ~3u)) & ~(0xffu << 8 * (PEN_SGI & 3)));
	wr32(rd + GICR_SGI + GICR_ISENABLER0, 1u << PEN_SGI);
}

/*
 * The pen: Group 0 signalled to this CPU (it wakes its WFI; FIQs are not
 * taken at EL3 since SCR_EL3.FIQ = 0), Group 1 off while Linux is not on it.
 */
void gic_pen_enter(void)
{
	sysreg_write(ICC_PMR_EL1, 0xff);
	sysreg_write(ICC_IGRPEN1_EL3, 0);
	sysreg_write(ICC_IGRPEN0_EL1, 1);
	isb();
}

void gic_pen_ack(void)
{
	u64 intid = sysreg_read(ICC_IAR0_EL1);

	if (intid < 1020)
		sysreg_write(ICC_EOIR0_EL1, intid);
	isb();
}

/* Linux never sees a Group 0 interrupt (it would be an FIQ at NS-EL1/EL2) */
void gic_pen_leave(void)
{
	sysreg_write(ICC_IGRPEN0_EL1, 0);
	isb();
}

void gic_wake_cpu(unsigned int pos)
{
	/* INTID 15, Aff3.Aff2.Aff1 = 0, target list = Aff0 (pos < 16) */
	sysreg_write(ICC_SGI0R_EL1, (u64)PEN_SGI << 24 | 1u << pos);
	isb();
}

void gic_pend_spi(unsigned int spi)
{
	unsigned int intid = 32 + spi;

	dsb();
	wr32(GICD + GICD_ISPENDR + 4 * (intid / 32), 1u << (intid % 32));
	dsb();
}
