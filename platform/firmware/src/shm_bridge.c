// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHM bridges (qcom_tzmem.c): a table of NS ranges TrustZone agrees to share.
 * create(x2 = PA | NS perms, x3 = PA | S perms, x4 = size | nvm << 9,
 * x5 = VMIDs) -> x0 = 0, x1 = 0, x2 = handle; delete(x2 = handle).
 * Only what Linux's tzmem creates is accepted: NS and S permissions RW, one
 * VM, HLOS. Like TrustZone, a refusal answers x0 = 0 with the status in x1
 * (result[0]): qcom_scm_shm_bridge_create() returns it as a positive value.
 */
#include "pasd.h"

#define PAGE_MASK_4K	0xfffULL
#define VMID_HLOS	3
#define NUM_VM_SHIFT	9
#define PERM_RW_TZ	6	/* QCOM_SCM_PERM_RW: R (4) | W (2) */

struct bridge_table bridges;

void bridge_reset(struct bridge_table *t)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++)
		t->b[i].live = false;
	t->next_handle = 1;
	t->enabled = false;
}

static bool overlaps(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

int bridge_create(struct bridge_table *t, u64 pfn_ns, u64 ipfn_s, u64 size_flags,
		  u64 vmids, u64 *handle, char *why, size_t wlen)
{
	u64 pa = pfn_ns & ~PAGE_MASK_4K, ipa = ipfn_s & ~PAGE_MASK_4K;
	u64 size = size_flags & ~PAGE_MASK_4K;
	u32 nsp = pfn_ns & PAGE_MASK_4K, sp = ipfn_s & PAGE_MASK_4K;
	u32 nvm = (size_flags >> NUM_VM_SHIFT) & 7;
	unsigned int i, slot = MAX_BRIDGES;

	if (!size) {
		pasd_snprintf(why, wlen, "0x%llx: zero size", (unsigned long long)pa);
		return SCM_EINVAL_ADDR;
	}
	if (pa != ipa) {
		pasd_snprintf(why, wlen, "NS PA 0x%llx != secure PA 0x%llx",
			      (unsigned long long)pa, (unsigned long long)ipa);
		return SCM_EINVAL_ADDR;
	}
	if (nsp != PERM_RW_TZ || sp != PERM_RW_TZ) {
		pasd_snprintf(why, wlen, "0x%llx+0x%llx: permissions ns %u s %u, tzmem uses RW (6)",
			      (unsigned long long)pa, (unsigned long long)size, nsp, sp);
		return SCM_EINVAL_ARG;
	}
	if (nvm != 1 || vmids != VMID_HLOS) {
		pasd_snprintf(why, wlen, "0x%llx+0x%llx: VMIDs 0x%llx (%u) are not HLOS only",
			      (unsigned long long)pa, (unsigned long long)size,
			      (unsigned long long)vmids, nvm);
		return SCM_EINVAL_ARG;
	}
	if (pa < NS_DRAM_BASE || pa + size > NS_DRAM_END || pa + size < pa) {
		pasd_snprintf(why, wlen, "0x%llx+0x%llx is not NS DRAM",
			      (unsigned long long)pa, (unsigned long long)size);
		return SCM_EINVAL_ADDR;
	}
	for (i = 0; i < MAX_BRIDGES; i++) {
		const struct bridge *b = &t->b[i];

		if (!b->live) {
			if (slot == MAX_BRIDGES)
				slot = i;
			continue;
		}
		if (overlaps(pa, size, b->pa, b->size)) {
			pasd_snprintf(why, wlen, "0x%llx+0x%llx overlaps bridge 0x%llx (0x%llx+0x%llx)",
				      (unsigned long long)pa, (unsigned long long)size,
				      (unsigned long long)b->handle,
				      (unsigned long long)b->pa, (unsigned long long)b->size);
			return SCM_EINVAL_ADDR;
		}
	}
	if (slot == MAX_BRIDGES) {
		pasd_snprintf(why, wlen, "bridge table full (%u)", MAX_BRIDGES);
		return SCM_ENOMEM;
	}
	t->b[slot] = (struct bridge){ pa, size, t->next_handle++, nsp, sp, true };
	*handle = t->b[slot].handle;
	return 0;
}

int bridge_delete(struct bridge_table *t, u64 handle, char *why, size_t wlen)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++) {
		if (t->b[i].live && t->b[i].handle == handle) {
			t->b[i].live = false;
			return 0;
		}
	}
	pasd_snprintf(why, wlen, "no live bridge with handle 0x%llx", (unsigned long long)handle);
	return SCM_EINVAL_ARG;
}

