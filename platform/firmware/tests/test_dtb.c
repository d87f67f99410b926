// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DTB profile (FEAT_DTB_PROFILE, ABI.md "The DTB profile"): remote idx 1
 * is an x1e80100-class CDSP with a DTB image (pas_id 0x25) in a carveout of
 * its own next to the main image (pas_id 18). The SMC sequence of 6.12's
 * qcom_pas_load()/qcom_pas_start()/qcom_pas_stop() with the series: DTB
 * init_image and load; map both carveouts; DTB auth (bridged); main
 * init_image, load, auth (bridged); stop: main shutdown, DTB shutdown, unmap.
 */
#include "harness.h"
#include "mdtgen.h"

#define META_PA 0x41000000ULL	/* a tzmem-like pool: both metadata buffers */
#define META_DTB META_PA
#define META_MAIN (META_PA + 0x8000)
#define BUF_PA 0x41100000ULL
#define FEAT FEAT_DTB_PROFILE
#define DTB_ID 0x25
#define MAIN_ID 18
#define SPI 229

static const struct remote_desc *const P = &remote_dtb_profile;
static u64 ttb;
static struct smc_regs r;

static void setup(u32 mode)
{
	fake_mem_reset();
	pasd_reset(mode | FEAT);
	fake_log_clear();
	pt_init(0x40100000, 0x1000000);
	fake_mem_add(META_PA, 0x20000);
	fake_mem_add(BUF_PA, 0x1000);
	fake_mem_add(P->carveout, P->size);
	fake_mem_add(P->dtb_carveout, P->dtb_size);
}

static u64 bridge(u64 pa, u64 size)
{
	fake_smc(0x42000c1e, 4, pa | 6, pa | 6, size | 1 << 9, 3, &r);
	return r.x[0] || r.x[1] ? 0 : r.x[2];
}

static void unbridge(u64 handle)
{
	fake_smc(0x42000c1d, 1, handle, 0, 0, 0, NULL);
}

/* what qcom_pas_iommu_map() maps: both carveouts IOVA == PA, rw */
static void map(int main, int dtb)
{
	ttb = pt_setup_sid(P->sid, 0);
	if (main)
		pt_map(ttb, P->carveout, P->carveout, P->size, 1 << 21, PERM_R | PERM_W);
	if (dtb)
		pt_map(ttb, P->dtb_carveout, P->dtb_carveout, P->dtb_size, 4096, PERM_R | PERM_W);
}

/* init_image of one image (metadata at meta) and its segments copied, as mdt_loader does */
static int load(u32 pas_id, u64 base, u64 size, u64 meta_pa, const char *bad)
{
	struct mdtgen_opts o = { base, size, pas_id, 2, 0x3000, 0x1000, size / 4, 0, bad };
	struct mdt_info mi;
	unsigned char *f;
	unsigned int len;
	char err[200];
	u8 *meta = plat_ns_ptr(meta_pa, 0x4000);
	int rc;

	CHECK_EQ(mdtgen(&o, &f, &len, err, sizeof(err)), 0);
	CHECK_EQ(mdt_parse_header(f, len, &mi, err, sizeof(err)), 0);
	memcpy(meta, f, mi.hdr_size);
	memcpy(meta + mi.hdr_size, f + mi.ph[mi.hash_idx].offset, mi.hash_size);
	rc = fake_smc(0x42000201, 0x82, pas_id, meta_pa, 0, 0, NULL);
	for (u32 k = 2; k < mi.phnum; k++)
		memcpy(plat_ns_ptr(mi.ph[k].paddr, mi.ph[k].filesz), f + mi.ph[k].offset,
		       mi.ph[k].filesz);
	free(f);
	return rc;
}

static int load_dtb(const char *bad)
{
	return load(DTB_ID, P->dtb_carveout, P->dtb_size, META_DTB, bad);
}

static int load_main(void)
{
	return load(MAIN_ID, P->carveout, P->size, META_MAIN, NULL);
}

