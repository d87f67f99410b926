// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAS end to end on the host: the SMC sequence Linux makes (init_image,
 * mem_setup, auth_and_reset, shutdown) against fake NS memory holding an
 * mkmdt image, SHM bridges and synthetic SMMU tables; verdict texts as in
 * ABI.md; the remote's interrupts, counters, test hooks and fault injection.
 */
#include "pas_flow.h"
#include "mdtgen.h"

struct load {
	const char *bad;
	int reloc, bridge_meta, skip_mem_setup;
	int init_rc, setup_rc;
};

/* init_image (+ mem_setup) and copy the segments, as qcom_mdt_pas_init/load do */
static void load(int i, struct load *l)
{
	const struct remote_desc *d = D(i);
	struct mdtgen_opts o = { d->carveout, d->size, 7, 3, 0x3000, 0x1000, 0x100000, l->reloc, l->bad };
	struct mdt_info mi;
	unsigned char *f;
	unsigned int len;
	char err[200];
	u8 *meta = plat_ns_ptr(META_PA, 0x10000);

	CHECK_EQ(mdtgen(&o, &f, &len, err, sizeof(err)), 0);
	CHECK_EQ(mdt_parse_header(f, len, &mi, err, sizeof(err)), 0);
	memcpy(meta, f, mi.hdr_size);
	memcpy(meta + mi.hdr_size, f + mi.ph[mi.hash_idx].offset, mi.hash_size);
	if (l->bridge_meta)
		CHECK(bridge(META_PA, 0x1000));
	l->init_rc = fake_smc(0x42000201, 0x82, d->pas_id, META_PA, 0, 0, NULL);
	if (mi.relocatable && !l->skip_mem_setup)
		l->setup_rc = fake_smc(0x42000202, 3, d->pas_id, d->carveout,
				       mi.max_end - mi.min_paddr, 0, NULL);
	for (u32 k = 2; k < mi.phnum; k++) {
		u64 a = mi.ph[k].paddr - (mi.relocatable ? mi.min_paddr - d->carveout : 0);
		u8 *dst = plat_ns_ptr(a, mi.ph[k].filesz);

		if (dst)
			memcpy(dst, f + mi.ph[k].offset, mi.ph[k].filesz);
	}
	free(f);
}

static int auth(int i)
{
	return fake_smc(0x42000205, 1, D(i)->pas_id, 0, 0, 0, NULL);
}

static void noqhee_series_like_boot(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, 0);
	bridge(D(ADSP)->carveout, D(ADSP)->size);
	map_all(ADSP);
	CHECK_EQ(auth(ADSP), 0);
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: booted: carveout rw 15x2M; devmem 18/18; bridges 2");
	CHECK_EQ(fake_npended, 2);
	CHECK_EQ(fake_pended[0], 224 + 2);	/* ready */
	CHECK_EQ(fake_pended[1], 224 + 3);	/* handover */
	fake_smc(0xc3000003, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);			/* boots */
	CHECK_EQ(r.x[2], 2);			/* live bridges */
	CHECK_EQ(r.x[3], 15 + 59);		/* 15 blocks + 59 devmem pages */
	CHECK_EQ(fake_smc(0xc3000007, 1, BUF_PA, 4096, 0, 0, NULL), 0);
	CHECK_STR((char *)plat_ns_ptr(BUF_PA, 1), "0x95c00000 0x95c00000 0x1e00000 rw 2M 15 x,user,normal-nc\n");
	CHECK_STR((char *)plat_ns_ptr(BUF_PA, 1), "0x110000 0x110000 0x4000 r 4K 4 xn,user,device-0x04\n");
}

static void base_kernel_metadata_not_bridged(void)
{
	struct load l = { 0 };

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, -3);
	CHECK_STR(fake_log, "pasdouble: adsp: REFUSED init_image: metadata 0x41000000+0x174 is not inside a live SHM bridge");
	CHECK_STR(verdict(ADSP), "REFUSED init_image");
	CHECK_EQ(auth(ADSP), -1);	/* no successful init_image */
	CHECK_EQ(fake_npended, 0);
}

static void no_ste_refused(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	pt_setup_sid(0x21c0, 0);	/* the SMMU is on, but nothing for 0x3000 */
	load(ADSP, &l);
	bridge(D(ADSP)->carveout, D(ADSP)->size);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(fake_log, "pasdouble: adsp: REFUSED auth_and_reset: carveout 0x95c00000+0x1e00000 not mapped at 0x95c00000 (no valid STE for SID 0x3000)\n");
	CHECK_EQ(fake_npended, 0);
}

