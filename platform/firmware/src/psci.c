// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI 1.1 and SMCCC 1.2. CPU power states are pure logic (the host tests
 * drive them); the machine side (waking a parked CPU, parking the caller of
 * CPU_OFF) is plat_cpu_wake()/plat_cpu_off(). Power-off/reset via the
 * secure GPIO. Callers hold the SMC lock (main.c), so no locking here.
 */
#include "pasd.h"

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON		0x84000003
#define PSCI_AFFINITY_INFO	0x84000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a
#define SMCCC_VERSION		0x80000000
#define SMCCC_ARCH_FEATURES	0x80000001
#define PSCI_SMC64		0x40000000

#define PSCI_E_SUCCESS		0
#define PSCI_E_NOT_SUPPORTED	(-1)
#define PSCI_E_INVALID_PARAMS	(-2)
#define PSCI_E_ALREADY_ON	(-4)
#define PSCI_E_ON_PENDING	(-5)
#define PSCI_E_INVALID_ADDRESS	(-9)

/* MPIDR_EL1 affinity fields (Aff3, Aff2, Aff1, Aff0); anything else must be 0 */
#define MPIDR_AFF_MASK		0xff00ffffffULL

struct psci_cpu psci_cpus[PLAT_MAX_CPUS];
static u32 ncpus_set;	/* 0 = never set: one CPU (.data must stay empty) */

unsigned int psci_ncpus(void)
{
	return ncpus_set ? ncpus_set : 1;
}

void psci_set_cpus(unsigned int n)
{
	ncpus_set = n > PLAT_MAX_CPUS ? PLAT_MAX_CPUS : n;
}

/* Cold boot: CPU 0 runs Linux, every other CPU is OFF (parked in the double). */
void psci_reset(void)
{
	unsigned int i;

	for (i = 0; i < PLAT_MAX_CPUS; i++) {
		psci_cpus[i].state = i == 0 ? PSCI_ON : PSCI_OFF;
		psci_cpus[i].entry = psci_cpus[i].context = 0;
	}
}

/*
 * QEMU virt (GICv3) numbers CPUs Aff0 = index % 16, Aff1 = index / 16; the
 * double supports PLAT_MAX_CPUS <= 16 CPUs, so only Aff0 may be non-zero.
 */
int psci_mpidr_to_pos(u64 mpidr)
{
	if (mpidr & ~MPIDR_AFF_MASK)
		return -1;
	if (mpidr >= psci_ncpus())
		return -1;
	return (int)mpidr;
}

u32 psci_state(unsigned int pos)
{
	return *(volatile u32 *)&psci_cpus[pos].state;
}

/* CPU_ON: the target starts at entry (NS DRAM, 4-byte aligned) with x0 = context */
static s64 cpu_on(u64 target, u64 entry, u64 context)
{
	int pos = psci_mpidr_to_pos(target);
	struct psci_cpu *c;

	if (pos < 0)
		return PSCI_E_INVALID_PARAMS;
	c = &psci_cpus[pos];
	if (c->state == PSCI_ON)
		return PSCI_E_ALREADY_ON;
	if (c->state == PSCI_ON_PENDING)
		return PSCI_E_ON_PENDING;
	if ((entry & 3) || entry < NS_DRAM_BASE || entry >= NS_DRAM_END)
		return PSCI_E_INVALID_ADDRESS;
	c->entry = entry;
	c->context = context;
	/* entry and context before the state the parked CPU polls */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	*(volatile u32 *)&c->state = PSCI_ON_PENDING;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	plat_cpu_wake((unsigned int)pos);
	return PSCI_E_SUCCESS;
}

/* AFFINITY_INFO: 0 ON, 1 OFF, 2 ON_PENDING; level 0 only (allowed since PSCI 1.0) */
static s64 affinity_info(u64 target, u64 level)
{
	int pos = psci_mpidr_to_pos(target);

	if (pos < 0 || level != 0)
		return PSCI_E_INVALID_PARAMS;
	switch (psci_cpus[pos].state) {
	case PSCI_ON:
		return 0;
	case PSCI_ON_PENDING:
		return 2;
	default:
		return 1;
	}
}

/*
 * The parked CPU pos saw ON_PENDING: it becomes ON and learns where to go.
 * false if it was not pending (a spurious wake-up).
 */
bool psci_cpu_starting(unsigned int pos, u64 *entry, u64 *context)
{
	struct psci_cpu *c;

	if (pos >= PLAT_MAX_CPUS)
		return false;
	c = &psci_cpus[pos];
	if (c->state != PSCI_ON_PENDING)
		return false;
	*entry = c->entry;
	*context = c->context;
	c->state = PSCI_ON;
	return true;
}

static u32 canon(u32 fid)
{
	/* the SMC64 forms of CPU_ON and AFFINITY_INFO share the 32-bit handler */
	if (fid == (PSCI_CPU_ON | PSCI_SMC64) || fid == (PSCI_AFFINITY_INFO | PSCI_SMC64))
		return fid & ~PSCI_SMC64;
	return fid;
}

static bool psci_known(u32 fid)
{
	switch (canon(fid)) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return true;
	}
	return false;
}

void psci_handle(struct smc_regs *r)
{
	u32 fid = (u32)r->x[0];
	u64 a1 = r->x[1], a2 = r->x[2], a3 = r->x[3];
	unsigned int me;
	s64 ret;

	if (!(fid & PSCI_SMC64)) {	/* SMC32: the arguments are w1..w3 */
		a1 = (u32)a1;
		a2 = (u32)a2;
		a3 = (u32)a3;
	}
	switch (canon(fid)) {
	case PSCI_VERSION:
		ret = 0x10001;
		break;
	case PSCI_FEATURES:
		ret = psci_known((u32)a1) ? 0 : PSCI_E_NOT_SUPPORTED;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2;	/* trusted OS not present / no migration */
		break;
	case PSCI_CPU_ON:
		ret = cpu_on(a1, a2, a3);
		pasd_log("pasdouble: PSCI CPU_ON mpidr 0x%llx entry 0x%llx context 0x%llx: %lld",
			 (unsigned long long)a1, (unsigned long long)a2, (unsigned long long)a3,
			 (long long)ret);
		break;
	case PSCI_AFFINITY_INFO:
		ret = affinity_info(a1, a2);
		break;
	case PSCI_CPU_OFF:
		me = plat_my_core_pos();
		psci_cpus[me].state = PSCI_OFF;
		pasd_log("pasdouble: PSCI CPU_OFF cpu%u", me);
		plat_cpu_off();		/* EL3: parks this CPU, never returns */
		ret = PSCI_E_SUCCESS;	/* host tests only */
		break;
	case PSCI_SYSTEM_OFF:
		pasd_log("pasdouble: PSCI SYSTEM_OFF");
		plat_system_off();
		ret = 0;
		break;
	case PSCI_SYSTEM_RESET:
		pasd_log("pasdouble: PSCI SYSTEM_RESET");
		plat_system_reset();
		ret = 0;
		break;
	case SMCCC_VERSION:
		ret = 0x10002;
		break;
	case SMCCC_ARCH_FEATURES:
		ret = ((u32)a1 == SMCCC_VERSION || (u32)a1 == SMCCC_ARCH_FEATURES) ?
			      0 : PSCI_E_NOT_SUPPORTED;
		break;
	default:
		ret = PSCI_E_NOT_SUPPORTED;
	}
	r->x[0] = (u64)ret;
}
