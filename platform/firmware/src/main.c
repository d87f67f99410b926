// SPDX-License-Identifier: GPL-2.0-only
/*
 * pasdouble at EL3: boot (qemu-virt-el3.md) of every CPU, the entry into
 * Linux at NS-EL2 (no-QHEE) or NS-EL1 under a passive EL2 (QHEE), and the
 * exception entry: SMCs go to the dispatcher under the SMC lock, anything
 * else is reported (ESR/ELR/FAR) on the secure UART and the CPU parks.
 * The platform hooks the services call back are in plat.c.
 */
#include "mmio.h"

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

#define SPSR_EL2H	0x3c9	/* EL2h, DAIF masked */
#define SPSR_EL1H	0x3c5	/* EL1h, DAIF masked */

#define BOOT_DONE	0x600dc0deU

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* CPU 0 has set up the shared state (.bss cleared, GIC distributor, mode) */
static volatile u32 boot_done;

/* ---- per-CPU set-up (every CPU, at cold boot and again at each CPU_ON) ---- */

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
}

/*
 * QHEE mode: the double's EL2 is a hypervisor that traps nothing (el2.c has
 * the values and why), with vectors that report any trap instead.
 */
static void el2_setup_for_el1(void)
{
	struct el2_id id = {
		.pfr0 = sysreg_read(id_aa64pfr0_el1),
		.pfr1 = sysreg_read(id_aa64pfr1_el1),
		.pfr2 = sysreg_read(s3_0_c0_c4_2),
		.mmfr0 = sysreg_read(id_aa64mmfr0_el1),
		.mmfr1 = sysreg_read(id_aa64mmfr1_el1),
		.mmfr3 = sysreg_read(s3_0_c0_c7_3),
		.mmfr4 = sysreg_read(s3_0_c0_c7_4),
		.isar1 = sysreg_read(id_aa64isar1_el1),
		.isar2 = sysreg_read(s3_0_c0_c6_2),
		.dfr0 = sysreg_read(id_aa64dfr0_el1),
		.smfr0 = sysreg_read(s3_0_c0_c4_5),
		.midr = sysreg_read(midr_el1),
		.mpidr = sysreg_read(mpidr_el1),
	};
	struct el2_regs r;
	u64 pmuver = (id.dfr0 >> 8) & 0xf;

	if (pmuver && pmuver != 0xf)
		id.pmcr = sysreg_read(pmcr_el0);
	if ((id.pfr1 >> 24) & 0xf)
		id.smidr = sysreg_read(s3_1_c0_c0_6);	/* SMIDR_EL1 */
	el2_for_el1(&id, &r);

	sysreg_write(hcr_el2, r.hcr);
	isb();
	sysreg_write(sctlr_el2, r.sctlr_el2);
	sysreg_write(vbar_el2, EL2_VECTORS_PA);
	sysreg_write(cnthctl_el2, r.cnthctl);
	sysreg_write(cntvoff_el2, 0);
	sysreg_write(cptr_el2, r.cptr);
	sysreg_write(mdcr_el2, r.mdcr);
	sysreg_write(hstr_el2, 0);
	sysreg_write(vttbr_el2, 0);
	sysreg_write(vpidr_el2, r.vpidr);
	sysreg_write(vmpidr_el2, r.vmpidr);
	sysreg_write(s3_4_c12_c9_5, r.icc_sre);		/* ICC_SRE_EL2 */
	isb();
	sysreg_write(s3_4_c12_c11_0, 0);		/* ICH_HCR_EL2: no virtual GIC */
	if (r.has_hcrx)
		sysreg_write(s3_4_c1_c2_2, r.hcrx);	/* HCRX_EL2 */
	if (r.has_fgt) {
		sysreg_write(s3_4_c1_c1_4, r.hfgrtr);	/* HFGRTR_EL2 */
		sysreg_write(s3_4_c1_c1_5, r.hfgwtr);	/* HFGWTR_EL2 */
		sysreg_write(s3_4_c1_c1_6, r.hfgitr);	/* HFGITR_EL2 */
		sysreg_write(s3_4_c3_c1_4, r.hdfgrtr);	/* HDFGRTR_EL2 */
		sysreg_write(s3_4_c3_c1_5, r.hdfgwtr);	/* HDFGWTR_EL2 */
		if (r.has_amu)
			sysreg_write(s3_4_c3_c1_6, 0);	/* HAFGRTR_EL2 */
	}
	if (r.has_fgt2) {
		sysreg_write(s3_4_c3_c1_0, r.hdfgrtr2);	/* HDFGRTR2_EL2 */
		sysreg_write(s3_4_c3_c1_1, r.hdfgwtr2);	/* HDFGWTR2_EL2 */
		sysreg_write(s3_4_c3_c1_2, 0);		/* HFGRTR2_EL2 */
		sysreg_write(s3_4_c3_c1_3, 0);		/* HFGWTR2_EL2 */
		sysreg_write(s3_4_c3_c1_7, 0);		/* HFGITR2_EL2 */
	}
	if (r.has_lor)
		sysreg_write(s3_0_c10_c4_3, 0);		/* LORC_EL1 */
	isb();
	if (r.has_sve)
		sysreg_write(s3_4_c1_c2_0, r.zcr);	/* ZCR_EL2 */
	if (r.has_sme) {
		sysreg_write(s3_4_c1_c2_6, r.smcr);	/* SMCR_EL2 */
		if (r.smprimap)
			sysreg_write(s3_4_c1_c2_5, 0);	/* SMPRIMAP_EL2 */
	}
	sysreg_write(sctlr_el1, r.sctlr_el1);
	isb();
}