static void carveout_not_bridged(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	load(GPDSP0, &l);
	map_all(GPDSP0);
	CHECK_EQ(auth(GPDSP0), -1);
	CHECK_STR(verdict(GPDSP0), "REFUSED auth_and_reset: carveout 0x97b00000+0x1e00000 not covered by a live SHM bridge");
}

static void devmem_missing_refused(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	bridge(D(ADSP)->carveout, D(ADSP)->size);
	map_all(ADSP);
	pt_unmap(ttb, 0x184000, 0x1000);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: devmem 0x184000+0x1000 not mapped at 0x184000");
}

static void hash_mismatch_refused_both_modes(void)
{
	for (u32 mode = 0; mode < 2; mode++) {
		struct load l = { .bad = "payload", .bridge_meta = mode == MODE_NOQHEE };

		setup(mode);
		load(ADSP, &l);
		CHECK_EQ(l.init_rc, 0);
		bridge(D(ADSP)->carveout, D(ADSP)->size);
		map_all(ADSP);
		CHECK_EQ(auth(ADSP), -1);
		CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: segment 2 at 0x95c00000+0x3000 does not match its SHA-256 digest");
	}
}

static void qhee_mode_no_mapping_checks(void)
{
	struct load l = { 0 };

	setup(MODE_QHEE);
	load(GPDSP0, &l);
	CHECK_EQ(l.init_rc, 0);
	CHECK_EQ(auth(GPDSP0), 0);
	CHECK_STR(verdict(GPDSP0), "pasdouble: gpdsp0: booted: QHEE mode, SMMU not checked; bridges 0");
	CHECK_EQ(fake_npended, 2);
}

static void relocatable_needs_mem_setup(void)
{
	struct load l = { .reloc = 1, .skip_mem_setup = 1 };

	setup(MODE_QHEE);
	load(GPDSP0, &l);
	CHECK_EQ(auth(GPDSP0), -1);
	CHECK_STR(verdict(GPDSP0), "relocatable image without mem_setup");
	l = (struct load){ .reloc = 1 };
	load(GPDSP0, &l);
	CHECK_EQ(l.setup_rc, 0);
	CHECK_EQ(auth(GPDSP0), 0);
	/* mem_setup outside the carveout is refused */
	fake_smc(0x42000206, 1, 39, 0, 0, 0, NULL);
	load(GPDSP0, &l);
	CHECK_EQ(fake_smc(0x42000202, 3, 39, 0x97b00000, 0x2000000, 0, NULL), -3);
}

static void segment_outside_carveout(void)
{
	struct load l = { .bad = "outside", .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, -3);
	CHECK_STR(verdict(ADSP), "REFUSED init_image: segment 4 0x979ff000+0x4000 outside carveout 0x95c00000+0x1e00000");
}

static void stop_crash_shutdown(void)
{
	struct load l = { 0 };

	setup(MODE_QHEE);
	load(ADSP, &l);
	CHECK_EQ(auth(ADSP), 0);
	fake_npended = 0;
	CHECK_EQ(fake_smc(0xc3000001, 1, 1, 0, 0, 0, NULL), 0);	/* stop bit */
	CHECK_EQ(fake_npended, 1);
	CHECK_EQ(fake_pended[0], 224 + 4);				/* stop-ack */
	CHECK_EQ(fake_smc(0xc3000001, 1, 0, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(0xc3000002, 1, 0, 0, 0, 0, NULL), 0);	/* wdog */
	CHECK_EQ(fake_pended[1], 224 + 0);
	CHECK_EQ(fake_smc(0xc3000002, 1, 1, 0, 0, 0, NULL), -3);	/* already crashed */
	CHECK_EQ(fake_smc(0xc3000001, 1, 1, 0, 0, 0, NULL), 0);	/* no ack when crashed */
	CHECK_EQ(fake_npended, 2);
	CHECK_EQ(fake_smc(0x42000206, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_smc(0x42000206, 1, 1, 0, 0, 0, NULL), 0);	/* not running: still 0 */
	/* and it boots again: boots counter 2, fatal this time */
	load(ADSP, &l);
	CHECK_EQ(auth(ADSP), 0);
	CHECK_EQ(fake_smc(0xc3000002, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_pended[fake_npended - 1], 224 + 1);
	fake_smc(0xc3000003, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 2);
}

static void fault_injection(void)
{
	struct load l = { 0 };

	setup(MODE_QHEE);
	CHECK_EQ(fake_smc(0xc3000006, 1, 2, (u64)-5, 0, 0, NULL), 0);	/* 2nd init_image */
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, 0);
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, -5);
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, 0);		/* one-shot */
	fake_smc(0xc3000006, 3, 1, (u64)-1, 0, 0, NULL);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "INJECTED auth_and_reset");
	fake_smc(0xc3000006, 7, 1, (u64)-1, 0, 0, NULL);	/* silent remote */
	fake_npended = 0;
	load(ADSP, &l);
	CHECK_EQ(auth(ADSP), 0);
	CHECK_EQ(fake_npended, 0);
	fake_smc(0xc3000006, 4, 1, (u64)-3, 0, 0, NULL);
	CHECK(!bridge(0x42000000, 0x1000));
	CHECK(bridge(0x42000000, 0x1000));
	fake_smc(0xc3000006, 6, 1, (u64)-2, 0, 0, NULL);
	CHECK_EQ(fake_smc(0x42000206, 1, 1, 0, 0, 0, NULL), -2);
}