/* qcom_pas_auth_and_reset() of the series: the image's carveout bridged for the call only */
static int auth(u32 pas_id, u64 base, u64 size, int bridged)
{
	u64 h = bridged ? bridge(base, size) : 0;
	int rc = fake_smc(0x42000205, 1, pas_id, 0, 0, 0, NULL);

	if (h)
		unbridge(h);
	return rc;
}

static int auth_dtb(int bridged)
{
	return auth(DTB_ID, P->dtb_carveout, P->dtb_size, bridged);
}

static int auth_main(void)
{
	return auth(MAIN_ID, P->carveout, P->size, 1);
}

static const char *verdict(void)
{
	static char v[256];

	CHECK_EQ(fake_smc(0xc3000004, MAIN_ID, BUF_PA, sizeof(v), 0, 0, NULL), 0);
	memcpy(v, plat_ns_ptr(BUF_PA, sizeof(v)), sizeof(v));
	v[sizeof(v) - 1] = 0;
	return v;
}

static void audit(void)
{
	CHECK_EQ(fake_smc(0xc3000005, MAIN_ID, 0, 0, 0, 0, &r), 0);
}

/* the series in no-QHEE mode up to a running remote */
static void series_start(void)
{
	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));	/* the tzmem pool */
	CHECK_EQ(load_dtb(NULL), 0);
	map(1, 1);
	CHECK_EQ(auth_dtb(1), 0);
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), 0);
}

static void profile_selects_the_table(void)
{
	struct carveout cv[MAX_CARVEOUTS];

	CHECK(remote_desc_of(1, 0) == &remote_descs[1]);
	CHECK(remote_desc_of(1, FEAT) == P);
	CHECK(remote_desc_of(0, FEAT) == &remote_descs[0]);
	CHECK(remote_desc_of(NREMOTES, FEAT) == NULL);
	CHECK_EQ(remote_carveouts(P, cv), 2);
	CHECK_EQ(cv[0].base, P->carveout);
	CHECK_EQ(cv[1].base, P->dtb_carveout);
	CHECK_EQ(cv[1].size, P->dtb_size);
	CHECK_EQ(remote_carveouts(&remote_descs[1], cv), 1);
	/* its own SID and carveouts: nothing shared with the other remotes */
	for (u32 i = 0; i < NREMOTES; i++) {
		const struct remote_desc *d = &remote_descs[i];

		CHECK(d->sid != P->sid);
		CHECK(d->carveout + d->size <= P->carveout || P->dtb_carveout + P->dtb_size <= d->carveout);
	}
	CHECK(P->carveout + P->size < P->dtb_carveout);	/* not adjacent: a page too many shows */
}

static void pas_id_lookup(void)
{
	struct remote *m, *img;

	setup(MODE_NOQHEE);
	/* bound at reset already: code that walks the remotes finds it */
	CHECK(remote_dtb_image.owner == &remotes[1]);
	CHECK(remotes[1].d == P);
	m = remote_by_pas(MAIN_ID);
	img = remote_by_pas(DTB_ID);
	CHECK(m == &remotes[1]);
	CHECK(m->d == P);
	CHECK(m->owner == NULL);
	CHECK(img == &remote_dtb_image);
	CHECK(img->owner == m);
	CHECK_EQ(img->d->pas_id, DTB_ID);
	CHECK_EQ(img->d->carveout, P->dtb_carveout);
	CHECK_EQ(img->d->size, P->dtb_size);
	CHECK_EQ(img->d->sid, P->sid);
	/* is_supported answers for both ids */
	fake_smc(0x42000207, 1, DTB_ID, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);
	/* the default platform has neither cdsp-dtb nor pas_id 0x25 */
	fake_mem_reset();
	pasd_reset(MODE_NOQHEE);
	CHECK(remote_dtb_image.owner == NULL);
	CHECK(remotes[1].d == &remote_descs[1]);
	CHECK(remote_by_pas(MAIN_ID)->d == &remote_descs[1]);
	CHECK(remote_by_pas(DTB_ID) == NULL);
	fake_mem_add(META_PA, 0x20000);
	CHECK_EQ(fake_smc(0x42000201, 0x82, DTB_ID, META_PA, 0, 0, NULL), -3);
	CHECK_STR(fake_log, "pas_id 37: REFUSED init_image: unknown pas_id");
}