/* no-QHEE mode: EL2 is Linux's; leave it reset with the MMU off */
static void el2_setup_for_linux(void)
{
	sysreg_write(hcr_el2, 0);
	isb();
	sysreg_write(sctlr_el2, 0x30c50830);
	sysreg_write(cntvoff_el2, 0);
	sysreg_write(sctlr_el1, 0x30d00800);
	isb();
}

static void __attribute__((noreturn)) enter_linux(unsigned int pos, u64 entry, u64 x0)
{
	extern u8 __stacks_end[];

	if (pasd_mode == MODE_QHEE)
		el2_setup_for_el1();
	else
		el2_setup_for_linux();
	sysreg_write(spsr_el3, pasd_mode == MODE_QHEE ? SPSR_EL1H : SPSR_EL2H);
	sysreg_write(elr_el3, entry);
	isb();
	eret_to_ns(x0, (u64)(uintptr_t)__stacks_end - ((u64)pos << 15));
}

/* ---- boot ---- */

static const char *mode_name(u32 m)
{
	return m == MODE_QHEE ? "QHEE" : "no-QHEE";
}

/* the mode word: mode byte + FEAT_* bits, as pasd_reset() takes it */
static u32 read_mode_word(void)
{
	u32 raw = rd32(MODE_WORD_PA), word = raw & (u32)(MODE_MASK | FEAT_MASK);

	if ((raw & MODE_MASK) > MODE_NOQHEE) {
		pasd_log("pasdouble: mode word 0x%x at 0x%llx: mode %u is not 0/1: using no-QHEE",
			 raw, MODE_WORD_PA, raw & MODE_MASK);
		word = (word & ~MODE_MASK) | MODE_NOQHEE;
	}
	if (raw & ~(u32)(MODE_MASK | FEAT_MASK))
		pasd_log("pasdouble: mode word 0x%x at 0x%llx: unknown feature bits 0x%x ignored",
			 raw, MODE_WORD_PA, raw & ~(u32)(MODE_MASK | FEAT_MASK));
	return word;
}