static void audit_after_stop(void)
{
	struct load l = { .bridge_meta = 1 };
	u64 hb;

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	hb = bridge(D(ADSP)->carveout, D(ADSP)->size);
	map_all(ADSP);
	CHECK_EQ(auth(ADSP), 0);
	fake_smc(0x42000206, 1, 1, 0, 0, 0, NULL);
	fake_smc(0xc3000005, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 15 + 59);		/* still mapped: a leaky series is visible */
	CHECK_EQ(r.x[2], 1);		/* and still bridged */
	pt_unmap(ttb, 0, 0x100000000ULL - 0x1000);
	fake_smc(0x42000c1d, 1, hb, 0, 0, 0, NULL);
	fake_smc(0xc3000005, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(r.x[3], WALK_S1);
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 1 | 4 << 1;	/* bypass: not "nothing" */
	fake_smc(0xc3000005, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[3], WALK_BYPASS);
	CHECK_STR(fake_log, "(BYPASS)");
}

static void unknown_pas_and_order(void)
{
	setup(MODE_NOQHEE);
	CHECK_EQ(fake_smc(0x42000201, 0x82, 2, META_PA, 0, 0, NULL), -3);
	CHECK_EQ(fake_smc(0x42000205, 1, 2, 0, 0, 0, NULL), -3);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "no successful init_image");
	CHECK_EQ(fake_smc(0x42000201, 0x82, 1, 0x1000, 0, 0, NULL), -3);	/* secure PA */
	CHECK_STR(verdict(ADSP), "is not NS DRAM");
}

/* ---- TrustZone rules of issue 9 (bridges, metadata, QHEE, attributes) ---- */

static void metadata_unchanged_and_bridged_until_auth(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	load(ADSP, &l);				/* the metadata bridge is handle 1 */
	bridge(D(ADSP)->carveout, D(ADSP)->size);
	map_all(ADSP);
	plat_ns_ptr(META_PA, 0x200)[0x100] ^= 1;	/* Linux writes into it after init_image */
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: metadata 0x41000000+0x174 changed since init_image (SHA-256)");
	plat_ns_ptr(META_PA, 0x200)[0x100] ^= 1;
	CHECK_EQ(fake_smc(0x42000c1d, 1, 1, 0, 0, 0, &r), 0);	/* released before auth */
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: metadata 0x41000000+0x174 is no longer inside a live SHM bridge");
	CHECK_EQ(fake_npended, 0);
}

static void carveout_bridge_extent(void)
{
	struct load l = { .bridge_meta = 1 };
	const struct remote_desc *d = D(ADSP);

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	CHECK(bridge(d->carveout, d->size + 0x1000));	/* one page too many */
	map_all(ADSP);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: SHM bridge 0x2 (0x95c00000+0x1e01000) reaches beyond the carveout 0x95c00000+0x1e00000");

	/* starting below it */
	setup(MODE_NOQHEE);
	load(ADSP, &l);
	CHECK(bridge(d->carveout - 0x200000, d->size + 0x200000));
	map_all(ADSP);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "reaches beyond the carveout");

	/* two bridges that together are exactly the carveout: fine */
	setup(MODE_NOQHEE);
	load(ADSP, &l);
	CHECK(bridge(d->carveout, 0x1000000));
	CHECK(bridge(d->carveout + 0x1000000, d->size - 0x1000000));
	map_all(ADSP);
	CHECK_EQ(auth(ADSP), 0);
	CHECK_STR(verdict(ADSP), "booted: carveout rw 15x2M; devmem 18/18; bridges 3");
}

