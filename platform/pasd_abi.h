/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test-only SMC function IDs of the EL3 double (ABI.md "Test-only SMC ABI":
 * OEM owner 3, fast SMC64), shared by the double and the fixture module.
 * Never used by the product series.
 */
#ifndef PASD_ABI_H
#define PASD_ABI_H

#define PASD_STOP_STATE	0xC3000001
#define PASD_CRASH	0xC3000002
#define PASD_COUNTERS	0xC3000003
#define PASD_VERDICT	0xC3000004
#define PASD_AUDIT	0xC3000005
#define PASD_INJECT	0xC3000006
#define PASD_MAP	0xC3000007
#define PASD_MODE	0xC3000008
#define PASD_EXPECT	0xC3000009
#define PASD_RSC	0xC300000A

#endif