static void dtb_auth_then_main_boots(void)
{
	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));
	CHECK_EQ(load_dtb(NULL), 0);
	CHECK_STR(fake_log, "pasdouble: cdsp-dtb/dtb: init_image ok");
	map(1, 1);
	CHECK_EQ(auth_dtb(1), 0);
	CHECK_STR(fake_log, "pasdouble: cdsp-dtb/dtb: authenticated, waits for the main image");
	CHECK_EQ(fake_npended, 0);	/* no ready/handover for the DTB image */
	CHECK_EQ(remote_dtb_image.state, R_RUNNING);
	CHECK_EQ(remotes[1].state, R_OFFLINE);
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), 0);
	CHECK_STR(verdict(), "pasdouble: cdsp-dtb: booted: carveout rw 16x2M; devmem 0/0; bridges 2");
	CHECK_EQ(fake_npended, 2);
	CHECK_EQ(fake_pended[0], SPI + IRQ_READY);
	CHECK_EQ(fake_pended[1], SPI + IRQ_HANDOVER);
	CHECK_EQ(remotes[1].state, R_RUNNING);
	fake_smc(0xc3000003, MAIN_ID, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);			/* one boot: the main image's */
	CHECK_EQ(r.x[3], 16 + 128);		/* both carveouts, walked for the one SID */
	CHECK_EQ(fake_smc(0xc3000007, MAIN_ID, BUF_PA, 4096, 0, 0, NULL), 0);
	CHECK_STR((char *)plat_ns_ptr(BUF_PA, 1), "0xa0000000 0xa0000000 0x2000000 rw 2M 16");
	CHECK_STR((char *)plat_ns_ptr(BUF_PA, 1), "0xa2100000 0xa2100000 0x80000 rw 4K 128");
}

static void rules_accept_both_carveouts(void)
{
	static struct rules_result res;
	struct remote *m;

	series_start();
	m = remote_by_pas(MAIN_ID);
	CHECK_EQ(remote_walk(m, &res), WALK_S1);
	CHECK(res.ok);
	CHECK_EQ(res.leaves, 16 + 128);
	/* the DTB image's slot walks with the remote's rules, not its carveout alone */
	CHECK_EQ(remote_walk(remote_by_pas(DTB_ID), &res), WALK_S1);
	CHECK(res.ok);
	/* one page past the DTB carveout is more than the remote may reach */
	pt_map(ttb, P->dtb_carveout + P->dtb_size, P->dtb_carveout + P->dtb_size, 0x1000, 4096,
	       PERM_R | PERM_W);
	remote_walk(m, &res);
	CHECK(!res.ok);
	CHECK_STR(res.why, "extra mapping 0xa2180000+0x1000");
	/* the default cdsp0 (same pas_id 18) does not allow the DTB carveout */
	rules_check(&remote_descs[1], WALK_S1, "", NULL, 0, &res);
	CHECK(!res.ok);
}

static void missing_dtb_carveout_mapping_refused(void)
{
	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));
	CHECK_EQ(load_dtb(NULL), 0);
	map(1, 0);			/* the main carveout only */
	CHECK_EQ(auth_dtb(1), -1);
	CHECK_STR(fake_log, "pasdouble: cdsp-dtb/dtb: REFUSED auth_and_reset: carveout 0xa2100000+0x80000 not mapped at 0xa2100000");
	CHECK_STR(verdict(), "REFUSED auth_and_reset: carveout 0xa2100000+0x80000 not mapped");
	CHECK_EQ(fake_npended, 0);
	/* the main image cannot boot without its DTB */
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), -1);
	CHECK_STR(verdict(), "pasdouble: cdsp-dtb: REFUSED auth_and_reset: DTB image not authenticated");
	CHECK_EQ(fake_npended, 0);
}

/* mainline maps each carveout right before its image's auth: the DTB image's
 * auth needs its own carveout only, the main image's both */
