// SPDX-License-Identifier: GPL-2.0-only
/* PSCI CPU power states: CPU_ON / AFFINITY_INFO / CPU_OFF as Linux 6.12 uses them. */
#include "harness.h"

#define CPU_ON64	0xc4000003
#define CPU_ON32	0x84000003
#define AFF_INFO64	0xc4000004
#define AFF_INFO32	0x84000004
#define CPU_OFF		0x84000002
#define FEATURES	0x8400000a
#define ENTRY		0x40660000ULL

static void setup(unsigned int ncpus)
{
	psci_set_cpus(ncpus);
	pasd_reset(MODE_NOQHEE);
	fake_log_clear();
	fake_my_pos = 0;
	fake_woken_mask = 0;
	fake_cpu_offs = 0;
}

static void cold_boot_state(void)
{
	setup(4);
	CHECK_EQ(psci_ncpus(), 4);
	CHECK_EQ(psci_state(0), PSCI_ON);
	CHECK_EQ(psci_state(1), PSCI_OFF);
	CHECK_EQ(psci_state(3), PSCI_OFF);
	CHECK_EQ(fake_smc(AFF_INFO64, 0, 0, 0, 0, 0, NULL), 0);	/* ON */
	CHECK_EQ(fake_smc(AFF_INFO64, 3, 0, 0, 0, 0, NULL), 1);	/* OFF */
	CHECK_EQ(fake_smc(CPU_ON64, 0, ENTRY, 0, 0, 0, NULL), -4);	/* ALREADY_ON */
}