/* the rsc word (PAS_GET_RSCTABLE per remote), after the mode word: the variant names the remotes */
static void read_rsc_word(void)
{
	u32 raw = rd32(RSC_WORD_PA), ignored = rsc_set_word(raw);
	char modes[128];

	if (ignored)
		pasd_log("pasdouble: rsc word 0x%x at 0x%llx: unknown modes or remotes 0x%x: none",
			 raw, RSC_WORD_PA, ignored);
	rsc_describe(modes, sizeof(modes));
	pasd_log("pasdouble: rsc word 0x%x: rsc=%s", pasd_rsc, modes);
}

/* QHEE: EL2 vectors into NS RAM, their page kept from Linux by the DTB */
static void qhee_prepare(void)
{
	u8 *dst = plat_ns_ptr(EL2_VECTORS_PA, 0x800), *fdt;
	int rc;

	memcpy(dst, el2_vectors, (size_t)(el2_vectors_end - el2_vectors));
	dsb();
	__asm__ volatile("ic iallu" : : : "memory");
	dsb();
	isb();
	/* the DTB may grow up to the initrd (ABI.md "Machine" load addresses) */
	fdt = plat_ns_ptr(LINUX_DTB, LINUX_INITRD - LINUX_DTB);
	rc = fdt_add_memreserve(fdt, LINUX_INITRD - LINUX_DTB, EL2_VECTORS_PA & ~0xfffULL, 0x1000);
	if (rc)
		pasd_log("pasdouble: QHEE: could not add /memreserve/ 0x%llx+0x1000 to the DTB (%d): Linux may overwrite the EL2 vectors",
			 EL2_VECTORS_PA & ~0xfffULL, rc);
}

void fw_main(void)
{
	unsigned int ncpus;
	u32 word;

	uart_init();
	uart_puts("\npasdouble: EL3 TrustZone + remote processor double (QEMU virt)\n");
	gic_dist_init();
	gic_cpu_init();
	cpu_init();
	ncpus = gic_cpu_count();
	psci_set_cpus(ncpus);
	word = read_mode_word();
	pasd_reset(word);
	if (pasd_mode == MODE_QHEE)
		qhee_prepare();
	pasd_log("pasdouble: mode %u (%s), features 0x%x%s%s%s; %u CPU(s); SCR_EL3 0x%llx; CNTFRQ %llu Hz",
		 pasd_mode, mode_name(pasd_mode), pasd_features,
		 pasd_features & FEAT_NO_SHM_BRIDGE ? " no-shm-bridge" : "",
		 pasd_features & FEAT_DTB_PROFILE ? " dtb-profile" : "",
		 pasd_features & FEAT_DEVMEM_SPREAD ? " devmem-spread" : "", psci_ncpus(),
		 (unsigned long long)sysreg_read(scr_el3),
		 (unsigned long long)sysreg_read(cntfrq_el0));
	read_rsc_word();
	pasd_log("pasdouble: entering Linux at %s 0x%llx, dtb 0x%llx%s", pasd_mode == MODE_QHEE ?
		 "NS-EL1" : "NS-EL2", LINUX_ENTRY, LINUX_DTB, pasd_mode == MODE_QHEE ?
		 " (EL2 vectors at 0x4ffff800, page reserved in the DTB)" : "");
	dsb();
	boot_done = BOOT_DONE;
	dsb();
	__asm__ volatile("sev");
	enter_linux(0, LINUX_ENTRY, LINUX_DTB);
}

/*
 * Every other CPU at reset, and a CPU after PSCI CPU_OFF (cpu_park): park
 * in WFI until PSCI CPU_ON makes this CPU ON_PENDING (gic.c has why WFI).
 */
