/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host fixture shared by the PAS-flow tests (test_pas.c, test_live.c):
 * fake NS memory for the metadata and two carveouts, SHM bridges made as
 * Linux's tzmem makes them, the series' identity mappings, the verdict text.
 * Included once per test binary (each test_*.c is its own program).
 */
#ifndef PAS_FLOW_H
#define PAS_FLOW_H

#include "harness.h"

#define META_PA 0x41000000ULL
#define BUF_PA 0x41100000ULL
#define ADSP 0
#define GPDSP0 3

static u64 ttb;
static struct smc_regs r;

/* remote i of the platform variant (pasd_reset's FEAT_*: e.g. the +spread ADSP) */
static const struct remote_desc *D(int i)
{
	return remote_desc_of(i, pasd_features);
}

static void setup(u32 mode)
{
	fake_mem_reset();
	pasd_reset(mode);
	fake_log_clear();
	pt_init(0x40100000, 0x1000000);
	fake_mem_add(META_PA, 0x200000);
	fake_mem_add(D(ADSP)->carveout, D(ADSP)->size);
	fake_mem_add(D(GPDSP0)->carveout, D(GPDSP0)->size);
}

/* qcom_tzmem's bridge: RW on both sides, one VM, HLOS; the handle or 0 */
static u64 bridge(u64 pa, u64 size)
{
	fake_smc(0x42000c1e, 4, pa | 6, pa | 6, size | 1 << 9, 3, &r);
	return r.x[0] ? 0 : r.x[2];
}

static __attribute__((unused)) int unbridge(u64 handle)
{
	return fake_smc(0x42000c1d, 1, handle, 0, 0, 0, NULL);
}

/* the series' mappings: carveout rw identity, each window da -> pa as declared */
static __attribute__((unused)) void map_all(int i)
{
	const struct remote_desc *d = D(i);

	ttb = pt_setup_sid(d->sid, 0);
	pt_map(ttb, d->carveout, d->carveout, d->size, d->carveout & 0x1fffff ? 4096 : 1 << 21,
	       PERM_R | PERM_W);
	for (u32 k = 0; k < d->n_devmem; k++)
		pt_map_window(ttb, &d->devmem[k]);
}

/* the remote's last verdict line (PASD_VERDICT) */
static const char *verdict(int i)
{
	static char v[400];

	CHECK_EQ(fake_smc(0xc3000004, D(i)->pas_id, BUF_PA, sizeof(v), 0, 0, NULL), 0);
	memcpy(v, plat_ns_ptr(BUF_PA, sizeof(v)), sizeof(v));
	v[sizeof(v) - 1] = 0;
	return v;
}

#endif
