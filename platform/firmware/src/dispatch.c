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

/* names of the SCM calls the series makes, for FAULTED lines */
static const struct {
	u32 svc_cmd;
	const char *name;
} scm_names[] = {
	{ 0x0201, "pas init_image" }, { 0x0202, "pas mem_setup" },
	{ 0x0205, "pas auth_and_reset" }, { 0x0206, "pas shutdown" },
	{ 0x0207, "pas is_supported" }, { 0x0221, "pas get_rsctable" },
	{ 0x0c1c, "shm_bridge_enable" },
	{ 0x0c1d, "shm_bridge_delete" }, { 0x0c1e, "shm_bridge_create" },
	{ 0x0601, "is_call_avail" },
};

void pasd_smc(struct smc_regs *r)
{
	u32 fid = (u32)r->x[0];

	/*
	 * Remotes run while Linux calls TrustZone: every SCM call (SiP owner)
	 * first samples the stream of each live remote, as its DMA would.
	 */
	if (((fid >> 24) & 0x3f) == 2) {
		const char *name = NULL;
		char when[64];
		size_t i;

		for (i = 0; i < ARRAY_SIZE(scm_names) && !(fid & 0xff0000); i++)
			if (scm_names[i].svc_cmd == (fid & 0xffff))
				name = scm_names[i].name;
		pasd_snprintf(when, sizeof(when), "SCM call 0x%08x%s%s%s", fid, name ? " (" : "",
			      name ? name : "", name ? ")" : "");
		remote_check_live(when);
	}
	smc_dispatch(routes, ARRAY_SIZE(routes), r);
}

void pasd_reset(u32 mode)
{
	pasd_mode = mode & MODE_MASK;
	pasd_features = mode & FEAT_MASK;	/* first: the remotes' table depends on it */
	pasd_rsc = 0;				/* rsc_set_word() after, if any */
	bridge_reset(&bridges);
	remote_reset_all();
	fault_reset();
	psci_reset();
}