void secondary_main(unsigned int pos)
{
	u64 entry, context;
	bool go;

	while (boot_done != BOOT_DONE)
		__asm__ volatile("wfe");
	cpu_init();
	gic_cpu_init();
	for (;;) {
		gic_pen_enter();
		while (psci_state(pos) != PSCI_ON_PENDING) {
			__asm__ volatile("wfi");
			gic_pen_ack();
		}
		gic_pen_leave();
		dmb();
		plat_lock();
		go = psci_cpu_starting(pos, &entry, &context);
		if (go)
			pasd_log("pasdouble: cpu%u on: %s 0x%llx, x0 0x%llx", pos,
				 pasd_mode == MODE_QHEE ? "NS-EL1" : "NS-EL2",
				 (unsigned long long)entry, (unsigned long long)context);
		plat_unlock();
		if (go)
			enter_linux(pos, entry, context);
	}
}

/* ---- exceptions ---- */

static const char *const kinds[16] = {
	"EL3 SP0 sync", "EL3 SP0 IRQ", "EL3 SP0 FIQ", "EL3 SP0 SError",
	"EL3 sync", "EL3 IRQ", "EL3 FIQ", "EL3 SError",
	"lower EL sync", "lower EL IRQ", "lower EL FIQ", "lower EL SError",
	"AArch32 sync", "AArch32 IRQ", "AArch32 FIQ", "AArch32 SError",
};
static const char *const el2_kinds[16] = {
	"EL2t sync", "EL2t IRQ", "EL2t FIQ", "EL2t SError",
	"EL2h sync", "EL2h IRQ", "EL2h FIQ", "EL2h SError",
	"EL1/EL0 sync", "EL1/EL0 IRQ", "EL1/EL0 FIQ", "EL1/EL0 SError",
	"AArch32 sync", "AArch32 IRQ", "AArch32 FIQ", "AArch32 SError",
};

static void __attribute__((noreturn)) park(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

void el3_exception(u64 *frame, u64 kind)
{
	u64 esr = sysreg_read(esr_el3), spsr = sysreg_read(spsr_el3);
	bool held;

	if (kind == 8 && (esr >> 26) == 0x17) {
		/* QHEE: the double's EL2 vectors report a trap to EL2 */
		if ((esr & 0xffff) == EL2_TRAP_IMM && ((spsr >> 2) & 3) == 2) {
			u64 e2 = sysreg_read(esr_el2);

			plat_lock();
			pasd_log("pasdouble: UNEXPECTED trap to EL2 (QHEE mode, cpu%u): %s: ESR_EL2 0x%llx (EC 0x%llx) ELR_EL2 0x%llx FAR_EL2 0x%llx SPSR_EL2 0x%llx HPFAR_EL2 0x%llx; parked",
				 plat_my_core_pos(), el2_kinds[frame[1] & 15],
				 (unsigned long long)e2, (unsigned long long)(e2 >> 26),
				 (unsigned long long)sysreg_read(elr_el2),
				 (unsigned long long)sysreg_read(far_el2),
				 (unsigned long long)sysreg_read(spsr_el2),
				 (unsigned long long)sysreg_read(hpfar_el2));
			plat_unlock();
			park();
		}
		plat_lock();
		pasd_smc((struct smc_regs *)frame);
		plat_unlock();
		return;
	}
	/* an exception inside a service already holds the lock */
	held = plat_lock_held_by_me();
	if (!held)
		plat_lock();
	pasd_log("pasdouble: UNEXPECTED %s (cpu%u): ESR_EL3 0x%llx (EC 0x%llx) ELR_EL3 0x%llx FAR_EL3 0x%llx SPSR_EL3 0x%llx",
		 kinds[kind & 15], plat_my_core_pos(), (unsigned long long)esr,
		 (unsigned long long)(esr >> 26), (unsigned long long)sysreg_read(elr_el3),
		 (unsigned long long)sysreg_read(far_el3), (unsigned long long)spsr);
	pasd_log("pasdouble: x0 0x%llx x1 0x%llx x2 0x%llx x30 0x%llx; parked",
		 (unsigned long long)frame[0], (unsigned long long)frame[1],
		 (unsigned long long)frame[2], (unsigned long long)frame[30]);
	plat_unlock();
	park();
}

/* gcc may emit calls to these */
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
