// SPDX-License-Identifier: GPL-2.0-only
/*
 * The remote runs from auth_and_reset until shutdown, and the double checks
 * it all that time: the stream re-walked at every SCM call and event (an
 * unmapped, extra or wrong mapping is an SMMU fault: FAULTED, fatal SPI),
 * the carveout's content compared with its hash from auth at shutdown and at
 * every crash; the audit after stop (text and registers) keeps the fault and
 * reports bypass / unreadable streams; expected leaves from the facts.
 */
#include "pas_flow.h"
#include "mdtgen.h"

#define SPI_ADSP 224

static void unmap_all(int i)
{
	const struct remote_desc *d = D(i);

	pt_unmap(ttb, d->carveout, d->size);
	for (u32 k = 0; k < d->n_devmem; k++)
		pt_unmap(ttb, d->devmem[k].da, d->devmem[k].size);
}

/* init_image and the segments copied into the carveout, as qcom_mdt_pas_init/load do */
static int load(int i, int bridge_meta)
{
	const struct remote_desc *d = D(i);
	struct mdtgen_opts o = { d->carveout, d->size, 7, 3, 0x3000, 0x1000, 0x100000, 0, NULL };
	struct mdt_info mi;
	unsigned char *f;
	unsigned int len;
	char err[200];
	u8 *meta = plat_ns_ptr(META_PA, 0x10000);
	int rc;

	CHECK_EQ(mdtgen(&o, &f, &len, err, sizeof(err)), 0);
	CHECK_EQ(mdt_parse_header(f, len, &mi, err, sizeof(err)), 0);
	memcpy(meta, f, mi.hdr_size);
	memcpy(meta + mi.hdr_size, f + mi.ph[mi.hash_idx].offset, mi.hash_size);
	if (bridge_meta && !bridge_contains(&bridges, META_PA, 0x1000))
		CHECK(bridge(META_PA, 0x1000));
	rc = fake_smc(0x42000201, 0x82, d->pas_id, META_PA, 0, 0, NULL);
	for (u32 k = 2; k < mi.phnum; k++)
		memcpy(plat_ns_ptr(mi.ph[k].paddr, mi.ph[k].filesz), f + mi.ph[k].offset,
		       mi.ph[k].filesz);
	free(f);
	return rc;
}

/*
 * The series' start in no-QHEE mode: map, bridge the carveout for the
 * duration of auth_and_reset only (deleted right after: no bridge is needed
 * while the remote runs).
 */
static void start(int i)
{
	u64 h;

	CHECK_EQ(load(i, 1), 0);
	map_all(i);
	h = bridge(D(i)->carveout, D(i)->size);
	CHECK(h);
	CHECK_EQ(fake_smc(0x42000205, 1, D(i)->pas_id, 0, 0, 0, NULL), 0);
	CHECK_EQ(unbridge(h), 0);
}

static int shutdown(int i)
{
	return fake_smc(0x42000206, 1, D(i)->pas_id, 0, 0, 0, NULL);
}

static int stop_state(int i, u32 bits)
{
	return fake_smc(0xc3000001, D(i)->pas_id, bits, 0, 0, 0, NULL);
}

/* the fixture's `audit` file: the double's text; registers in r */
static const char *audit(int i)
{
	static char a[600];

	CHECK_EQ(fake_smc(0xc3000005, D(i)->pas_id, BUF_PA, sizeof(a), 0, 0, &r), 0);
	memcpy(a, plat_ns_ptr(BUF_PA, sizeof(a)), sizeof(a));
	a[sizeof(a) - 1] = 0;
	return a;
}

static int pended(unsigned int spi)
{
	int n = 0;

	for (unsigned int k = 0; k < fake_npended; k++)
		n += fake_pended[k] == spi;
	return n;
}

