// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 set-up for a Linux that runs non-secure: every interrupt NS Group 1,
 * our redistributor awake; and pending SPIs on behalf of the remotes.
 */
#include "mmio.h"

#define GICD		0x08000000ULL
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_ISPENDR	0x0200
#define GICD_IGRPMODR	0x0d00
#define GICD_CTLR_ARE_S	(1u << 4)
#define GICD_CTLR_ARE_NS (1u << 5)
#define GICD_CTLR_RWP	(1u << 31)

#define GICR		0x080a0000ULL
#define GICR_STRIDE	0x20000
#define GICR_WAKER	0x0014
#define GICR_TYPER	0x0008
#define GICR_SGI	0x10000
#define GICR_IGROUPR0	0x0080
#define GICR_IGRPMODR0	0x0d00
#define WAKER_PS	(1u << 1)
#define WAKER_CA	(1u << 2)
#define TYPER_LAST	(1ULL << 4)

void gic_init(void)
{
	u32 lines = ((rd32(GICD + GICD_TYPER) & 0x1f) + 1) * 32, i;
	u64 mpidr = sysreg_read(mpidr_el1), aff, rd = GICR;

	wr32(GICD + GICD_CTLR, GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS);
	while (rd32(GICD + GICD_CTLR) & GICD_CTLR_RWP)
		;
	for (i = 32; i < lines; i += 32) {
		wr32(GICD + GICD_IGROUPR + i / 8, ~0u);
		wr32(GICD + GICD_IGRPMODR + i / 8, 0);
	}
	/* our redistributor: GICR_TYPER[63:32] = Aff3.Aff2.Aff1.Aff0 */
	aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;
	for (;;) {
		u64 typer = rd64(rd + GICR_TYPER);

		if ((typer >> 32) == aff)
			break;
		if (typer & TYPER_LAST)
			return;
		rd += GICR_STRIDE;
	}
	wr32(rd + GICR_WAKER, rd32(rd + GICR_WAKER) & ~WAKER_PS);
	while (rd32(rd + GICR_WAKER) & WAKER_CA)
		;
	wr32(rd + GICR_SGI + GICR_IGROUPR0, ~0u);
	wr32(rd + GICR_SGI + GICR_IGRPMODR0, 0);
}

void gic_pend_spi(unsigned int spi)
{
	unsigned int intid = 32 + spi;

	dsb();
	wr32(GICD + GICD_ISPENDR + 4 * (intid / 32), 1u << (intid % 32));
	dsb();
}
