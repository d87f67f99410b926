// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAS_GET_RSCTABLE (SCM PIL 0x21) as 7.3's qcom_scm_pas_get_rsc_table()
 * calls it: five arguments (the last two in the buffer at x5), an empty input
 * table, a 16 KiB output buffer, one retry with the size TrustZone asks for;
 * all three buffers from the SCM's tzmem pool (one SHM bridge). The answer of
 * each rsc mode, parsed back; bridges, input and IS_CALL_AVAIL; the rsc word;
 * the tables handed out per remote (PASD_COUNTERS x4/x5).
 */
#include "pas_flow.h"

#define POOL	0x41080000ULL	/* the SCM tzmem pool: one bridge over all three buffers */
#define POOL_SIZE 0x40000ULL
#define ARGS_PA	POOL
#define IN_PA	(POOL + 0x1000)
#define OUT_PA	(POOL + 0x2000)
#define SZ_16K	0x4000
#define RSC_FID	0x42000221
#define RSC_ARGINFO 0x845	/* QCOM_SCM_ARGS(5, VAL, RO, VAL, RW, VAL) */
#define ADSP_TABLE (16 + 18 * 60)

struct entry {
	u32 type, da, pa, len, flags, reserved;
	char name[33];
};

static u32 rd32(u64 pa)
{
	return get_le32(plat_ns_ptr(pa, 4));
}

static void wr32(u64 pa, u32 v)
{
	put_le32(plat_ns_ptr(pa, 4), v);
}

static void wr64(u64 pa, u64 v)	/* an le64 argument */
{
	wr32(pa, (u32)v);
	wr32(pa + 4, (u32)(v >> 32));
}

/* rsc word: the same mode for every remote */
static u32 all(u32 mode)
{
	return mode * 0x11111;
}

/* setup(mode) with the rsc word and Linux's SCM probe in SHMBRIDGE tzmem mode (bridges enabled) */
static void rsc_setup(u32 mode, u32 word, int bridged_pool)
{
	setup(mode);
	CHECK_EQ(rsc_set_word(word), 0);
	CHECK_EQ(fake_smc(0x42000c1c, 0, 0, 0, 0, 0, &r), 0);
	if (bridged_pool)
		CHECK(bridge(POOL, POOL_SIZE));
	memset(plat_ns_ptr(POOL, POOL_SIZE), 0xa5, POOL_SIZE);
}

/* the call with an empty input table (ver 1) and out_size at OUT_PA; x0 */
static int get_rsctable(u32 pas_id, u64 out_size)
{
	memset(plat_ns_ptr(IN_PA, 16), 0, 16);
	wr32(IN_PA, 1);
	wr64(ARGS_PA, OUT_PA);
	wr64(ARGS_PA + 8, out_size);
	return fake_smc(RSC_FID, RSC_ARGINFO, pas_id, IN_PA, 16, ARGS_PA, &r);
}

/* the table at OUT_PA: entry i through offset[i] (the caller checks num and offsets first) */
static struct entry entry(u32 i)
{
	u64 e = OUT_PA + rd32(OUT_PA + 16 + 4 * i);
	struct entry x = { rd32(e), rd32(e + 4), rd32(e + 8), rd32(e + 12), rd32(e + 16),
			   rd32(e + 20), "" };

	memcpy(x.name, plat_ns_ptr(e + 24, 32), 32);
	return x;
}