static void clean_start_stop_no_fault(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: booted: carveout rw 15x2M; devmem 18/18");
	CHECK_EQ(remotes[ADSP].state, R_RUNNING);
	/* the SCM calls and events of a stop, mappings in place until shutdown returns */
	fake_npended = 0;
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);	/* any SCM call */
	CHECK_EQ(stop_state(ADSP, 1), 0);
	CHECK_EQ(fake_npended, 1);
	CHECK_EQ(fake_pended[0], SPI_ADSP + IRQ_STOP_ACK);
	CHECK_EQ(stop_state(ADSP, 0), 0);
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_EQ(remotes[ADSP].state, R_OFFLINE);
	unmap_all(ADSP);
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=stage1 faults=0");
	CHECK(!strstr(audit(ADSP), "last-fault"));
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(r.x[3], WALK_S1);
	CHECK_EQ(r.x[4], 0);
	CHECK(!strstr(fake_log, "FAULTED"));
	CHECK_EQ(pended(SPI_ADSP + IRQ_FATAL), 0);
	/* after shutdown nothing is checked: unmapping then is right */
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);
	CHECK(!strstr(fake_log, "FAULTED"));
}

static void unmap_after_auth_faults_at_next_scm_call(void)
{
	setup(MODE_NOQHEE);
	CHECK_EQ(load(ADSP, 1), 0);
	map_all(ADSP);
	u64 h = bridge(D(ADSP)->carveout, D(ADSP)->size);
	CHECK_EQ(fake_smc(0x42000205, 1, 1, 0, 0, 0, NULL), 0);
	fake_npended = 0;
	pt_unmap(ttb, D(ADSP)->carveout, D(ADSP)->size);	/* the bug: right after auth */
	CHECK_EQ(unbridge(h), 0);				/* the next SCM call */
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: FAULTED: carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000");
	CHECK_STR(verdict(ADSP), "(seen at SCM call 0x42000c1d (shm_bridge_delete))");
	CHECK_STR(fake_log, "pasdouble: adsp: FAULTED: ");	/* on the secure UART */
	CHECK_EQ(remotes[ADSP].state, R_CRASHED);
	CHECK_EQ(fake_npended, 1);
	CHECK_EQ(fake_pended[0], SPI_ADSP + IRQ_FATAL);	/* the fatal SPI */
	CHECK_EQ(remotes[ADSP].faults, 1);
	/* dead: no stop-ack, no second fault for the same run */
	CHECK_EQ(stop_state(ADSP, 1), 0);
	CHECK_EQ(fake_npended, 1);
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_EQ(remotes[ADSP].faults, 1);
	unmap_all(ADSP);
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=stage1 faults=1 last-fault: pasdouble: adsp: FAULTED: carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000");
	CHECK_EQ(r.x[4], 1);
	/* a later clean boot overwrites the verdict, not the audit's fault */
	start(ADSP);
	CHECK_STR(verdict(ADSP), "booted");
	CHECK_EQ(shutdown(ADSP), 0);
	unmap_all(ADSP);
	CHECK_STR(audit(ADSP), "faults=1 last-fault: pasdouble: adsp: FAULTED: carveout");
	CHECK_STR(fake_log, "0 bridges over the carveout, 1 faults");
}

static void other_remotes_sample_the_stream(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	pt_unmap(ttb, 0x184000, 0x1000);	/* one read-only devmem page */
	/* another remote's init_image is an SCM call: the running ADSP faults */
	fake_smc(0x42000201, 0x82, 39, META_PA, 0, 0, NULL);
	CHECK_STR(verdict(ADSP), "FAULTED: devmem 0x184000+0x1000 not mapped at 0x184000 (seen at SCM call 0x42000201 (pas init_image))");
	/* PSCI and the test hooks that only look (counters, audit, map, verdict) are not SCM calls */
	setup(MODE_NOQHEE);
	start(ADSP);
	pt_unmap(ttb, 0x184000, 0x1000);
	fake_smc(0x84000000, 0, 0, 0, 0, 0, NULL);	/* PSCI_VERSION */
	fake_smc(0xc3000003, 1, 0, 0, 0, 0, NULL);
	audit(ADSP);
	CHECK_EQ(remotes[ADSP].state, R_RUNNING);
	CHECK_EQ(remotes[ADSP].faults, 0);
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_EQ(remotes[ADSP].faults, 1);
}

