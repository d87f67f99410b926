// SPDX-License-Identifier: GPL-2.0-only
/*
 * The remote processors of the virtual SA8775p (platform/ABI.md, "Remote
 * processors"; the DTB profile's remote below) and the ADSP devmem windows
 * of sa8775p-facts.md.
 * One window per line "{ da, size, flags }," (identity: pa == da) so a test
 * can compare this table with the series' overlay: flags are the binding's
 * QCOM_DEVMEM_* bits (DEVMEM_* in pasd.h) written as decimal numbers,
 * 5 = READ|DEVICE, 7 = READ|WRITE|DEVICE.
 */
#include "pasd.h"

/* remotes without a DTB image leave the dtb_* fields out (zero) */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static const struct devmem adsp_devmem[] = {
	{ 0x00110000, 0x4000, 5 },
	{ 0x00123000, 0x1000, 7 },
	{ 0x00124000, 0x3000, 7 },
	{ 0x00127000, 0x2000, 7 },
	{ 0x0012a000, 0x3000, 7 },
	{ 0x0012e000, 0x1000, 7 },
	{ 0x0012f000, 0x1000, 5 },
	{ 0x00144000, 0x1000, 5 },
	{ 0x00148000, 0x1000, 5 },
	{ 0x00149000, 0xe000, 7 },
	{ 0x00157000, 0x1000, 7 },
	{ 0x00158000, 0xd000, 7 },
	{ 0x00165000, 0x1000, 7 },
	{ 0x00172000, 0x1000, 7 },
	{ 0x00173000, 0x8000, 7 },
	{ 0x0017b000, 0x2000, 7 },
	{ 0x0017f000, 0x1000, 7 },
	{ 0x00184000, 0x1000, 5 },
};

const struct remote_desc remote_descs[NREMOTES] = {
	{ "adsp", 1, 0x95c00000, 0x1e00000, 0x3000, 224, adsp_devmem, ARRAY_SIZE(adsp_devmem) },
	{ "cdsp0", 18, 0x9b800000, 0x1e00000, 0x21c0, 229, NULL, 0 },
	{ "cdsp1", 30, 0x9d700000, 0x1e00000, 0x29c0, 234, NULL, 0 },
	{ "gpdsp0", 39, 0x97b00000, 0x1e00000, 0x38a0, 239, NULL, 0 },
	{ "gpdsp1", 40, 0x99900000, 0x1e00000, 0x38c0, 244, NULL, 0 },
};
const unsigned int n_remotes = NREMOTES;

/*
 * The DTB profile (ABI.md "The DTB profile"): idx 1 is an x1e80100-class CDSP
 * ("qcom,x1e80100-cdsp-pas", 6.12's only clean compatible with a DTB image)
 * instead of cdsp0: main image pas_id 18 in its carveout, DTB image pas_id
 * 0x25 (dtb_pas_id) in a second one, both through one SID (X1E's CDSP stream).
 */
const struct remote_desc remote_dtb_profile =
	{ "cdsp-dtb", 18, 0xa0000000, 0x2000000, 0x0c00, 229, NULL, 0, 0x25, 0xa2100000, 0x80000 };

/*
 * FEAT_DEVMEM_SPREAD: the ADSP's windows plus the two of
 * tests/faults/devmem-spread.dtso in other 2 MiB / 1 GiB regions of the
 * IOVA space (the second at da 0x40000000, pa 0x00500000: not RAM), so the
 * fault suite can make iommu_map() fail part-way in no-QHEE mode. Built at
 * run time from adsp_devmem (.bss: the firmware has no .data).
 */
static const struct devmem spread_extra[] = {
	{ .da = 0x00400000, .size = 0x1000, .flags = DEVMEM_READ | DEVMEM_DEVICE },
	{ .da = 0x40000000, .pa = 0x00500000, .size = 0x1000,
	  .flags = DEVMEM_READ | DEVMEM_WRITE | DEVMEM_DEVICE },
};
static struct devmem spread_devmem[ARRAY_SIZE(adsp_devmem) + ARRAY_SIZE(spread_extra)];
static struct remote_desc adsp_spread;

static const struct remote_desc *spread_desc(void)
{
	unsigned int i, n = ARRAY_SIZE(adsp_devmem);

	for (i = 0; i < ARRAY_SIZE(spread_devmem); i++)
		spread_devmem[i] = i < n ? adsp_devmem[i] : spread_extra[i - n];
	adsp_spread = remote_descs[0];
	adsp_spread.devmem = spread_devmem;
	adsp_spread.n_devmem = ARRAY_SIZE(spread_devmem);
	return &adsp_spread;
}

const struct remote_desc *remote_desc_of(unsigned int idx, u32 features)
{
	if (idx >= NREMOTES)
		return NULL;
	if (idx == 0 && (features & FEAT_DEVMEM_SPREAD))
		return spread_desc();
	if (idx == DTB_PROFILE_IDX && (features & FEAT_DTB_PROFILE))
		return &remote_dtb_profile;
	return &remote_descs[idx];
}

unsigned int remote_carveouts(const struct remote_desc *d, struct carveout out[MAX_CARVEOUTS])
{
	unsigned int n = 0;

	out[n++] = (struct carveout){ d->carveout, d->size };
	if (d->dtb_size)
		out[n++] = (struct carveout){ d->dtb_carveout, d->dtb_size };
	return n;
}

u32 devmem_prot(u32 flags)
{
	return (flags & DEVMEM_READ ? IOMMU_READ : 0) | (flags & DEVMEM_WRITE ? IOMMU_WRITE : 0) |
	       (flags & DEVMEM_DEVICE ? IOMMU_MMIO | IOMMU_NOEXEC : 0);
}
