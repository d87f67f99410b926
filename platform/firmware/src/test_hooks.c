// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test-only SMC ABI (OEM owner 3, fast SMC64; ABI.md "Test-only SMC
 * ABI"): stop state, crash, counters, verdict, audit, fault injection, map,
 * mode, expected leaves, the rsc word. Never used by the product series.
 */
#include "pasd.h"
#include "pasd_abi.h"


static const char *const kind_names[FK_MAX] = {
	"", "init_image", "mem_setup", "auth_and_reset", "shm_bridge_create",
	"shm_bridge_delete", "shutdown", "remote silent",
};

static struct {
	u64 nth;
	s64 status;
} faults[FK_MAX];

static struct rules_result hres;
static char mapbuf[4096];
static char auditbuf[512];

void fault_reset(void)
{
	unsigned int i;

	for (i = 0; i < FK_MAX; i++)
		faults[i].nth = 0;
}

bool fault_hit(enum fault_kind k, s64 *status)
{
	if (k <= 0 || k >= FK_MAX || !faults[k].nth)
		return false;
	if (--faults[k].nth)
		return false;
	*status = faults[k].status;
	return true;
}

static void copy_out(struct smc_regs *r, const char *s)
{
	u64 len = r->x[3];
	u8 *p = len ? plat_ns_ptr(r->x[2], len) : NULL;
	u64 i;

	if (!p) {
		r->x[0] = (u64)(s64)SCM_EINVAL_ADDR;
		return;
	}
	for (i = 0; i + 1 < len && s[i]; i++)
		p[i] = (u8)s[i];
	p[i] = 0;
	r->x[0] = 0;
	r->x[1] = i;
}

void test_hooks_handle(struct smc_regs *r)
{
	u32 fid = (u32)r->x[0];
	struct remote *rm = NULL;

	if (fid < PASD_STOP_STATE || fid > PASD_RSC) {
		r->x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
		return;
	}
	if (fid != PASD_INJECT && fid != PASD_MODE && fid != PASD_RSC) {
		rm = remote_by_pas(r->x[1]);
		if (!rm) {
			r->x[0] = (u64)(s64)SCM_EINVAL_ADDR;
			return;
		}
	}
	switch (fid) {
	case PASD_STOP_STATE:
		r->x[0] = (u64)(s64)remote_stop_state(rm, (u32)r->x[2]);
		break;
	case PASD_CRASH:
		r->x[0] = (u64)(s64)remote_crash(rm, (u32)r->x[2]);
		break;
	case PASD_COUNTERS:
		remote_walk(rm, &hres);
		r->x[0] = 0;
		r->x[1] = rm->boots;
		r->x[2] = bridge_live(&bridges);
		r->x[3] = hres.leaves;
		/* the remote's resource tables (a DTB image: its remote's), and whether it has one */
		r->x[4] = (rm->owner ? rm->owner : rm)->rsc_tables;
		r->x[5] = rsc_mode_of_remote(rm) != RSC_NONE;
		break;
	case PASD_VERDICT:
		copy_out(r, rm->verdict);
		break;
	case PASD_AUDIT: {
		static const char *const kinds[] = { "stage 1", "no translation", "BYPASS", "error" };
		u64 leaves, over, buf = r->x[2];	/* x2/x3: optional text buffer */
		struct remote *o = rm->owner ? rm->owner : rm;
		enum walk_result wr = remote_audit(rm, &leaves, &over, auditbuf, sizeof(auditbuf));

		if (buf)
			copy_out(r, auditbuf);
		if (buf && r->x[0])
			break;
		r->x[0] = 0;
		r->x[1] = leaves;
		r->x[2] = over;	/* over any of the remote's carveouts (a DTB image's too) */
		r->x[3] = wr;	/* 0 stage-1 tables, 1 no translation, 2 bypass, 3 error */
		r->x[4] = o->faults;
		pasd_log("pasdouble: %s: audit: %llu leaves mapped for SID 0x%x (%s), %llu bridges over the carveout, %u faults",
			 o->d->name, (unsigned long long)leaves, o->d->sid, kinds[wr & 3],
			 (unsigned long long)over, o->faults);
		break;
	}
	case PASD_EXPECT: {
		u64 carve, dev;

		r->x[0] = 0;
		r->x[1] = remote_expected_leaves(rm->owner ? rm->owner->d : rm->d, &carve, &dev);
		r->x[2] = carve;
		r->x[3] = dev;
		break;
	}
	case PASD_MAP: {
		enum walk_result wr = remote_walk(rm, &hres);
		int n = map_format(&hres.map, mapbuf, sizeof(mapbuf));

		if (wr != WALK_S1 && n < (int)sizeof(mapbuf))
			pasd_snprintf(mapbuf + n, sizeof(mapbuf) - n, "# %s\n",
				      wr == WALK_BYPASS ? "bypass" : wr == WALK_ERROR ? "error" :
				      "no translation");
		copy_out(r, mapbuf);
		break;
	}
	case PASD_INJECT: {
		u64 k = r->x[1];
		s64 st = (s64)r->x[3];

		/* statuses 1 and 2 would make Linux loop; only negative ones */
		if (k < 1 || k >= FK_MAX || (r->x[2] && st >= 0)) {
			r->x[0] = (u64)(s64)SCM_EINVAL_ADDR;
			break;
		}
		faults[k].nth = r->x[2];
		faults[k].status = st;
		if (r->x[2])
			pasd_log("pasdouble: inject: %s call #%llu fails with %lld", kind_names[k],
				 (unsigned long long)r->x[2], (long long)st);
		else
			pasd_log("pasdouble: inject: %s disarmed", kind_names[k]);
		r->x[0] = 0;
		break;
	}
	case PASD_MODE:
		r->x[0] = 0;
		r->x[1] = pasd_mode;
		r->x[2] = pasd_rsc;
		break;
	case PASD_RSC: {
		/*
		 * A new rsc word between two starts: the fault suite's cases that
		 * differ only in what TrustZone answers share one boot. A word
		 * naming an unknown mode or remote is refused whole.
		 */
		u32 old = pasd_rsc, word = (u32)r->x[1];
		char modes[128];

		if (r->x[1] > 0xffffffffULL || rsc_set_word(word)) {
			pasd_rsc = old;
			r->x[0] = (u64)(s64)SCM_EINVAL_ADDR;
			break;
		}
		rsc_describe(modes, sizeof(modes));
		pasd_log("pasdouble: rsc word 0x%x (test hook, was 0x%x): rsc=%s", pasd_rsc, old, modes);
		r->x[0] = 0;
		r->x[1] = old;
		break;
	}
	default:
		r->x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
	}
}
