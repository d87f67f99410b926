// SPDX-License-Identifier: GPL-2.0-only
/*
 * Qualcomm SCM (SiP owner 2, SMC64; fast 0xC2... and yielding 0x42... alike).
 * x0 = fid, x1 = arginfo, x2.. = args (more than 4: x5 = PA of the rest, as
 * le64); return x0 = status, x1.. = results.
 * Never returns 1 (INTERRUPTED) or 2 (WAITQ_SLEEP).
 */
#include "pasd.h"

#define SVC_CMD(s, c) ((s) << 8 | (c))

static void is_call_avail(struct smc_regs *r);

static void sdi_config(struct smc_regs *r)
{
	r->x[0] = 0;	/* nothing to configure: no SDI on the double */
}

static void waitq_get_info(struct smc_regs *r)
{
	r->x[0] = (u64)(s64)SCM_EOPNOTSUPP;	/* no wait queues */
}

static const struct scm_call {
	u32 svc_cmd;
	void (*fn)(struct smc_regs *r);
	bool advertised;	/* answered by IS_CALL_AVAIL */
} scm_calls[] = {
	{ SVC_CMD(0x06, 0x01), is_call_avail, true },		/* INFO: IS_CALL_AVAIL */
	{ SVC_CMD(0x01, 0x09), sdi_config, true },		/* BOOT: SDI_CONFIG */
	{ SVC_CMD(0x24, 0x04), waitq_get_info, false },		/* WAITQ: GET_INFO */
	{ SVC_CMD(0x02, 0x01), pas_init_image, true },		/* PIL */
	{ SVC_CMD(0x02, 0x02), pas_mem_setup, true },
	{ SVC_CMD(0x02, 0x05), pas_auth_and_reset, true },
	{ SVC_CMD(0x02, 0x06), pas_shutdown, true },
	{ SVC_CMD(0x02, 0x07), pas_supported, true },
	{ SVC_CMD(0x02, 0x21), pas_get_rsctable, true },	/* PAS_GET_RSCTABLE */
	{ SVC_CMD(0x0c, 0x1c), shm_bridge_enable, true },	/* MP: SHM bridge */
	{ SVC_CMD(0x0c, 0x1d), shm_bridge_delete_smc, true },
	{ SVC_CMD(0x0c, 0x1e), shm_bridge_create_smc, true },
};

bool scm_is_available(u32 svc_cmd)
{
	unsigned int i;

	/* TrustZone without SHM bridges: only SHM_BRIDGE_ENABLE exists (and says 4) */
	if ((pasd_features & FEAT_NO_SHM_BRIDGE) &&
	    (svc_cmd == SVC_CMD(0x0c, 0x1d) || svc_cmd == SVC_CMD(0x0c, 0x1e)))
		return false;
	/* an old TrustZone (every remote's rsc mode none) has no GET_RSCTABLE */
	if (svc_cmd == SVC_CMD(0x02, 0x21))
		return rsc_available();
	for (i = 0; i < ARRAY_SIZE(scm_calls); i++)
		if (scm_calls[i].svc_cmd == svc_cmd)
			return scm_calls[i].advertised;
	return false;
}

#define SCM_FIRST_EXT_ARG	3	/* args[3..] in the buffer at x5 */

bool scm_arg_buf(const struct smc_regs *r, u64 *pa, u64 *len)
{
	if (SCM_NARGS(r) <= 4)
		return false;
	*pa = r->x[5];
	*len = 8ULL * (SCM_NARGS(r) - SCM_FIRST_EXT_ARG);
	return true;
}

bool scm_arg(const struct smc_regs *r, unsigned int i, u64 *out)
{
	u64 pa, len;
	const u8 *p;

	if (i >= SCM_NARGS(r))
		return false;
	if (i < SCM_FIRST_EXT_ARG || !scm_arg_buf(r, &pa, &len)) {
		*out = r->x[2 + i];
		return true;
	}
	p = plat_ns_ptr(pa + 8ULL * (i - SCM_FIRST_EXT_ARG), 8);
	if (!p)
		return false;
	*out = (u64)get_le32(p + 4) << 32 | get_le32(p);	/* le64 */
	return true;
}

/* x2 = 0x02000000 | svc << 8 | cmd (the SMC64 fid without the top bits) */
static void is_call_avail(struct smc_regs *r)
{
	u64 q = r->x[2];

	r->x[0] = 0;
	r->x[1] = ((q >> 24) & 0x3f) == 2 && !(q & 0xff0000) && scm_is_available(q & 0xffff);
}

void scm_handle(struct smc_regs *r)
{
	u32 fid = (u32)r->x[0], i;

	if ((fid & BIT(30)) && !(fid & 0xff0000)) {
		for (i = 0; i < ARRAY_SIZE(scm_calls); i++) {
			if (scm_calls[i].svc_cmd == (fid & 0xffff)) {
				scm_calls[i].fn(r);
				return;
			}
		}
	}
	pasd_log("pasdouble: scm: unknown call 0x%08x (x1 0x%llx x2 0x%llx): -4", fid,
		 (unsigned long long)r->x[1], (unsigned long long)r->x[2]);
	r->x[0] = (u64)(s64)SCM_EOPNOTSUPP;
	r->x[1] = 0;
}
