// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TrustZone mapping rules of no-QHEE mode (ABI.md): what the remote sees
 * through the SMMU must be its carveout, IOVA == PA, read/write/execute,
 * unprivileged, Normal memory, in full; each declared devmem window, its da
 * mapping its pa, exactly as its flags make io-pgtable map it (R or RW;
 * DEVICE -> Device memory and XN, else Normal non-cacheable, executable);
 * nothing else. A walk that fails or bypasses is a refusal. Leaves arrive in
 * ascending IOVA order (smmu_walk_sid).
 */
#include "pasd.h"

#define MAX_REGIONS 24

struct region {
	u64 base, size, next;
	u64 pa;			/* what base maps */
	u32 perm, prot;		/* prot: IOMMU_* of a window (the carveout: none) */
	bool carveout, bad;
	bool optional;		/* may be wholly unmapped (never partly) */
};

struct rules_ctx {
	const struct remote_desc *d;
	struct rules_result *res;
	struct region reg[MAX_REGIONS];
	u32 n;
	char err_carve[160], err_dev[160], err_extra[160];
	u64 n1g, n2m, n4k, nother;
};

static struct rules_ctx the_ctx;

struct rules_ctx *rules_begin(const struct remote_desc *d, struct rules_result *res)
{
	struct rules_ctx *c = &the_ctx;
	u32 i, j;

	*c = (struct rules_ctx){ 0 };
	*res = (struct rules_result){ 0 };
	c->d = d;
	c->res = res;
	c->reg[c->n++] = (struct region){ .base = d->carveout, .size = d->size,
					  .next = d->carveout, .pa = d->carveout,
					  .perm = PERM_R | PERM_W, .carveout = true };
	if (d->dtb_size)	/* the DTB image's carveout: same SID, same rules */
		c->reg[c->n++] = (struct region){ .base = d->dtb_carveout, .size = d->dtb_size,
						  .next = d->dtb_carveout, .pa = d->dtb_carveout,
						  .perm = PERM_R | PERM_W, .carveout = true };
	for (i = 0; i < d->n_devmem && c->n < MAX_REGIONS; i++) {
		const struct devmem *m = &d->devmem[i];

		c->reg[c->n++] = (struct region){ .base = m->da, .size = m->size, .next = m->da,
			.pa = devmem_pa(m), .perm = (m->flags & DEVMEM_READ ? PERM_R : 0) |
						    (m->flags & DEVMEM_WRITE ? PERM_W : 0),
			.prot = devmem_prot(m->flags) };
	}
	/* sort by base (insertion sort, n <= 24) */
	for (i = 1; i < c->n; i++)
		for (j = i; j > 0 && c->reg[j - 1].base > c->reg[j].base; j--) {
			struct region t = c->reg[j];

			c->reg[j] = c->reg[j - 1];
			c->reg[j - 1] = t;
		}
	res->devmem_n = d->n_devmem;
	return c;
}

/*
 * Before the remote runs (its DTB image's auth_and_reset: the DSP starts with
 * the main image's), only the region at base must be mapped in full; the
 * others may still be wholly unmapped, as mainline maps each carveout right
 * before its own image's auth. Never partly mapped, never anything extra.
 */
void rules_require_only(struct rules_ctx *c, u64 base)
{
	u32 i;

	for (i = 0; i < c->n; i++)
		c->reg[i].optional = c->reg[i].base != base;
}