static void scm_arg_buffer_form(void)
{
	struct smc_regs a = { { RSC_FID, 4, 10, 11, 12, 13 } };
	u64 v = 0, pa, len;

	setup(MODE_NOQHEE);
	CHECK(!scm_arg_buf(&a, &pa, &len));
	CHECK(scm_arg(&a, 3, &v) && v == 13);		/* four: x5 is args[3] */
	CHECK(!scm_arg(&a, 4, &v));
	a.x[1] = 7;					/* seven: args[3..6] in the buffer */
	a.x[5] = BUF_PA + 8;
	for (int i = 0; i < 4; i++)
		wr64(BUF_PA + 8 + 8 * i, 0x1000 + i);
	CHECK(scm_arg_buf(&a, &pa, &len));
	CHECK_EQ(pa, BUF_PA + 8);
	CHECK_EQ(len, 32);
	CHECK(scm_arg(&a, 2, &v) && v == 12);
	CHECK(scm_arg(&a, 3, &v) && v == 0x1000);
	CHECK(scm_arg(&a, 6, &v) && v == 0x1003);
	CHECK(!scm_arg(&a, 7, &v));
	a.x[5] = 0x1000;				/* secure flash */
	CHECK(scm_arg(&a, 0, &v) && v == 10);
	CHECK(!scm_arg(&a, 3, &v));
	a.x[5] = 0x60000000;				/* NS DRAM the fake does not have */
	CHECK(!scm_arg(&a, 4, &v));

	/* the call: an unreadable argument buffer is refused (no bridges enabled here) */
	CHECK_EQ(rsc_set_word(all(RSC_TABLE)), 0);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, BUF_PA, 16, 0x1000, &r), -3);
	CHECK_STR(fake_log, "pasdouble: adsp: REFUSED get_rsctable: argument buffer 0x1000+0x10 is not NS DRAM");
	CHECK_EQ(fake_smc(RSC_FID, 4, 1, BUF_PA, 16, BUF_PA, &r), -3);
	CHECK_STR(fake_log, "REFUSED get_rsctable: arginfo 0x4: 4 arguments, not 5");
}

static void is_call_avail_per_mode(void)
{
	for (u32 m = RSC_NONE; m < RSC_NMODES; m++) {
		rsc_setup(MODE_NOQHEE, all(m), 1);
		fake_smc(0x42000601, 1, 0x02000221, 0, 0, 0, &r);
		CHECK_EQ(r.x[1], m != RSC_NONE);
	}
	/* one remote is enough; the others answer as an old TrustZone (-1, no refusal) */
	rsc_setup(MODE_NOQHEE, RSC_TABLE << 12, 1);	/* gpdsp0 */
	fake_smc(0x42000601, 1, 0x02000221, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), -1);
	CHECK_EQ(r.x[2], 0);
	CHECK_STR(fake_log, "pasdouble: adsp: get_rsctable: no such call in this TrustZone (rsc none): -1");
	CHECK(!strstr(fake_log, "REFUSED"));
	CHECK_EQ(get_rsctable(39, SZ_16K), 0);
	CHECK_EQ(r.x[3], 16);
	CHECK_EQ(get_rsctable(20, SZ_16K), -3);		/* no such pas_id: x2 is no argument left over */
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(r.x[3], 0);
}

