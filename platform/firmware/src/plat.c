// SPDX-License-Identifier: GPL-2.0-only
/*
 * Platform glue of the double on QEMU virt (as TF-A keeps plat/ apart from
 * its services): the plat_* hooks of pasd.h that the pure services call
 * back, the CPUs (position, wake-up, park), the SMC lock, and secure-GPIO
 * power-off/reset. The host tests have their own hooks (tests/fake_plat.c).
 */
#include "mmio.h"

#define SECURE_GPIO	0x090b0000ULL
#define GPIODIR		0x400
#define SMMU_BASE	0x09050000ULL

u8 *plat_ns_ptr(u64 pa, u64 len)
{
	if (pa < NS_DRAM_BASE || pa >= NS_DRAM_END || len > NS_DRAM_END - pa)
		return NULL;
	return (u8 *)(uintptr_t)pa;
}

void plat_pend_spi(unsigned int spi)
{
	gic_pend_spi(spi);
}

void plat_puts(const char *s)
{
	uart_puts(s);
}

u32 plat_smmu_read32(u32 off)
{
	return rd32(SMMU_BASE + off);
}

u64 plat_smmu_read64(u32 off)
{
	return rd64(SMMU_BASE + off);
}

static void __attribute__((noreturn)) gpio_pulse(unsigned int pin)
{
	wr32(SECURE_GPIO + GPIODIR, rd32(SECURE_GPIO + GPIODIR) | (1u << pin));
	wr32(SECURE_GPIO + (4u << pin), 0);
	wr32(SECURE_GPIO + (4u << pin), 1u << pin);
	for (;;)
		__asm__ volatile("wfi");
}

void plat_system_off(void)
{
	gpio_pulse(0);
}

void plat_system_reset(void)
{
	gpio_pulse(1);
}

/* ---- CPUs ---- */

/* start.S parks any CPU whose MPIDR has more than Aff0 < PLAT_MAX_CPUS */
unsigned int plat_my_core_pos(void)
{
	return (unsigned int)(sysreg_read(mpidr_el1) & 0xff);
}

void plat_cpu_wake(unsigned int pos)
{
	dsb();		/* the PSCI state is visible before the wake-up SGI */
	gic_wake_cpu(pos);
}

void plat_cpu_off(void)
{
	unsigned int me = plat_my_core_pos();

	plat_unlock();
	cpu_park(me);	/* start.S: fresh stack, back to the pen (main.c) */
}

/*
 * The SMC lock: the services keep global state, and every CPU may call
 * them. EL3 runs with the MMU off, so this memory is Device-nGnRnE, where
 * the architecture does not promise that exclusives (LDXR/STXR) work: that
 * needs a global monitor for Device memory, which is IMPLEMENTATION DEFINED.
 * QEMU TCG would accept them on any memory type, real hardware might not,
 * so this is Lamport's bakery lock (plain loads and stores, as TF-A's
 * bakery_lock for memory that is not coherent cacheable), with barriers
 * between every step (the host's store buffer must drain under MTTCG too).
 */
static volatile u32 choosing[PLAT_MAX_CPUS], ticket[PLAT_MAX_CPUS];
static volatile u32 owner;	/* pos + 1 while held */

void plat_lock(void)
{
	unsigned int me = plat_my_core_pos(), j;
	u32 max = 0;

	choosing[me] = 1;
	dmb();
	for (j = 0; j < PLAT_MAX_CPUS; j++)
		if (ticket[j] > max)
			max = ticket[j];
	ticket[me] = max + 1;
	dmb();
	choosing[me] = 0;
	dmb();
	for (j = 0; j < PLAT_MAX_CPUS; j++) {
		if (j == me)
			continue;
		while (choosing[j])
			dmb();
		for (;;) {
			u32 t = ticket[j];

			dmb();
			if (!t || t > ticket[me] || (t == ticket[me] && j > me))
				break;
		}
	}
	dmb();
	owner = me + 1;
}

void plat_unlock(void)
{
	owner = 0;
	dmb();
	ticket[plat_my_core_pos()] = 0;
	dmb();
}

bool plat_lock_held_by_me(void)
{
	return owner == plat_my_core_pos() + 1;
}
