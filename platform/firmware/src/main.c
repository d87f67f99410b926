// SPDX-License-Identifier: GPL-2.0-only
/*
 * pasdouble at EL3: boot set-up (qemu-virt-el3.md), the platform hooks, and
 * the exception entry: SMCs go to the dispatcher, anything else is reported
 * (ESR/ELR/FAR) on the secure UART and the CPU parks.
 */
#include "mmio.h"

#define SECURE_GPIO	0x090b0000ULL
#define GPIODIR		0x400
#define SMMU_BASE	0x09050000ULL

#define SCR_NS		BIT(0)
#define SCR_RES1	(BIT(4) | BIT(5))
#define SCR_HCE		BIT(8)
#define SCR_RW		BIT(10)
#define SCR_APK		BIT(16)
#define SCR_API		BIT(17)
#define SCR_ENSCXT	BIT(25)
#define SCR_ATA		BIT(26)
#define SCR_FGTEN	BIT(27)
#define SCR_ECVEN	BIT(28)
#define SCR_HXEN	BIT(38)
#define SCR_GCSEN	BIT(39)
#define SCR_ENTP2	BIT(41)
#define SCR_RCWMASKEN	BIT(42)
#define SCR_TCR2EN	BIT(43)
#define SCR_SCTLR2EN	BIT(44)
#define SCR_PIEN	BIT(45)
#define SCR_AIEN	BIT(46)
#define SCR_ENFPM	BIT(50)
#define SCR_FGTEN2	BIT(59)

#define CPTR_EZ		BIT(8)
#define CPTR_ESM	BIT(12)

void eret_to_ns(u64 dtb) __attribute__((noreturn));
void fw_main(void);
void el3_exception(u64 *frame, u64 kind);

/* ---- platform hooks ---- */

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

/* ---- boot ---- */

static void cpu_init(void)
{
	u64 pfr0 = sysreg_read(id_aa64pfr0_el1), pfr1 = sysreg_read(id_aa64pfr1_el1);
	bool sve = (pfr0 >> 32) & 0xf, sme = (pfr1 >> 24) & 0xf;

	sysreg_write(scr_el3, SCR_NS | SCR_RES1 | SCR_HCE | SCR_RW | SCR_APK | SCR_API |
		     SCR_ENSCXT | SCR_ATA | SCR_FGTEN | SCR_ECVEN | SCR_HXEN | SCR_GCSEN |
		     SCR_ENTP2 | SCR_RCWMASKEN | SCR_TCR2EN | SCR_SCTLR2EN | SCR_PIEN |
		     SCR_AIEN | SCR_ENFPM | SCR_FGTEN2);
	sysreg_write(cptr_el3, (sve ? CPTR_EZ : 0) | (sme ? CPTR_ESM : 0));
	isb();
	if (sve)
		sysreg_write(s3_6_c1_c2_0, 0xf);	/* ZCR_EL3.LEN */
	if (sme) {
		u64 smfr0 = sysreg_read(s3_0_c0_c4_5);	/* ID_AA64SMFR0_EL1 */
		u64 v = 0xf;

		if (smfr0 & BIT(63))
			v |= BIT(31);			/* FA64 */
		if (((pfr1 >> 24) & 0xf) >= 2)
			v |= BIT(30);			/* EZT0 (SME2) */
		sysreg_write(s3_6_c1_c2_6, v);		/* SMCR_EL3 */
	}
	sysreg_write(mdcr_el3, (3ULL << 12) | (3ULL << 24) | BIT(7));	/* NSPB, NSTB, EnPM2 */
	sysreg_write(s3_6_c12_c12_5, 0xf);	/* ICC_SRE_EL3: SRE|DFB|DIB|Enable */
	isb();
	sysreg_write(sctlr_el2, 0x30c50830);
	sysreg_write(hcr_el2, 0);
	sysreg_write(cntvoff_el2, 0);
	isb();
}

static const char *mode_name(u32 m)
{
	return m == MODE_QHEE ? "QHEE" : "no-QHEE";
}

void fw_main(void)
{
	u32 raw;

	uart_init();
	uart_puts("\npasdouble: EL3 TrustZone + remote processor double (QEMU virt)\n");
	gic_init();
	cpu_init();
	raw = rd32(MODE_WORD_PA);
	pasd_reset(raw == MODE_QHEE ? MODE_QHEE : MODE_NOQHEE);
	if (raw > 1)
		pasd_log("pasdouble: mode word 0x%x at 0x%llx is not 0/1: using no-QHEE", raw,
			 MODE_WORD_PA);
	pasd_log("pasdouble: mode %u (%s); SCR_EL3 0x%llx; CNTFRQ %llu Hz; entering Linux at EL2 0x%llx, dtb 0x%llx",
		 pasd_mode, mode_name(pasd_mode), (unsigned long long)sysreg_read(scr_el3),
		 (unsigned long long)sysreg_read(cntfrq_el0), LINUX_ENTRY, LINUX_DTB);
	sysreg_write(spsr_el3, 0x3c9);		/* EL2h, DAIF masked */
	sysreg_write(elr_el3, LINUX_ENTRY);
	isb();
	eret_to_ns(LINUX_DTB);
}

static const char *const kinds[16] = {
	"EL3 SP0 sync", "EL3 SP0 IRQ", "EL3 SP0 FIQ", "EL3 SP0 SError",
	"EL3 sync", "EL3 IRQ", "EL3 FIQ", "EL3 SError",
	"lower EL sync", "lower EL IRQ", "lower EL FIQ", "lower EL SError",
	"AArch32 sync", "AArch32 IRQ", "AArch32 FIQ", "AArch32 SError",
};

void el3_exception(u64 *frame, u64 kind)
{
	u64 esr = sysreg_read(esr_el3);

	if (kind == 8 && (esr >> 26) == 0x17) {
		pasd_smc((struct smc_regs *)frame);
		return;
	}
	pasd_log("pasdouble: UNEXPECTED %s: ESR_EL3 0x%llx (EC 0x%llx) ELR_EL3 0x%llx FAR_EL3 0x%llx SPSR_EL3 0x%llx",
		 kinds[kind & 15], (unsigned long long)esr, (unsigned long long)(esr >> 26),
		 (unsigned long long)sysreg_read(elr_el3), (unsigned long long)sysreg_read(far_el3),
		 (unsigned long long)sysreg_read(spsr_el3));
	pasd_log("pasdouble: x0 0x%llx x1 0x%llx x2 0x%llx x30 0x%llx; parked",
		 (unsigned long long)frame[0], (unsigned long long)frame[1],
		 (unsigned long long)frame[2], (unsigned long long)frame[30]);
	for (;;)
		__asm__ volatile("wfi");
}

/* gcc may emit calls to these */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memset(void *d, int c, size_t n)
{
	u8 *dp = d;

	while (n--)
		*dp++ = (u8)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