static void table_mode_answers(void)
{
	const struct remote_desc *d = D(ADSP);

	rsc_setup(MODE_NOQHEE, all(RSC_TABLE), 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	CHECK_EQ(r.x[1], 0);
	CHECK_EQ(r.x[2], 0);
	CHECK_EQ(r.x[3], ADSP_TABLE);
	CHECK_EQ(rd32(OUT_PA), 1);
	CHECK_EQ(rd32(OUT_PA + 4), 18);
	CHECK_EQ(rd32(OUT_PA + 8) | rd32(OUT_PA + 12), 0);
	for (u32 i = 0; i < 18; i++) {
		struct entry e = entry(i);
		char name[32];

		CHECK_EQ(rd32(OUT_PA + 16 + 4 * i), 16 + 18 * 4 + 56 * i);
		CHECK_EQ(e.type, RSC_DEVMEM);
		CHECK_EQ(e.da, d->devmem[i].da);
		CHECK_EQ(e.pa, d->devmem[i].da);
		CHECK_EQ(e.len, d->devmem[i].size);
		CHECK_EQ(e.flags, (d->devmem[i].flags & DEVMEM_WRITE ? 0x1b : 0x19));	/* R|W|NOEXEC|MMIO */
		CHECK_EQ(e.reserved, 0);
		snprintf(name, sizeof(name), "adsp-win%u", i);
		CHECK(!strcmp(e.name, name));
	}
	CHECK_EQ(rd32(OUT_PA + ADSP_TABLE), 0xa5a5a5a5);	/* nothing written past the table */
	CHECK_STR(fake_log, "pasdouble: adsp: get_rsctable (rsc table): 18 devmem entries, 0x448 bytes\n");
	/* the others: an empty table */
	CHECK_EQ(get_rsctable(18, SZ_16K), 0);
	CHECK_EQ(r.x[3], 16);
	CHECK_EQ(rd32(OUT_PA) + rd32(OUT_PA + 4), 1);
	/* a buffer smaller than the table: the size it needs, nothing written */
	memset(plat_ns_ptr(OUT_PA, SZ_16K), 0, SZ_16K);
	CHECK_EQ(get_rsctable(1, 0x400), -1);
	CHECK_EQ(r.x[2], RSC_BUFFER_NOT_SUFFICIENT);
	CHECK_EQ(r.x[3], ADSP_TABLE);
	CHECK_EQ(rd32(OUT_PA), 0);
	CHECK(!strstr(fake_log, "REFUSED"));
	/* the +spread ADSP: 20 windows, the last da 0x40000000 -> pa 0x00500000 */
	rsc_setup(MODE_NOQHEE | FEAT_DEVMEM_SPREAD, all(RSC_TABLE), 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	CHECK_EQ(r.x[3], 16 + 20 * 60);
	CHECK_EQ(entry(18).da, 0x00400000);
	CHECK_EQ(entry(18).pa, 0x00400000);
	CHECK_EQ(entry(18).flags, 0x19);
	CHECK_EQ(entry(19).da, 0x40000000);
	CHECK_EQ(entry(19).pa, 0x00500000);
	CHECK_EQ(entry(19).flags, 0x1b);
}

/* Linux mapping the table's windows (da -> pa, flags as IOMMU prot) maps what the double expects */
static void table_windows_are_the_expected_map(void)
{
	static struct rules_result res;

	for (u32 feat = 0; feat <= FEAT_DEVMEM_SPREAD; feat += FEAT_DEVMEM_SPREAD) {
		rsc_setup(MODE_NOQHEE | feat, all(RSC_TABLE), 1);
		CHECK_EQ(get_rsctable(1, SZ_16K), 0);
		ttb = pt_setup_sid(D(ADSP)->sid, 0);
		pt_map(ttb, D(ADSP)->carveout, D(ADSP)->carveout, D(ADSP)->size, 1 << 21, PERM_R | PERM_W);
		for (u32 i = 0; i < rd32(OUT_PA + 4); i++) {
			struct entry e = entry(i);

			pt_map(ttb, e.da, e.pa, e.len, 4096, e.flags);
		}
		CHECK_EQ(remote_walk(&remotes[ADSP], &res), WALK_S1);
		CHECK(res.ok);
		CHECK_EQ(res.devmem_ok, feat ? 20 : 18);
		CHECK_EQ(res.leaves, 15 + 59 + (feat ? 2 : 0));
	}
}

static void small_mode_retry_and_reset(void)
{
	u64 need;

	rsc_setup(MODE_NOQHEE, all(RSC_SMALL), 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), -1);		/* 16 KiB would do, but not this time */
	CHECK_EQ(r.x[2], RSC_BUFFER_NOT_SUFFICIENT);
	need = r.x[3];
	CHECK_EQ(need, SZ_16K + 0x1000);
	CHECK_EQ(rd32(OUT_PA), 0xa5a5a5a5);
	CHECK_EQ(get_rsctable(1, need), 0);		/* Linux's one retry */
	CHECK_EQ(r.x[3], ADSP_TABLE);
	CHECK_EQ(rd32(OUT_PA + 4), 18);
	CHECK_EQ(get_rsctable(1, SZ_16K), -1);		/* the same boot: still that size */
	CHECK_EQ(r.x[3], need);
	/* an empty table too, per remote */
	CHECK_EQ(get_rsctable(30, 0x20000), -1);
	CHECK_EQ(r.x[3], 0x21000);
	CHECK_EQ(get_rsctable(30, 0x21000), 0);
	CHECK_EQ(r.x[3], 16);
	/* shutdown: the next boot repeats it, whatever the buffer */
	CHECK_EQ(fake_smc(0x42000206, 1, 1, 0, 0, 0, NULL), 0);
	CHECK_EQ(get_rsctable(1, need), -1);
	CHECK_EQ(r.x[3], need + 0x1000);
	CHECK_EQ(get_rsctable(1, need + 0x1000), 0);
	CHECK_EQ(get_rsctable(30, 0x21000), 0);		/* cdsp1 did not shut down */
	CHECK(!strstr(fake_log, "REFUSED"));
}

/* a hostile table: success, and the defect Linux must refuse; for the ADSP and a remote without windows */
static void hostile_tables(void)
{
	static const u32 pas[] = { 1, 39 };

	for (u32 k = 0; k < ARRAY_SIZE(pas); k++) {
		const struct remote_desc *d = D(k ? GPDSP0 : ADSP);
		u32 n = k ? 1 : 18, size = 16 + 60 * n;

		rsc_setup(MODE_NOQHEE, all(RSC_SIZE), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(r.x[3], SZ_16K + 0x10000);		/* beyond the buffer */
		CHECK_EQ(rd32(OUT_PA + 4), k ? 0 : 18);		/* a valid table */

		rsc_setup(MODE_NOQHEE, all(RSC_NUM), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(r.x[3], k ? 16 : ADSP_TABLE);
		CHECK_EQ(rd32(OUT_PA + 4), 0x10000);

		rsc_setup(MODE_NOQHEE, all(RSC_OFFSET), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(r.x[3], size);
		CHECK_EQ(rd32(OUT_PA + 4), n);
		CHECK_EQ(rd32(OUT_PA + 16 + 4 * (n - 1)), size);	/* the last entry past the end */

		rsc_setup(MODE_NOQHEE, all(RSC_OVERLAP), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(rd32(OUT_PA + 4), k ? 2 : 18);
		CHECK_EQ(entry(1).da, entry(0).da + 0x1000);
		CHECK(entry(1).da < entry(0).da + entry(0).len);
		CHECK_EQ(entry(1).pa, entry(0).pa + 0x1000);

		rsc_setup(MODE_NOQHEE, all(RSC_CARVEOUT), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(entry(0).da, d->carveout + d->size - 0x1000);
		CHECK(entry(0).pa != entry(0).da);

		rsc_setup(MODE_NOQHEE, all(RSC_RAM), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(entry(0).pa, 0x41000000);
		CHECK(entry(0).pa >= NS_DRAM_BASE && entry(0).pa < NS_DRAM_END);

		rsc_setup(MODE_NOQHEE, all(RSC_RESERVED), 1);
		CHECK_EQ(get_rsctable(pas[k], SZ_16K), 0);
		CHECK_EQ(entry(0).reserved, 1);
		CHECK_EQ(entry(n - 1).reserved, k ? 1 : 0);
		CHECK_EQ(entry(0).type, RSC_DEVMEM);
		CHECK_STR(entry(0).name, k ? "gpdsp0-win0" : "adsp-win0");
		CHECK_STR(fake_log, "(hostile)");
		CHECK(!strstr(fake_log, "REFUSED"));
	}
	/* the platform's windowless remotes: one made-up DEVICE window */
	CHECK_EQ(entry(0).da, 0x00100000);
	CHECK_EQ(entry(0).len, 0x2000);
	CHECK_EQ(entry(0).flags, 0x1b);
}

static void buffers_must_be_bridged(void)
{
	/* each buffer outside the pool's bridge, in turn */
	rsc_setup(MODE_NOQHEE, all(RSC_TABLE), 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	wr64(BUF_PA, OUT_PA);
	wr64(BUF_PA + 8, SZ_16K);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, IN_PA, 16, BUF_PA, &r), -1);
	CHECK_STR(verdict(ADSP), "pasdouble: adsp: REFUSED get_rsctable: argument buffer 0x41100000+0x10 is not inside a live SHM bridge");
	wr64(ARGS_PA, OUT_PA);
	wr64(ARGS_PA + 8, SZ_16K);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, BUF_PA, 16, ARGS_PA, &r), -1);
	CHECK_STR(verdict(ADSP), "REFUSED get_rsctable: input table 0x41100000+0x10 is not inside a live SHM bridge");
	wr64(ARGS_PA, BUF_PA);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, IN_PA, 16, ARGS_PA, &r), -1);
	CHECK_STR(verdict(ADSP), "REFUSED get_rsctable: output buffer 0x41100000+0x4000 is not inside a live SHM bridge");
	/* a buffer straddling the bridge's end */
	wr64(ARGS_PA, POOL + POOL_SIZE - 0x1000);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, IN_PA, 16, ARGS_PA, &r), -1);
	CHECK_STR(verdict(ADSP), "output buffer 0x410bf000+0x4000 is not inside a live SHM bridge");
	/* the pool's bridge deleted: refused; a bridge per buffer is fine too */
	CHECK_EQ(unbridge(1), 0);
	CHECK_EQ(get_rsctable(1, SZ_16K), -1);
	CHECK(bridge(ARGS_PA, 0x1000));
	CHECK(bridge(IN_PA, 0x1000));
	CHECK(bridge(OUT_PA, SZ_16K));
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	CHECK_EQ(r.x[3], ADSP_TABLE);
	/* GENERIC tzmem (no SHM_BRIDGE_ENABLE) and TrustZone without bridges: nothing to check */
	setup(MODE_QHEE);
	CHECK_EQ(rsc_set_word(all(RSC_TABLE)), 0);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	setup(MODE_NOQHEE | FEAT_NO_SHM_BRIDGE);
	CHECK_EQ(rsc_set_word(all(RSC_TABLE)), 0);
	CHECK_EQ(fake_smc(0x42000c1c, 0, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], 4);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	CHECK_EQ(r.x[3], ADSP_TABLE);
}