static void extra_or_wrong_mapping_faults(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	pt_map(ttb, 0x80000000, 0x80000000, 0x1000, 4096, PERM_R | PERM_W);	/* an extra page */
	shutdown(ADSP);
	CHECK_STR(verdict(ADSP), "FAULTED: extra mapping 0x80000000+0x1000");
	CHECK_STR(verdict(ADSP), "(seen at SCM call 0x42000206 (pas shutdown))");
	CHECK_EQ(remotes[ADSP].state, R_OFFLINE);
	setup(MODE_NOQHEE);
	start(ADSP);
	pt_unmap(ttb, 0x95e00000, 0x200000);	/* a carveout block re-mapped read-only */
	pt_map(ttb, 0x95e00000, 0x95e00000, 0x200000, 1 << 21, PERM_R);
	CHECK_EQ(stop_state(ADSP, 1), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: carveout 0x95c00000+0x1e00000 read-only at 0x95e00000");
	CHECK_STR(verdict(ADSP), "(seen at stop request)");
	CHECK_EQ(pended(SPI_ADSP + IRQ_STOP_ACK), 0);	/* a faulted remote does not ack */
	CHECK_EQ(pended(SPI_ADSP + IRQ_FATAL), 1);
}

static void recheck_at_stop_ack_and_shutdown_order(void)
{
	/* unmapping between the stop-ack and shutdown: the clearing of the stop bit sees it */
	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_EQ(stop_state(ADSP, 1), 0);
	CHECK_EQ(pended(SPI_ADSP + IRQ_STOP_ACK), 1);
	unmap_all(ADSP);
	CHECK_EQ(stop_state(ADSP, 0), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000 (seen at stop state cleared)");
	/* unmap before shutdown (wrong order): the check inside shutdown runs while it is live */
	setup(MODE_NOQHEE);
	start(ADSP);
	unmap_all(ADSP);
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_STR(verdict(ADSP), "(seen at SCM call 0x42000206 (pas shutdown))");
	CHECK_EQ(pended(SPI_ADSP + IRQ_FATAL), 1);
	CHECK_EQ(remotes[ADSP].state, R_OFFLINE);	/* the shutdown itself still happens */
	CHECK_STR(audit(ADSP), "faults=1");
	/* a stop-ack raised for a running remote samples the streams first */
	setup(MODE_NOQHEE);
	start(ADSP);
	start(GPDSP0);
	pt_unmap(ttb, D(GPDSP0)->carveout, 0x1000);
	fake_npended = 0;
	CHECK_EQ(stop_state(ADSP, 1), 0);
	CHECK_STR(verdict(GPDSP0), "FAULTED: carveout 0x97b00000+0x1e00000 not mapped at 0x97b00000 (seen at stop request)");
	CHECK_EQ(pended(SPI_ADSP + IRQ_STOP_ACK), 1);
	CHECK_EQ(remotes[ADSP].faults, 0);
}

static void crashed_remote_still_checked(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_EQ(fake_smc(0xc3000002, 1, 0, 0, 0, 0, NULL), 0);	/* wdog: recovery follows */
	CHECK_EQ(remotes[ADSP].state, R_CRASHED);
	CHECK_EQ(remotes[ADSP].faults, 0);
	unmap_all(ADSP);	/* the bug: unmapped in the crash handler, before shutdown */
	fake_npended = 0;
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000 (seen at SCM call 0x42000206 (pas shutdown))");
	CHECK_EQ(fake_npended, 0);	/* already crashed: no second interrupt */
	CHECK_EQ(remotes[ADSP].faults, 1);
}

/* recovery must shut a crashed remote down before it loads it again */
static void crashed_remote_reload_needs_shutdown(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_EQ(fake_smc(0xc3000002, 1, 0, 0, 0, 0, NULL), 0);	/* wdog */
	CHECK(load(ADSP, 1) < 0);
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: REFUSED init_image: remote is live (running or crashed) until shutdown");
	CHECK_EQ(remotes[ADSP].state, R_CRASHED);	/* still checked until shutdown */
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_EQ(load(ADSP, 1), 0);
}

static void written_while_running_faults_at_shutdown(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	fake_npended = 0;
	memset(plat_ns_ptr(0x95c11000, 0x1000), 0xa5, 0x1000);	/* Linux scrubs a page */
	CHECK_EQ(stop_state(ADSP, 1), 0);	/* events do not hash: no fault yet */
	CHECK_EQ(remotes[ADSP].faults, 0);
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: FAULTED: carveout 0x95c00000+0x1e00000 written by Linux while the remote ran: 0x95c10000+0x10000 (1 of 480 chunks) differs from auth (seen at shutdown)");
	CHECK_EQ(pended(SPI_ADSP + IRQ_FATAL), 1);
	CHECK_EQ(remotes[ADSP].state, R_OFFLINE);
	unmap_all(ADSP);
	CHECK_STR(audit(ADSP), "faults=1 last-fault: pasdouble: adsp: FAULTED: carveout 0x95c00000+0x1e00000 written by Linux");
	/* one word, in the last chunk */
	setup(MODE_NOQHEE);
	start(ADSP);
	*(u64 *)plat_ns_ptr(0x979ffff8, 8) ^= 1;
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_STR(verdict(ADSP), "0x979f0000+0x10000 (1 of 480 chunks) differs");
	/* loading between shutdown and the next auth is Linux's right */
	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_EQ(shutdown(ADSP), 0);
	unmap_all(ADSP);
	memset(plat_ns_ptr(0x95d00000, 0x4000), 0x5a, 0x4000);
	start(ADSP);
	CHECK_EQ(shutdown(ADSP), 0);
	CHECK_EQ(remotes[ADSP].faults, 0);
}

static void written_while_running_faults_at_crash(void)
{
	setup(MODE_NOQHEE);
	start(ADSP);
	fake_npended = 0;
	memset(plat_ns_ptr(0x95c00000 + 0x1df0000, 0x100), 0xff, 0x100);
	CHECK_EQ(fake_smc(0xc3000002, 1, 1, 0, 0, 0, NULL), 0);	/* fatal crash */
	CHECK_STR(verdict(ADSP), "FAULTED: carveout 0x95c00000+0x1e00000 written by Linux while the remote ran: 0x979f0000+0x10000 (1 of 480 chunks) differs from auth (seen at fatal crash)");
	CHECK_EQ(fake_npended, 1);	/* the crash's own fatal SPI, no second one */
	CHECK_EQ(remotes[ADSP].faults, 1);
	CHECK_EQ(shutdown(ADSP), 0);	/* no second fault for the same run */
	CHECK_EQ(remotes[ADSP].faults, 1);
	/* a mapping fault is a crash too: the content is compared in the same verdict */
	setup(MODE_NOQHEE);
	start(ADSP);
	memset(plat_ns_ptr(0x95c40000, 8), 1, 8);
	pt_unmap(ttb, 0x110000, 0x1000);
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: devmem 0x110000+0x4000 not mapped at 0x110000; carveout 0x95c00000+0x1e00000 written by Linux while the remote ran: 0x95c40000+0x10000");
	CHECK_EQ(remotes[ADSP].faults, 1);
}

static void qhee_mode_content_only(void)
{
	setup(MODE_QHEE);
	CHECK_EQ(load(GPDSP0, 0), 0);
	CHECK_EQ(fake_smc(0x42000205, 1, 39, 0, 0, 0, NULL), 0);
	/* the hypervisor owns the stream: nothing mapped by Linux is right */
	CHECK_EQ(fake_smc(0x42000207, 1, 39, 0, 0, 0, NULL), 0);
	CHECK_EQ(remotes[GPDSP0].faults, 0);
	memset(plat_ns_ptr(0x97b00000, 16), 0, 16);
	CHECK_EQ(fake_smc(0x42000206, 1, 39, 0, 0, 0, NULL), 0);
	CHECK_STR(verdict(GPDSP0), "FAULTED: carveout 0x97b00000+0x1e00000 written by Linux while the remote ran: 0x97b00000+0x10000");
	fake_gbpa = 1u << 20;	/* the fake SMMU is off: GBPA.ABORT, no translation */
	CHECK_STR(audit(GPDSP0), "leaves=0 bridges=0 stream=none faults=1");
}

/* the DTB profile's remote: both carveouts hashed at the main image's auth */
static void dtb_carveout_hashed_too(void)
{
	struct remote *rm;

	fake_mem_reset();
	pasd_reset(MODE_QHEE | FEAT_DTB_PROFILE);
	fake_log_clear();
	fake_mem_add(BUF_PA, 0x10000);
	fake_mem_add(remote_dtb_profile.carveout, remote_dtb_profile.size);
	fake_mem_add(remote_dtb_profile.dtb_carveout, remote_dtb_profile.dtb_size);
	rm = remote_by_pas(18);
	CHECK(rm == &remotes[1]);
	remote_boot(rm);	/* what a successful auth_and_reset of the main image does */
	CHECK_EQ(rm->n_hashed, 2);
	memset(plat_ns_ptr(0xa2170000, 4), 0xee, 4);
	CHECK_EQ(fake_smc(0x42000206, 1, 18, 0, 0, 0, NULL), 0);
	CHECK_STR(rm->verdict, "pasdouble: cdsp-dtb: FAULTED: DTB carveout 0xa2100000+0x80000 written by Linux while the remote ran: 0xa2170000+0x10000 (1 of 8 chunks) differs from auth (seen at shutdown)");
	/* the DTB image's own shutdown afterwards checks nothing more */
	CHECK_EQ(fake_smc(0x42000206, 1, 0x25, 0, 0, 0, NULL), 0);
	CHECK_EQ(rm->faults, 1);
	/* a carveout the double cannot read (not NS DRAM here) is not hashed */
	fake_mem_reset();
	pasd_reset(MODE_QHEE);
	remote_boot(&remotes[2]);
	CHECK_EQ(remotes[2].n_hashed, 0);
	CHECK_EQ(fake_smc(0x42000206, 1, 30, 0, 0, 0, NULL), 0);
	CHECK_EQ(remotes[2].faults, 0);
}

static void audit_fails_bypass_and_walk_errors(void)
{
	u64 cd;

	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_STR(audit(ADSP), "leaves=74 bridges=0 stream=stage1 faults=0");
	CHECK_EQ(shutdown(ADSP), 0);
	unmap_all(ADSP);
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=stage1 faults=0");
	/* left in bypass: everything reachable, although no leaf */
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 1 | 4 << 1;
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=bypass faults=0");
	CHECK_EQ(r.x[3], WALK_BYPASS);
	CHECK_STR(fake_log, "(BYPASS)");
	/* a table the SMMU cannot read: unknown, not empty */
	setup(MODE_NOQHEE);
	start(ADSP);
	CHECK_EQ(shutdown(ADSP), 0);
	unmap_all(ADSP);
	cd = pt_cd_pa(0x3000);
	*(u64 *)plat_ns_ptr(cd + 8, 8) = 0x1000;	/* TTB0 in secure memory */
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=error faults=0");
	CHECK_EQ(r.x[3], WALK_ERROR);
	/* no translation at all (STE invalid) is clean */
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 0;
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=none faults=0");
	/* a bridge left over the carveout */
	bridge(0x95c00000, 0x1000);
	CHECK_STR(audit(ADSP), "leaves=0 bridges=1 stream=none");
	/* the registers without a text buffer */
	CHECK_EQ(fake_smc(0xc3000005, 1, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(r.x[2], 1);
	CHECK_EQ(r.x[3], WALK_NONE);
	CHECK_EQ(r.x[4], 0);
	/* a text buffer outside NS memory */
	CHECK_EQ(fake_smc(0xc3000005, 1, 0x1000, 64, 0, 0, NULL), -3);
}

static void walk_error_while_running_faults(void)
{
	u64 *l0;

	setup(MODE_NOQHEE);
	start(ADSP);
	/* a table descriptor beyond everything mapped, pointing at secure memory */
	l0 = (u64 *)plat_ns_ptr(ttb, 4096);
	l0[1] = 0x1000 | 3;
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: ");
	CHECK_STR(verdict(ADSP), "0x1000");
	CHECK_EQ(remotes[ADSP].state, R_CRASHED);
	/* bypass while running */
	setup(MODE_NOQHEE);
	start(ADSP);
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 1 | 4 << 1;
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: STE for SID 0x3000 is bypass: every address reachable");
}

static void expected_leaves_from_facts(void)
{
	static const u64 want[NREMOTES] = { 15 + 59, 15, 526, 526, 526 };
	struct remote_desc d = { 0 };
	u64 c, m;

	setup(MODE_NOQHEE);
	for (unsigned int i = 0; i < NREMOTES; i++) {
		CHECK_EQ(fake_smc(0xc3000009, D(i)->pas_id, 0, 0, 0, 0, &r), 0);
		CHECK_EQ(r.x[1], want[i]);
		CHECK_EQ(r.x[2] + r.x[3], r.x[1]);
	}
	fake_smc(0xc3000009, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[2], 15);
	CHECK_EQ(r.x[3], 59);
	CHECK_EQ(fake_smc(0xc3000009, 2, 0, 0, 0, 0, NULL), -3);
	/* 1G + 2M + 4K at a 1 GiB boundary: one leaf of each; 4K below a 2M boundary first */
	d.carveout = 0x80000000;
	d.size = 0x40201000;
	CHECK_EQ(remote_expected_leaves(&d, &c, &m), 3);
	d.carveout = 0x801ff000;
	d.size = 0x201000;
	CHECK_EQ(remote_expected_leaves(&d, &c, &m), 2);
	d.size = 0x200800;	/* PAGE_ALIGN: 0x201000 */
	CHECK_EQ(remote_expected_leaves(&d, &c, &m), 2);
	/* the DTB profile's remote: both carveouts (32 MiB 2M-aligned, 512 KiB 1M-aligned) */
	CHECK_EQ(remote_expected_leaves(&remote_dtb_profile, &c, &m), 16 + 128);
	CHECK_EQ(m, 0);
	/* the live walk of a clean start agrees */
	start(ADSP);
	fake_smc(0xc3000003, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[3], 74);
}

/* +spread: a window at da 0x40000000 -> pa 0x00500000 is checked da -> pa while the remote runs */
static void spread_window_da_to_pa(void)
{
	setup(MODE_NOQHEE | FEAT_DEVMEM_SPREAD);
	CHECK_EQ(fake_smc(0xc3000009, 1, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[3], 59 + 2);
	start(ADSP);
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: booted: carveout rw 15x2M; devmem 20/20");
	CHECK_STR(fake_log, "map 0x40000000 -> 0x500000 size 0x1000 rw 1x4K xn,user,device-0x04");
	pt_map(ttb, 0x40000000, 0x40000000, 0x1000, 4096, PERM_R | PERM_W | PT_MMIO | PT_NOEXEC);
	CHECK_EQ(fake_smc(0x42000207, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_STR(verdict(ADSP), "FAULTED: devmem 0x40000000+0x1000 IOVA 0x40000000 maps PA 0x40000000 (not PA 0x500000) (seen at SCM call 0x42000207 (pas is_supported))");
	CHECK_EQ(remotes[ADSP].state, R_CRASHED);
	CHECK_EQ(shutdown(ADSP), 0);
	unmap_all(ADSP);
	CHECK_STR(audit(ADSP), "leaves=0 bridges=0 stream=stage1 faults=1");
}

static void hash_detects_every_word(void)
{
	static u64 buf[4096];
	u64 h0, h;
	unsigned int i, missed = 0;

	for (i = 0; i < 4096; i++)
		buf[i] = i * 0x9e3779b97f4a7c15ULL;
	h0 = pasd_hash64(buf, 4096, 7);
	CHECK(h0 != pasd_hash64(buf, 4096, 8));	/* the seed (chunk address) counts */
	CHECK(h0 != pasd_hash64(buf, 4095, 7));
	for (i = 0; i < 4096; i++) {
		buf[i] ^= 1ULL << (i & 63);
		h = pasd_hash64(buf, 4096, 7);
		missed += h == h0;
		buf[i] ^= 1ULL << (i & 63);
	}
	CHECK_EQ(missed, 0);
	/* two words swapped */
	h = buf[10], buf[10] = buf[11], buf[11] = h;
	CHECK(pasd_hash64(buf, 4096, 7) != h0);
	h = buf[10], buf[10] = buf[14], buf[14] = h;	/* same lane */
	CHECK(pasd_hash64(buf, 4096, 7) != h0);
	memset(buf, 0, sizeof(buf));
	CHECK(pasd_hash64(buf, 4096, 7) != pasd_hash64(buf, 2048, 7));
}

KTAP_MAIN("live", T(clean_start_stop_no_fault), T(unmap_after_auth_faults_at_next_scm_call),
	  T(other_remotes_sample_the_stream), T(extra_or_wrong_mapping_faults),
	  T(recheck_at_stop_ack_and_shutdown_order), T(crashed_remote_still_checked),
	  T(crashed_remote_reload_needs_shutdown),
	  T(written_while_running_faults_at_shutdown), T(written_while_running_faults_at_crash),
	  T(qhee_mode_content_only), T(dtb_carveout_hashed_too), T(audit_fails_bypass_and_walk_errors),
	  T(walk_error_while_running_faults), T(expected_leaves_from_facts),
	  T(spread_window_da_to_pa), T(hash_detects_every_word))
