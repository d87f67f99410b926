// SPDX-License-Identifier: GPL-2.0-only
/* PSCI 1.1 and SMCCC 1.2 for one CPU. Power-off/reset via the secure GPIO. */
#include "pasd.h"

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_ON		0x84000003
#define PSCI_AFFINITY_INFO	0x84000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a
#define SMCCC_VERSION		0x80000000
#define SMCCC_ARCH_FEATURES	0x80000001
#define PSCI_SMC64		0x40000000

#define PSCI_E_NOT_SUPPORTED	(-1)
#define PSCI_E_INVALID_PARAMS	(-2)
#define PSCI_E_ALREADY_ON	(-4)

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
	s64 ret;

	switch (canon(fid)) {
	case PSCI_VERSION:
		ret = 0x10001;
		break;
	case PSCI_FEATURES:
		ret = psci_known((u32)r->x[1]) ? 0 : PSCI_E_NOT_SUPPORTED;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2;	/* trusted OS not present / no migration */
		break;
	case PSCI_CPU_ON:
		ret = (r->x[1] & 0xff00ffffffULL) == 0 ? PSCI_E_ALREADY_ON : PSCI_E_INVALID_PARAMS;
		break;
	case PSCI_AFFINITY_INFO:
		ret = (r->x[1] & 0xff00ffffffULL) == 0 ? 0 : PSCI_E_INVALID_PARAMS;
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
		ret = ((u32)r->x[1] == SMCCC_VERSION || (u32)r->x[1] == SMCCC_ARCH_FEATURES) ?
			      0 : PSCI_E_NOT_SUPPORTED;
		break;
	default:
		ret = PSCI_E_NOT_SUPPORTED;
	}
	r->x[0] = (u64)ret;
}