static void input_table_must_be_empty(void)
{
	static const struct {
		u32 word, val;
		const char *why;
	} bad[] = {
		{ 0, 2, "input table 0x41081000: ver 2 num 0 reserved 0 0 (only an empty table: ver 0 or 1, num 0)" },
		{ 1, 1, "input table 0x41081000: ver 1 num 1 reserved 0 0" },
		{ 2, 7, "input table 0x41081000: ver 1 num 0 reserved 7 0" },
	};

	for (u32 i = 0; i < ARRAY_SIZE(bad); i++) {
		rsc_setup(MODE_NOQHEE, all(RSC_TABLE), 1);
		wr64(ARGS_PA, OUT_PA);
		wr64(ARGS_PA + 8, SZ_16K);
		memset(plat_ns_ptr(IN_PA, 16), 0, 16);
		wr32(IN_PA, 1);
		wr32(IN_PA + 4 * bad[i].word, bad[i].val);
		CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, IN_PA, 16, ARGS_PA, &r), -1);
		CHECK_STR(verdict(ADSP), bad[i].why);
		CHECK_EQ(rd32(OUT_PA), 0xa5a5a5a5);
	}
	/* mainline's all-zero header is as empty as ver 1 */
	rsc_setup(MODE_NOQHEE, all(RSC_TABLE), 1);
	wr64(ARGS_PA, OUT_PA);
	wr64(ARGS_PA + 8, SZ_16K);
	memset(plat_ns_ptr(IN_PA, 16), 0, 16);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, IN_PA, 16, ARGS_PA, &r), 0);
	CHECK_EQ(r.x[3], ADSP_TABLE);
	/* shorter than a header; not NS DRAM (no bridges enabled) */
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, IN_PA, 8, ARGS_PA, &r), -1);
	CHECK_STR(verdict(ADSP), "REFUSED get_rsctable: input table 0x41081000+0x8: not 16 bytes of NS DRAM");
	setup(MODE_NOQHEE);
	CHECK_EQ(rsc_set_word(all(RSC_TABLE)), 0);
	wr64(BUF_PA, BUF_PA + 0x100);
	wr64(BUF_PA + 8, 0x100);
	CHECK_EQ(fake_smc(RSC_FID, RSC_ARGINFO, 1, 0x1000, 16, BUF_PA, &r), -1);
	CHECK_STR(verdict(ADSP), "input table 0x1000+0x10: not 16 bytes of NS DRAM");
}