static void cpu_on_then_start(void)
{
	u64 entry = 0, ctx = 0;

	setup(4);
	CHECK_EQ(fake_smc(CPU_ON64, 2, ENTRY, 0x1234abcd5678ULL, 0, 0, NULL), 0);
	CHECK_EQ(fake_woken_mask, 1u << 2);
	CHECK_EQ(psci_state(2), PSCI_ON_PENDING);
	CHECK_EQ(fake_smc(AFF_INFO64, 2, 0, 0, 0, 0, NULL), 2);	/* ON_PENDING */
	CHECK_EQ(fake_smc(CPU_ON64, 2, ENTRY, 0, 0, 0, NULL), -5);	/* ON_PENDING */
	CHECK_STR(fake_log, "PSCI CPU_ON mpidr 0x2 entry 0x40660000 context 0x1234abcd5678: 0");
	/* the parked CPU wakes: ON, with Linux's entry and x0 = context id */
	CHECK(!psci_cpu_starting(1, &entry, &ctx));			/* spurious */
	CHECK(psci_cpu_starting(2, &entry, &ctx));
	CHECK_EQ(entry, ENTRY);
	CHECK_EQ(ctx, 0x1234abcd5678ULL);
	CHECK_EQ(psci_state(2), PSCI_ON);
	CHECK(!psci_cpu_starting(2, &entry, &ctx));			/* once */
	CHECK_EQ(fake_smc(AFF_INFO64, 2, 0, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(CPU_ON64, 2, ENTRY, 0, 0, 0, NULL), -4);
	CHECK(!psci_cpu_starting(PLAT_MAX_CPUS, &entry, &ctx));
}

static void cpu_on_refused(void)
{
	setup(4);
	CHECK_EQ(fake_smc(CPU_ON64, 4, ENTRY, 0, 0, 0, NULL), -2);		/* no CPU 4 */
	CHECK_EQ(fake_smc(CPU_ON64, 0x101, ENTRY, 0, 0, 0, NULL), -2);	/* Aff1 */
	CHECK_EQ(fake_smc(CPU_ON64, 0x10000, ENTRY, 0, 0, 0, NULL), -2);	/* Aff2 */
	CHECK_EQ(fake_smc(CPU_ON64, 1ULL << 32, ENTRY, 0, 0, 0, NULL), -2);	/* Aff3 */
	CHECK_EQ(fake_smc(CPU_ON64, 0x80000001, ENTRY, 0, 0, 0, NULL), -2);	/* not affinity */
	CHECK_EQ(fake_smc(CPU_ON64, 1, 0x1000, 0, 0, 0, NULL), -9);		/* secure flash */
	CHECK_EQ(fake_smc(CPU_ON64, 1, NS_DRAM_END, 0, 0, 0, NULL), -9);	/* past DRAM */
	CHECK_EQ(fake_smc(CPU_ON64, 1, ENTRY + 2, 0, 0, 0, NULL), -9);	/* unaligned */
	CHECK_EQ(psci_state(1), PSCI_OFF);
	CHECK_EQ(fake_woken_mask, 0);
	CHECK_EQ(fake_smc(AFF_INFO64, 1, 1, 0, 0, 0, NULL), -2);		/* level 1 */
	CHECK_EQ(fake_smc(AFF_INFO64, 9, 0, 0, 0, 0, NULL), -2);
}

static void smc32_forms(void)
{
	u64 entry, ctx;

	setup(4);
	/* SMC32: only w1..w3 count */
	CHECK_EQ(fake_smc(CPU_ON32, 0xdead000000000001ULL, 0xbeef000000000000ULL | ENTRY,
			  0xffffffff00000042ULL, 0, 0, NULL), 0);
	CHECK(psci_cpu_starting(1, &entry, &ctx));
	CHECK_EQ(entry, ENTRY);
	CHECK_EQ(ctx, 0x42);
	CHECK_EQ(fake_smc(AFF_INFO32, 0xffffffff00000001ULL, 0, 0, 0, 0, NULL), 0);
}

static void cpu_off_and_back(void)
{
	setup(4);
	CHECK_EQ(fake_smc(CPU_ON64, 3, ENTRY, 0, 0, 0, NULL), 0);
	{
		u64 e, c;

		CHECK(psci_cpu_starting(3, &e, &c));
	}
	fake_my_pos = 3;
	fake_smc(CPU_OFF, 0, 0, 0, 0, 0, NULL);	/* at EL3 it never returns */
	CHECK_EQ(fake_cpu_offs, 1);
	CHECK_STR(fake_log, "PSCI CPU_OFF cpu3");
	fake_my_pos = 0;
	CHECK_EQ(fake_smc(AFF_INFO64, 3, 0, 0, 0, 0, NULL), 1);		/* Linux's cpu_kill polls this */
	CHECK_EQ(fake_smc(CPU_ON64, 3, ENTRY + 4, 7, 0, 0, NULL), 0);	/* hotplug back */
	CHECK_EQ(psci_state(3), PSCI_ON_PENDING);
}

static void features(void)
{
	setup(4);
	CHECK_EQ(fake_smc(FEATURES, CPU_OFF, 0, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(FEATURES, CPU_ON32, 0, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(FEATURES, CPU_ON64, 0, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(FEATURES, AFF_INFO64, 0, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(FEATURES, 0xc4000001, 0, 0, 0, 0, NULL), -1);	/* CPU_SUSPEND */
	CHECK_EQ(fake_smc(FEATURES, 0xc400000e, 0, 0, 0, 0, NULL), -1);	/* SYSTEM_SUSPEND */
	CHECK_EQ(fake_smc(FEATURES, 0xc4000012, 0, 0, 0, 0, NULL), -1);	/* SYSTEM_RESET2 */
}

static void cpu_count(void)
{
	setup(1);	/* -smp 1: only CPU 0 exists */
	CHECK_EQ(fake_smc(CPU_ON64, 1, ENTRY, 0, 0, 0, NULL), -2);
	CHECK_EQ(fake_smc(CPU_ON64, 0, ENTRY, 0, 0, 0, NULL), -4);
	psci_set_cpus(100);
	CHECK_EQ(psci_ncpus(), PLAT_MAX_CPUS);
	CHECK_EQ(psci_mpidr_to_pos(PLAT_MAX_CPUS - 1), PLAT_MAX_CPUS - 1);
	CHECK_EQ(psci_mpidr_to_pos(PLAT_MAX_CPUS), (u64)-1);
	psci_set_cpus(4);
}

KTAP_MAIN("psci", T(cold_boot_state), T(cpu_on_then_start), T(cpu_on_refused), T(smc32_forms),
	  T(cpu_off_and_back), T(features), T(cpu_count))