static void main_carveout_mapped_after_dtb_auth(void)
{
	static struct rules_result res;

	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));
	CHECK_EQ(load_dtb(NULL), 0);
	map(0, 1);			/* the DTB carveout only */
	CHECK_EQ(auth_dtb(1), 0);
	CHECK_STR(fake_log, "pasdouble: cdsp-dtb/dtb: authenticated, waits for the main image");
	/* partly mapped is not "not yet": refused */
	pt_map(ttb, P->carveout, P->carveout, 1 << 21, 1 << 21, PERM_R | PERM_W);
	CHECK_EQ(remote_walk(remote_by_pas(DTB_ID), &res), WALK_S1);
	CHECK(!res.ok);
	CHECK_STR(res.why, "carveout 0xa0000000+0x2000000 not mapped at 0xa0200000");
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), -1);	/* the remote would run: everything, in full */
	CHECK_STR(verdict(), "pasdouble: cdsp-dtb: REFUSED auth_and_reset: carveout 0xa0000000+0x2000000 not mapped at 0xa0200000");
	CHECK_EQ(fake_npended, 0);
}

static void dtb_unmapped_after_its_auth_refused(void)
{
	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));
	CHECK_EQ(load_dtb(NULL), 0);
	map(1, 1);
	CHECK_EQ(auth_dtb(1), 0);
	pt_unmap(ttb, P->dtb_carveout, P->dtb_size);	/* the remote reads its DTB while it runs */
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), -1);
	CHECK_STR(verdict(), "pasdouble: cdsp-dtb: REFUSED auth_and_reset: carveout 0xa2100000+0x80000 not mapped");
	CHECK_EQ(fake_npended, 0);
}

static void dtb_carveout_not_bridged(void)
{
	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));
	CHECK_EQ(load_dtb(NULL), 0);
	map(1, 1);
	CHECK_EQ(auth_dtb(0), -1);
	CHECK_STR(verdict(), "REFUSED auth_and_reset: carveout 0xa2100000+0x80000 not covered by a live SHM bridge");
	/* the main carveout's bridge does not cover the DTB's */
	{
		u64 h = bridge(P->carveout, P->size);

		CHECK_EQ(auth(DTB_ID, 0, 0, 0), -1);
		unbridge(h);
	}
	CHECK_STR(verdict(), "not covered by a live SHM bridge");
}

static void dtb_image_checked_in_its_carveout(void)
{
	/* mem_setup and segments belong to the DTB carveout, hashes in both modes */
	setup(MODE_NOQHEE);
	CHECK(bridge(META_PA, 0x10000));
	CHECK_EQ(load(DTB_ID, P->carveout, P->size, META_DTB, NULL), -3);
	CHECK_STR(verdict(), "REFUSED init_image: segment 2 0xa0000000+0x3000 outside carveout 0xa2100000+0x80000");
	for (u32 mode = 0; mode < 2; mode++) {
		setup(mode);
		if (mode == MODE_NOQHEE)	/* under QHEE the hypervisor bridges it */
			CHECK(bridge(META_PA, 0x10000));
		CHECK_EQ(load_dtb("payload"), 0);
		map(1, 1);
		CHECK_EQ(auth_dtb(mode == MODE_NOQHEE), -1);
		CHECK_STR(verdict(), "pasdouble: cdsp-dtb/dtb: REFUSED auth_and_reset: segment 2 at 0xa2100000+0x3000 does not match its SHA-256 digest");
	}
	setup(MODE_QHEE);
	CHECK_EQ(load_dtb(NULL), 0);
	CHECK_EQ(fake_smc(0x42000202, 3, DTB_ID, P->carveout, 0x24000, 0, NULL), -3);
	CHECK_STR(verdict(), "REFUSED mem_setup: 0xa0000000+0x24000 is not the carveout 0xa2100000+0x80000");
	CHECK_EQ(load_dtb(NULL), 0);
	CHECK_EQ(fake_smc(0x42000202, 3, DTB_ID, P->dtb_carveout, 0x24000, 0, NULL), 0);
}

