// SPDX-License-Identifier: GPL-2.0-only
/* The SMC dispatcher: x0 (function ID) -> service, first match wins. */
#include "pasd.h"

void smc_dispatch(const struct smc_route *tab, size_t n, struct smc_regs *r)
{
	u32 fid = (u32)r->x[0];
	size_t i;

	for (i = 0; i < n; i++) {
		if ((fid & tab[i].mask) == tab[i].value) {
			tab[i].fn(r);
			return;
		}
	}
	r->x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
}

/* Owner (bits 29:24): 0 Arm arch, 2 SiP (SCM), 3 OEM (test hooks), 4 standard (PSCI). */
static const struct smc_route routes[] = {
	{ 0xffff0000, 0xc3000000, test_hooks_handle, "pasd-test" },
	{ 0x3f000000, 0x02000000, scm_handle, "scm" },
	{ 0x3f000000, 0x04000000, psci_handle, "psci" },
	{ 0x3f000000, 0x00000000, psci_handle, "smccc" },
};

void pasd_smc(struct smc_regs *r)
{
	smc_dispatch(routes, ARRAY_SIZE(routes), r);
}

void pasd_reset(u32 mode)
{
	bridge_reset(&bridges);
	remote_reset_all();
	fault_reset();
	pasd_mode = mode & MODE_MASK;
	pasd_features = mode & FEAT_MASK;
}