static void region_err(struct rules_ctx *c, struct region *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void region_err(struct rules_ctx *c, struct region *r, const char *fmt, ...)
{
	char *dst = r->carveout ? c->err_carve : c->err_dev;
	size_t len = r->carveout ? sizeof(c->err_carve) : sizeof(c->err_dev);
	size_t n;
	va_list ap;

	r->bad = true;
	if (dst[0])
		return;
	n = pasd_snprintf(dst, len, "%s 0x%llx+0x%llx ", r->carveout ? "carveout" : "devmem",
			  (unsigned long long)r->base, (unsigned long long)r->size);
	if (n >= len)
		return;
	va_start(ap, fmt);
	pasd_vsnprintf(dst + n, len - n, fmt, ap);
	va_end(ap);
}

/* XN, AP[1] and the memory type of one leaf piece in region r, as io-pgtable sets them */
static void check_attrs(struct rules_ctx *c, struct region *r, u64 a, const struct smmu_leaf *l)
{
	u32 xn = l->attrs & (LEAF_UXN | LEAF_PXN);
	bool noexec = r->prot & IOMMU_NOEXEC, mmio = r->prot & IOMMU_MMIO;
	bool dev = mair_is_device(l->mair);
	unsigned long long at = a;

	if (noexec && !(xn & LEAF_UXN))
		region_err(c, r, "executable at 0x%llx (DEVICE)", at);
	else if (noexec && !(xn & LEAF_PXN))
		region_err(c, r, "executable when privileged (PXN clear) at 0x%llx (DEVICE)", at);
	else if (!noexec && xn)
		region_err(c, r, "not executable (%s) at 0x%llx (%s)",
			   xn == (LEAF_UXN | LEAF_PXN) ? "XN" : xn == LEAF_UXN ? "UXN" : "PXN", at,
			   r->carveout ? "must be executable" : "no DEVICE");
	else if (!(l->attrs & LEAF_UNPRIV))
		region_err(c, r, "privileged-only (AP[1] clear) at 0x%llx (io-pgtable maps unprivileged)",
			   at);
	else if (r->carveout && dev)
		region_err(c, r, "Device memory (MAIR 0x%02x) at 0x%llx (must be Normal)", l->mair, at);
	else if (r->carveout)
		return;
	else if (mmio && !dev)
		region_err(c, r, "Normal memory (MAIR 0x%02x) at 0x%llx (DEVICE: must be Device)",
			   l->mair, at);
	else if (!mmio && dev)
		region_err(c, r, "Device memory (MAIR 0x%02x) at 0x%llx (no DEVICE: must be Normal)",
			   l->mair, at);
	else if (!mmio && l->mair != 0x44)
		region_err(c, r, "cacheable (MAIR 0x%02x) at 0x%llx (no DEVICE: must be non-cacheable)",
			   l->mair, at);
}

static void piece(struct rules_ctx *c, u64 a, u64 b, const struct smmu_leaf *l)
{
	u64 pa = l->pa + (a - l->iova);
	u32 perm = l->perm, i;

	while (a < b) {
		struct region *r = NULL;
		u64 next_start = ~0ULL, end, want;

		for (i = 0; i < c->n; i++) {
			if (a >= c->reg[i].base && a < c->reg[i].base + c->reg[i].size) {
				r = &c->reg[i];
				break;
			}
			if (c->reg[i].base > a && c->reg[i].base < next_start)
				next_start = c->reg[i].base;
		}
		if (!r) {
			end = b < next_start ? b : next_start;
			if (!c->err_extra[0])
				pasd_snprintf(c->err_extra, sizeof(c->err_extra),
					      "extra mapping 0x%llx+0x%llx -> 0x%llx %s (least privilege)",
					      (unsigned long long)a, (unsigned long long)(end - a),
					      (unsigned long long)pa, perm_str(perm));
			pa += end - a;
			a = end;
			continue;
		}
		end = b < r->base + r->size ? b : r->base + r->size;
		if (a > r->next)
			region_err(c, r, "not mapped at 0x%llx", (unsigned long long)r->next);
		want = r->pa + (a - r->base);
		if (pa != want && r->pa == r->base)
			region_err(c, r, "IOVA 0x%llx maps PA 0x%llx (not IOVA == PA)",
				   (unsigned long long)a, (unsigned long long)pa);
		else if (pa != want)
			region_err(c, r, "IOVA 0x%llx maps PA 0x%llx (not PA 0x%llx)",
				   (unsigned long long)a, (unsigned long long)pa,
				   (unsigned long long)want);
		else if (perm != r->perm && r->carveout)
			region_err(c, r, "%s at 0x%llx (must be rw)",
				   perm == PERM_R ? "read-only" : perm_str(perm), (unsigned long long)a);
		else if (perm != r->perm)
			region_err(c, r, "mapped %s at 0x%llx, expected %s", perm_str(perm),
				   (unsigned long long)a, perm_str(r->perm));
		else
			check_attrs(c, r, a, l);
		r->next = end;
		pa += end - a;
		a = end;
	}
}

void rules_leaf(void *ctx, const struct smmu_leaf *l)
{
	struct rules_ctx *c = ctx;
	const struct remote_desc *d = c->d;

	map_summary_add(&c->res->map, l);
	c->res->leaves++;
	if (l->iova >= d->carveout && l->iova + l->size <= d->carveout + d->size) {
		if (l->size == (1ULL << 30))
			c->n1g++;
		else if (l->size == (1ULL << 21))
			c->n2m++;
		else if (l->size == (1ULL << 12))
			c->n4k++;
		else
			c->nother++;
	}
	piece(c, l->iova, l->iova + l->size, l);
}

static void leafcount(struct rules_ctx *c, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = 0;
	if (c->n1g)
		pos += pasd_snprintf(buf + pos, len - pos, "%llux1G", (unsigned long long)c->n1g);
	if (c->n2m && pos < len)
		pos += pasd_snprintf(buf + pos, len - pos, "%s%llux2M", pos ? "+" : "",
				     (unsigned long long)c->n2m);
	if (c->n4k && pos < len)
		pos += pasd_snprintf(buf + pos, len - pos, "%s%llux4K", pos ? "+" : "",
				     (unsigned long long)c->n4k);
	if (!pos)
		pasd_snprintf(buf, len, "none");
}

void rules_end(struct rules_ctx *c, enum walk_result wr, const char *walk_why)
{
	struct rules_result *res = c->res;
	u32 i;

	for (i = 0; i < c->n; i++) {
		struct region *r = &c->reg[i];

		if (r->optional && r->next == r->base && !r->bad)
			continue;
		if (wr != WALK_S1 && r->next == r->base) {
			region_err(c, r, "not mapped at 0x%llx (%s)", (unsigned long long)r->base,
				   walk_why);
			continue;
		}
		if (r->next < r->base + r->size)
			region_err(c, r, "not mapped at 0x%llx", (unsigned long long)r->next);
		if (!r->carveout && !r->bad)
			res->devmem_ok++;
	}
	leafcount(c, res->carveout_leaves, sizeof(res->carveout_leaves));
	if (wr == WALK_BYPASS)
		pasd_snprintf(res->why, sizeof(res->why), "%s: every address reachable (least privilege)",
			      walk_why);
	else if (wr == WALK_ERROR)	/* what lies beyond is unknown: never ok */
		pasd_snprintf(res->why, sizeof(res->why), "SMMU walk for SID 0x%x failed: %s",
			      c->d->sid, walk_why);
	else if (c->err_carve[0])
		pasd_strlcpy(res->why, c->err_carve, sizeof(res->why));
	else if (c->err_dev[0])
		pasd_strlcpy(res->why, c->err_dev, sizeof(res->why));
	else if (c->err_extra[0])
		pasd_strlcpy(res->why, c->err_extra, sizeof(res->why));
	res->ok = !res->why[0];
}

void rules_check(const struct remote_desc *d, enum walk_result wr, const char *walk_why,
		 const struct smmu_leaf *leaves, u64 n, struct rules_result *res)
{
	struct rules_ctx *c = rules_begin(d, res);
	u64 i;

	for (i = 0; i < n; i++)
		rules_leaf(c, &leaves[i]);
	rules_end(c, wr, walk_why);
}
