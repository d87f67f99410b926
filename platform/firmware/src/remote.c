// SPDX-License-Identifier: GPL-2.0-only
/*
 * The remote processors: state machine (offline -> loading -> running ->
 * crashed/offline), interrupts pended from EL3 (first SPI + wdog, fatal,
 * ready, handover, stop-ack), counters and last verdict; and the live SMMU
 * walk for the remote's stream ID.
 */
#include "pasd.h"

struct remote remotes[NREMOTES];
u32 pasd_mode;	/* set at boot from the mode word */
u32 pasd_features;

static const char *const irq_names[] = { "wdog", "fatal", "ready", "handover", "stop-ack" };

void remote_reset_all(void)
{
	unsigned int i;

	for (i = 0; i < NREMOTES; i++) {
		remotes[i].d = &remote_descs[i];
		remotes[i].state = R_OFFLINE;
		remotes[i].reloc_set = false;
		remotes[i].boots = 0;
		remotes[i].stop_bits = 0;
		pasd_strlcpy(remotes[i].verdict, "none", sizeof(remotes[i].verdict));
	}
}

struct remote *remote_by_pas(u64 pas_id)
{
	unsigned int i;

	for (i = 0; i < NREMOTES; i++)
		if (remote_descs[i].pas_id == pas_id) {
			remotes[i].d = &remote_descs[i];
			return &remotes[i];
		}
	return NULL;
}

void remote_set_verdict(struct remote *rm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pasd_vsnprintf(rm->verdict, sizeof(rm->verdict), fmt, ap);
	va_end(ap);
	plat_puts(rm->verdict);
	plat_puts("\n");
}

void remote_pend(struct remote *rm, int which)
{
	pasd_log("pasdouble: %s: raises %s (SPI %u)", rm->d->name, irq_names[which],
		 rm->d->first_spi + which);
	plat_pend_spi(rm->d->first_spi + which);
}

void remote_boot(struct remote *rm)
{
	s64 st;

	rm->state = R_RUNNING;
	rm->boots++;
	rm->stop_bits = 0;
	if (fault_hit(FK_SILENT, &st)) {
		pasd_log("pasdouble: %s: INJECTED remote silent: no ready, no handover", rm->d->name);
		return;
	}
	remote_pend(rm, IRQ_READY);
	remote_pend(rm, IRQ_HANDOVER);
}

void remote_shutdown(struct remote *rm)
{
	rm->state = R_OFFLINE;
	rm->reloc_set = false;
	rm->stop_bits = 0;
}

int remote_stop_state(struct remote *rm, u32 bits)
{
	u32 old = rm->stop_bits;

	rm->stop_bits = bits;
	if ((bits & 1) && !(old & 1) && rm->state == R_RUNNING)
		remote_pend(rm, IRQ_STOP_ACK);
	return 0;
}

int remote_crash(struct remote *rm, u32 kind)
{
	if (rm->state != R_RUNNING || kind > 1)
		return SCM_EINVAL_ADDR;
	rm->state = R_CRASHED;
	remote_pend(rm, kind ? IRQ_FATAL : IRQ_WDOG);
	return 0;
}

static int ns_rd64(void *ctx, u64 pa, u64 *val)
{
	const u8 *p;

	(void)ctx;
	if (pa & 7)
		return -1;
	p = plat_ns_ptr(pa, 8);
	if (!p)
		return -1;
	*val = *(const volatile u64 *)p;
	return 0;
}

enum walk_result remote_walk(struct remote *rm, struct rules_result *res)
{
	struct smmu_state s;
	struct rules_ctx *c;
	enum walk_result wr;
	char why[160];

	s.cr0 = plat_smmu_read32(SMMU_CR0);
	s.strtab_base = plat_smmu_read64(SMMU_STRTAB_BASE);
	s.strtab_cfg = plat_smmu_read32(SMMU_STRTAB_BASE_CFG);
	c = rules_begin(rm->d, res);
	wr = smmu_walk_sid(&s, rm->d->sid, ns_rd64, NULL, rules_leaf, c, why, sizeof(why));
	rules_end(c, wr, why);
	return wr;
}