static void shutdown_of_both(void)
{
	series_start();
	fake_npended = 0;
	CHECK_EQ(fake_smc(0xc3000001, MAIN_ID, 1, 0, 0, 0, NULL), 0);	/* stop: the main image acks */
	CHECK_EQ(fake_npended, 1);
	CHECK_EQ(fake_pended[0], SPI + IRQ_STOP_ACK);
	CHECK_EQ(fake_smc(0x42000206, 1, MAIN_ID, 0, 0, 0, NULL), 0);
	CHECK_EQ(remotes[1].state, R_OFFLINE);
	CHECK_EQ(remote_dtb_image.state, R_RUNNING);
	CHECK_EQ(fake_smc(0x42000206, 1, DTB_ID, 0, 0, 0, NULL), 0);
	CHECK_STR(fake_log, "pasdouble: cdsp-dtb/dtb: shutdown (was running)");
	CHECK_EQ(remote_dtb_image.state, R_OFFLINE);
	/* a series that forgets the DTB carveout on stop is visible in the audit */
	pt_unmap(ttb, P->carveout, P->size);
	audit();
	CHECK_EQ(r.x[1], 128);
	pt_unmap(ttb, P->dtb_carveout, P->dtb_size);
	audit();
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(r.x[2], 0);
	/* and a bridge left over the DTB carveout too */
	bridge(P->dtb_carveout, P->dtb_size);
	audit();
	CHECK_EQ(r.x[2], 1);
	/* after both shutdowns, the main image needs its DTB again */
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), -1);
	CHECK_STR(verdict(), "DTB image not authenticated");
}

static void crash_and_faults_hit_the_right_image(void)
{
	setup(MODE_QHEE);
	/* auth_and_reset #1 is the DTB image's, #2 the main image's */
	CHECK_EQ(fake_smc(0xc3000006, 3, 2, (u64)-1, 0, 0, NULL), 0);
	CHECK_EQ(load_dtb(NULL), 0);
	CHECK_EQ(auth_dtb(0), 0);
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), -1);
	CHECK_STR(verdict(), "pasdouble: cdsp-dtb: INJECTED auth_and_reset");
	/* 6.12 leaves the DTB image authenticated after a failed start: the next start loads it again */
	CHECK_EQ(remote_dtb_image.state, R_RUNNING);
	/* the DTB image's auth does not use up a "remote silent" fault */
	CHECK_EQ(fake_smc(0xc3000006, 7, 1, (u64)-1, 0, 0, NULL), 0);
	CHECK_EQ(load_dtb(NULL), 0);
	CHECK_EQ(auth_dtb(0), 0);
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), 0);
	CHECK_EQ(fake_npended, 0);
	CHECK_STR(fake_log, "pasdouble: cdsp-dtb: INJECTED remote silent");
	fake_smc(0x42000206, 1, MAIN_ID, 0, 0, 0, NULL);
	fake_smc(0x42000206, 1, DTB_ID, 0, 0, 0, NULL);
	/* QHEE mode boots it too; the crash is the remote's, on cdsp0's SPIs */
	CHECK_EQ(load_dtb(NULL), 0);
	CHECK_EQ(auth_dtb(0), 0);
	CHECK_EQ(load_main(), 0);
	CHECK_EQ(auth_main(), 0);
	CHECK_STR(verdict(), "pasdouble: cdsp-dtb: booted: QHEE mode");
	CHECK_EQ(fake_smc(0xc3000002, DTB_ID, 0, 0, 0, 0, NULL), -3);	/* the DTB image does not run */
	CHECK_EQ(fake_smc(0xc3000002, MAIN_ID, 1, 0, 0, 0, NULL), 0);
	CHECK_EQ(fake_pended[fake_npended - 1], SPI + IRQ_FATAL);
}

KTAP_MAIN("dtb", T(profile_selects_the_table), T(pas_id_lookup), T(dtb_auth_then_main_boots),
	  T(rules_accept_both_carveouts), T(missing_dtb_carveout_mapping_refused), T(main_carveout_mapped_after_dtb_auth),
	  T(dtb_unmapped_after_its_auth_refused), T(dtb_carveout_not_bridged),
	  T(dtb_image_checked_in_its_carveout), T(shutdown_of_both),
	  T(crash_and_faults_hit_the_right_image))