static void window_attributes_refused_end_to_end(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	bridge(D(ADSP)->carveout, D(ADSP)->size);
	map_all(ADSP);
	pt_map(ttb, 0x110000, 0x110000, 0x4000, 4096, PERM_R | PT_MMIO);	/* flags 5: DEVICE is XN */
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: devmem 0x110000+0x4000 executable at 0x110000 (DEVICE)");
	CHECK_STR(fake_log, "map 0x110000 -> 0x110000 size 0x4000 r 4x4K x,user,device-0x04");

	setup(MODE_NOQHEE);
	load(ADSP, &l);
	bridge(D(ADSP)->carveout, D(ADSP)->size);
	map_all(ADSP);
	pt_map(ttb, 0x95c00000, 0x95c00000, 0x1e00000, 1 << 21, PERM_R | PERM_W | PT_NOEXEC);
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: carveout 0x95c00000+0x1e00000 not executable (XN) at 0x95c00000 (must be executable)");
}

static void qhee_metadata_already_bridged_refused(void)
{
	struct load l = { .bridge_meta = 1 };

	setup(MODE_QHEE);
	load(GPDSP0, &l);
	CHECK_EQ(l.init_rc, -3);
	CHECK_STR(verdict(GPDSP0), "REFUSED init_image: metadata 0x41000000+0x174 lies in SHM bridge 0x1 (0x41000000+0x1000): under QHEE the hypervisor bridges it itself");
	CHECK_EQ(auth(GPDSP0), -1);
	/* the base kernel's unbridged dma_alloc_coherent() buffer is what QHEE wants */
	l = (struct load){ 0 };
	fake_smc(0x42000c1d, 1, 1, 0, 0, 0, NULL);
	load(GPDSP0, &l);
	CHECK_EQ(l.init_rc, 0);
	CHECK_EQ(auth(GPDSP0), 0);
}

static void qhee_stream_owned_by_hypervisor(void)
{
	struct load l = { 0 };

	setup(MODE_QHEE);
	load(ADSP, &l);
	map_all(ADSP);				/* Linux attached a domain to the SID */
	CHECK_EQ(auth(ADSP), -1);
	CHECK_STR(verdict(ADSP), "REFUSED auth_and_reset: SID 0x3000 owned by the hypervisor: Linux programmed a stage-1 STE for it");
	CHECK_EQ(fake_npended, 0);
	/* an aborting STE (no domain of Linux's) is fine */
	*(u64 *)plat_ns_ptr(pt_ste_pa(0x3000), 8) = 1;
	load(ADSP, &l);
	CHECK_EQ(auth(ADSP), 0);
	CHECK_STR(verdict(ADSP), "booted: QHEE mode");
}

static void trustzone_without_bridges_refuses_series(void)
{
	struct load l = { 0 };

	setup(MODE_NOQHEE | FEAT_NO_SHM_BRIDGE);
	CHECK(!bridge(META_PA, 0x1000));	/* no such call: tzmem gives handle 0 and goes on */
	load(ADSP, &l);
	CHECK_EQ(l.init_rc, -3);
	CHECK_STR(verdict(ADSP), "REFUSED init_image: metadata 0x41000000+0x174 is not inside a live SHM bridge");
	CHECK_EQ(fake_smc(0xc3000008, 0, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], MODE_NOQHEE);
}

KTAP_MAIN("pas", T(noqhee_series_like_boot), T(base_kernel_metadata_not_bridged), T(no_ste_refused),
	  T(carveout_not_bridged), T(devmem_missing_refused), T(hash_mismatch_refused_both_modes),
	  T(qhee_mode_no_mapping_checks), T(relocatable_needs_mem_setup), T(segment_outside_carveout),
	  T(stop_crash_shutdown), T(fault_injection), T(audit_after_stop), T(unknown_pas_and_order),
	  T(metadata_unchanged_and_bridged_until_auth), T(carveout_bridge_extent),
	  T(window_attributes_refused_end_to_end), T(qhee_metadata_already_bridged_refused),
	  T(qhee_stream_owned_by_hypervisor), T(trustzone_without_bridges_refuses_series))