static void rsc_word_and_banner(void)
{
	char buf[128];

	setup(MODE_NOQHEE);
	rsc_describe(buf, sizeof(buf));
	CHECK(!strcmp(buf, "adsp:none,cdsp0:none,cdsp1:none,gpdsp0:none,gpdsp1:none"));
	/* adsp size, cdsp0 table; gpdsp1 mode 10 and a sixth remote: ignored */
	CHECK_EQ(rsc_set_word(0xa0003 | RSC_TABLE << 4 | 5u << 20), 0x5a0000);
	CHECK_EQ(pasd_rsc, 0x13);
	CHECK_EQ(rsc_mode_of(0), RSC_SIZE);
	CHECK_EQ(rsc_mode_of(1), RSC_TABLE);
	CHECK_EQ(rsc_mode_of(5), RSC_NONE);
	rsc_describe(buf, sizeof(buf));
	CHECK(!strcmp(buf, "adsp:size,cdsp0:table,cdsp1:none,gpdsp0:none,gpdsp1:none"));
	CHECK_EQ(fake_smc(0xc3000008, 0, 0, 0, 0, 0, &r), 0);	/* PASD_MODE */
	CHECK_EQ(r.x[2], 0x13);
	/* PASD_RSC: a new word between starts; a word with an unknown mode or remote changes nothing */
	CHECK_EQ(fake_smc(0xc300000a, RSC_TABLE, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(r.x[1], 0x13);
	CHECK_EQ(rsc_mode_of(0), RSC_TABLE);
	CHECK_EQ(rsc_mode_of(1), RSC_NONE);
	CHECK_EQ((s64)fake_smc(0xc300000a, 0xa, 0, 0, 0, 0, &r), SCM_EINVAL_ADDR);
	CHECK_EQ((s64)fake_smc(0xc300000a, 1u << 20, 0, 0, 0, 0, &r), SCM_EINVAL_ADDR);
	CHECK_EQ((s64)fake_smc(0xc300000a, 1ULL << 32, 0, 0, 0, 0, &r), SCM_EINVAL_ADDR);
	CHECK_EQ(pasd_rsc, RSC_TABLE);
	CHECK_EQ(fake_smc(0xc300000a, 0x13, 0, 0, 0, 0, &r), 0);
	CHECK_EQ(pasd_rsc, 0x13);
	for (u32 m = 0; m < RSC_NMODES; m++)
		CHECK(strcmp(rsc_mode_name(m), "?"));
	/* the DTB profile: idx 1 is cdsp-dtb; its DTB image (0x25) answers the remote's table */
	setup(MODE_NOQHEE | FEAT_DTB_PROFILE);
	CHECK_EQ(rsc_set_word(all(RSC_RESERVED)), 0);
	rsc_describe(buf, sizeof(buf));
	CHECK_STR(buf, "adsp:reserved,cdsp-dtb:reserved,cdsp1:reserved");
	CHECK_EQ(get_rsctable(0x25, SZ_16K), 0);
	CHECK_STR(entry(0).name, "cdsp-dtb-win0");
	/* a new machine: none again */
	pasd_reset(MODE_NOQHEE);
	CHECK_EQ(pasd_rsc, 0);
}

/* PASD_COUNTERS of pas_id: x4 the tables handed out, x5 whether the remote has one (rsc mode not none) */
static u64 tables(u32 pas_id, u64 *has)
{
	struct smc_regs c;

	CHECK_EQ(fake_smc(0xc3000003, pas_id, 0, 0, 0, 0, &c), 0);
	if (has)
		*has = c.x[5];
	return c.x[4];
}

/* only an answer with a table counts, per remote: not "none", not NOT_SUFFICIENT, not a refusal */
static void tables_counted_per_remote(void)
{
	u64 has = 9;

	rsc_setup(MODE_NOQHEE, RSC_TABLE | RSC_SMALL << 4, 1);	/* adsp table, cdsp0 small, others none */
	CHECK_EQ(tables(1, &has), 0);
	CHECK_EQ(has, 1);
	CHECK_EQ(tables(18, &has), 0);
	CHECK_EQ(has, 1);
	CHECK_EQ(tables(30, &has), 0);
	CHECK_EQ(has, 0);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	CHECK_EQ(tables(1, NULL), 2);
	CHECK_EQ(tables(18, NULL), 0);				/* per remote */
	CHECK_EQ(get_rsctable(1, 0x400), -1);			/* too small a buffer: no table */
	CHECK_EQ(r.x[2], RSC_BUFFER_NOT_SUFFICIENT);
	CHECK_EQ(tables(1, NULL), 2);
	CHECK_EQ(get_rsctable(18, SZ_16K), -1);			/* small: the first answer is no table */
	CHECK_EQ(tables(18, NULL), 0);
	CHECK_EQ(get_rsctable(18, r.x[3]), 0);			/* Linux's retry: one table */
	CHECK_EQ(tables(18, NULL), 1);
	CHECK_EQ(get_rsctable(30, SZ_16K), -1);			/* none: an old TrustZone, no table */
	CHECK_EQ(tables(30, NULL), 0);
	CHECK_EQ(unbridge(1), 0);				/* refused: no table either */
	CHECK_EQ(get_rsctable(1, SZ_16K), -1);
	CHECK_STR(verdict(ADSP), "REFUSED get_rsctable");
	CHECK_EQ(tables(1, NULL), 2);
	/* a hostile table is a table handed out too (Linux must refuse it) */
	rsc_setup(MODE_NOQHEE, all(RSC_RAM), 1);
	CHECK_EQ(get_rsctable(39, SZ_16K), 0);
	CHECK_EQ(tables(39, &has), 1);
	CHECK_EQ(has, 1);
	/* a new machine counts from 0 */
	pasd_reset(MODE_NOQHEE);
	CHECK_EQ(tables(39, &has), 0);
	CHECK_EQ(has, 0);
}

/* the counter does not follow boots or shutdowns: a start and its recovery each ask once */
static void tables_survive_shutdown_and_boot(void)
{
	rsc_setup(MODE_NOQHEE, all(RSC_TABLE), 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);
	remote_boot(&remotes[ADSP]);
	CHECK_EQ(fake_smc(0x42000206, 1, 1, 0, 0, 0, NULL), 0);	/* recovery: shutdown */
	CHECK_EQ(tables(1, NULL), 1);
	CHECK_EQ(get_rsctable(1, SZ_16K), 0);			/* ... and the restart asks again */
	remote_boot(&remotes[ADSP]);
	fake_smc(0xc3000003, 1, 0, 0, 0, 0, &r);
	CHECK_EQ(r.x[1], 2);					/* boots */
	CHECK_EQ(r.x[4], 2);					/* tables */
	/* the DTB profile: its DTB image's pas_id asks for the remote's table, both ids report it */
	setup(MODE_NOQHEE | FEAT_DTB_PROFILE);
	CHECK_EQ(rsc_set_word(all(RSC_TABLE)), 0);
	CHECK_EQ(get_rsctable(18, SZ_16K), 0);
	CHECK_EQ(get_rsctable(0x25, SZ_16K), 0);
	CHECK_EQ(tables(18, NULL), 2);
	CHECK_EQ(tables(0x25, NULL), 2);
	CHECK_EQ(remote_dtb_image.rsc_tables, 0);
}

KTAP_MAIN("rsc", T(scm_arg_buffer_form), T(is_call_avail_per_mode), T(table_mode_answers),
	  T(table_windows_are_the_expected_map),
	  T(small_mode_retry_and_reset), T(hostile_tables), T(buffers_must_be_bridged),
	  T(input_table_must_be_empty), T(rsc_word_and_banner),
	  T(tables_counted_per_remote), T(tables_survive_shutdown_and_boot))
