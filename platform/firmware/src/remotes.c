// SPDX-License-Identifier: GPL-2.0-only
/*
 * The remote processors of the virtual SA8775p (platform/ABI.md, "Remote
 * processors") and the ADSP devmem windows of sa8775p-facts.md.
 * One window per line "{ addr, size, flags }," so a test can compare this
 * table with the series' overlay.
 */
#include "pasd.h"

static const struct devmem adsp_devmem[] = {
	{ 0x00110000, 0x4000, 1 },
	{ 0x00123000, 0x1000, 3 },
	{ 0x00124000, 0x3000, 3 },
	{ 0x00127000, 0x2000, 3 },
	{ 0x0012a000, 0x3000, 3 },
	{ 0x0012e000, 0x1000, 3 },
	{ 0x0012f000, 0x1000, 1 },
	{ 0x00144000, 0x1000, 1 },
	{ 0x00148000, 0x1000, 1 },
	{ 0x00149000, 0xe000, 3 },
	{ 0x00157000, 0x1000, 3 },
	{ 0x00158000, 0xd000, 3 },
	{ 0x00165000, 0x1000, 3 },
	{ 0x00172000, 0x1000, 3 },
	{ 0x00173000, 0x8000, 3 },
	{ 0x0017b000, 0x2000, 3 },
	{ 0x0017f000, 0x1000, 3 },
	{ 0x00184000, 0x1000, 1 },
};

const struct remote_desc remote_descs[NREMOTES] = {
	{ "adsp", 1, 0x95c00000, 0x1e00000, 0x3000, 224, adsp_devmem, ARRAY_SIZE(adsp_devmem) },
	{ "cdsp0", 18, 0x9b800000, 0x1e00000, 0x21c0, 229, NULL, 0 },
	{ "cdsp1", 30, 0x9d700000, 0x1e00000, 0x29c0, 234, NULL, 0 },
	{ "gpdsp0", 39, 0x97b00000, 0x1e00000, 0x38a0, 239, NULL, 0 },
	{ "gpdsp1", 40, 0x99900000, 0x1e00000, 0x38c0, 244, NULL, 0 },
};
const unsigned int n_remotes = NREMOTES;