bool bridge_contains(const struct bridge_table *t, u64 pa, u64 size)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++) {
		const struct bridge *b = &t->b[i];

		if (b->live && pa >= b->pa && pa + size <= b->pa + b->size && pa + size >= pa)
			return true;
	}
	return false;
}

bool bridge_covers(const struct bridge_table *t, u64 pa, u64 size)
{
	u64 cur = pa, end = pa + size;
	unsigned int i;
	bool moved = true;

	while (cur < end && moved) {
		moved = false;
		for (i = 0; i < MAX_BRIDGES; i++) {
			const struct bridge *b = &t->b[i];

			if (b->live && cur >= b->pa && cur < b->pa + b->size) {
				cur = b->pa + b->size;
				moved = true;
			}
		}
	}
	return cur >= end;
}

unsigned int bridge_live(const struct bridge_table *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_BRIDGES; i++)
		n += t->b[i].live;
	return n;
}

unsigned int bridge_overlapping(const struct bridge_table *t, u64 pa, u64 size)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_BRIDGES; i++)
		n += t->b[i].live && overlaps(pa, size, t->b[i].pa, t->b[i].size);
	return n;
}

const struct bridge *bridge_find_overlap(const struct bridge_table *t, u64 pa, u64 size)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++)
		if (t->b[i].live && overlaps(pa, size, t->b[i].pa, t->b[i].size))
			return &t->b[i];
	return NULL;
}

const struct bridge *bridge_find_outside(const struct bridge_table *t, u64 pa, u64 size)
{
	unsigned int i;

	for (i = 0; i < MAX_BRIDGES; i++) {
		const struct bridge *b = &t->b[i];

		if (b->live && overlaps(pa, size, b->pa, b->size) &&
		    (b->pa < pa || b->pa + b->size > pa + size))
			return b;
	}
	return NULL;
}

/* ---- SMC handlers (MP service) ---- */

static bool no_bridges(struct smc_regs *r, const char *call)
{
	if (!(pasd_features & FEAT_NO_SHM_BRIDGE))
		return false;
	/* this TrustZone has no such call: what scm_handle answers for unknown ones */
	pasd_log("pasdouble: shm_bridge: REFUSED %s: SHM bridges not supported by this TrustZone",
		 call);
	r->x[0] = (u64)(s64)SCM_EOPNOTSUPP;
	r->x[1] = 0;
	r->x[2] = 0;
	return true;
}

void shm_bridge_enable(struct smc_regs *r)
{
	r->x[0] = 0;
	/* result[0]: 0 = enabled, 4 = not supported (Linux's tzmem stays generic) */
	r->x[1] = pasd_features & FEAT_NO_SHM_BRIDGE ? SHMBRIDGE_RESULT_NOTSUPP : 0;
	bridges.enabled = !r->x[1];
}

void shm_bridge_create_smc(struct smc_regs *r)
{
	char why[160];
	u64 handle = 0;
	s64 st;
	int ret;

	if (no_bridges(r, "create"))
		return;
	if (fault_hit(FK_BRIDGE_CREATE, &st)) {
		pasd_log("pasdouble: shm_bridge: INJECTED create: status %lld", (long long)st);
		r->x[0] = 0;
		r->x[1] = (u64)(st < 0 ? -st : st);	/* a TrustZone status, as refusals */
		r->x[2] = 0;
		return;
	}
	ret = bridge_create(&bridges, r->x[2], r->x[3], r->x[4], r->x[5], &handle, why, sizeof(why));
	if (ret) {
		pasd_log("pasdouble: shm_bridge: REFUSED create: %s", why);
		r->x[0] = 0;
		r->x[1] = (u64)-ret;	/* positive: 2 bad argument, 3 bad address, 5 no memory */
		r->x[2] = 0;
		return;
	}
	r->x[0] = 0;
	r->x[1] = 0;
	r->x[2] = handle;
}

void shm_bridge_delete_smc(struct smc_regs *r)
{
	char why[160];
	s64 st;
	int ret;

	if (no_bridges(r, "delete"))
		return;
	/*
	 * 6.12's qcom_scm_shm_bridge_delete() ignores result[0]: an injected
	 * failure fails the call itself (x0), or Linux would never see it.
	 */
	if (fault_hit(FK_BRIDGE_DELETE, &st)) {
		pasd_log("pasdouble: shm_bridge: INJECTED delete: status %lld", (long long)st);
		r->x[0] = (u64)st;
		r->x[1] = 0;
		return;
	}
	ret = bridge_delete(&bridges, r->x[2], why, sizeof(why));
	if (ret)
		pasd_log("pasdouble: shm_bridge: REFUSED delete: %s", why);
	r->x[0] = 0;
	r->x[1] = (u64)-ret;
}
