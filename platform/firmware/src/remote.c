// SPDX-License-Identifier: GPL-2.0-only
/*
 * The remote processors: state machine (offline -> loading -> running ->
 * crashed/offline), interrupts pended from EL3 (first SPI + wdog, fatal,
 * ready, handover, stop-ack), counters and last verdict; and the live SMMU
 * walk for the remote's stream ID.
 * A remote runs from a successful auth_and_reset until shutdown (running or
 * crashed). All that time the double re-walks its stream at every SCM call
 * and at every event raised or received, with the rules of auth (no bridge
 * required), and hashes its carveouts at auth to compare them at shutdown and
 * at every crash: what real hardware would do with a missing, extra or wrong
 * mapping, or with Linux writing into the remote's memory, is an SMMU fault
 * (FAULTED, fatal SPI), kept for the audit.
 */
#include "pasd.h"

struct remote remotes[NREMOTES];
struct remote remote_dtb_image;
u32 pasd_mode;	/* set at boot from the mode word */
u32 pasd_features;

static const char *const irq_names[] = { "wdog", "fatal", "ready", "handover", "stop-ack" };

static struct remote *dtb_image_of(struct remote *rm);

void remote_reset_all(void)
{
	unsigned int i;

	for (i = 0; i < NREMOTES; i++) {
		remotes[i].d = remote_desc_of(i, pasd_features);
		remotes[i].state = R_OFFLINE;
		remotes[i].reloc_set = false;
		remotes[i].boots = 0;
		remotes[i].stop_bits = 0;
		pasd_strlcpy(remotes[i].verdict, "none", sizeof(remotes[i].verdict));
		remotes[i].faults = 0;
		remotes[i].faulted = false;
		pasd_strlcpy(remotes[i].last_fault, "none", sizeof(remotes[i].last_fault));
		remotes[i].n_hashed = 0;
		remotes[i].rsc_required = 0;
		remotes[i].rsc_tables = 0;
	}
	/* the DTB profile's DTB image: offline, bound to its remote (none: unused) */
	remote_dtb_image = (struct remote){ .state = R_OFFLINE };
	pasd_strlcpy(remote_dtb_image.verdict, "none", sizeof(remote_dtb_image.verdict));
	for (i = 0; i < NREMOTES; i++)
		if (remotes[i].d->dtb_pas_id)
			dtb_image_of(&remotes[i]);
}

/*
 * The slot of the DTB image of remote rm (ABI.md "The DTB profile"): its own
 * PAS id and carveout (d->pas_id, d->carveout), rm's SID and interrupts. PAS
 * calls for it check that carveout; rules and verdicts are rm's.
 */
static struct remote *dtb_image_of(struct remote *rm)
{
	static struct remote_desc img;
	static char name[32];
	const struct remote_desc *d = rm->d;

	pasd_snprintf(name, sizeof(name), "%s/dtb", d->name);
	img = *d;
	img.name = name;
	img.pas_id = d->dtb_pas_id;
	img.carveout = d->dtb_carveout;
	img.size = d->dtb_size;
	img.dtb_pas_id = 0;
	img.dtb_carveout = img.dtb_size = 0;
	remote_dtb_image.d = &img;
	remote_dtb_image.owner = rm;
	return &remote_dtb_image;
}

struct remote *remote_by_pas(u64 pas_id)
{
	unsigned int i;

	for (i = 0; i < NREMOTES; i++) {
		/* the platform variant of the mode word picks the table */
		const struct remote_desc *d = remote_desc_of(i, pasd_features);

		if (d->pas_id == pas_id) {
			remotes[i].d = d;
			return &remotes[i];
		}
		if (d->dtb_pas_id && d->dtb_pas_id == pas_id) {
			remotes[i].d = d;
			return dtb_image_of(&remotes[i]);
		}
	}
	return NULL;
}

bool remote_dtb_ready(const struct remote *rm)
{
	return !rm->d->dtb_pas_id ||
	       (remote_dtb_image.owner == rm && remote_dtb_image.state == R_RUNNING);
}

void remote_set_verdict(struct remote *rm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pasd_vsnprintf(rm->verdict, sizeof(rm->verdict), fmt, ap);
	va_end(ap);
	if (rm->owner)	/* a DTB image's verdict is its remote's (debugfs, tests) */
		pasd_strlcpy(rm->owner->verdict, rm->verdict, sizeof(rm->owner->verdict));
	plat_puts(rm->verdict);
	plat_puts("\n");
}

void remote_pend(struct remote *rm, int which)
{
	pasd_log("pasdouble: %s: raises %s (SPI %u)", rm->d->name, irq_names[which],
		 rm->d->first_spi + which);
	plat_pend_spi(rm->d->first_spi + which);
}

/* an event the remote raises: the streams are sampled first, a faulted remote raises nothing */
static void remote_event(struct remote *rm, int which)
{
	remote_check_live(irq_names[which]);
	if (rm->state == R_RUNNING)
		remote_pend(rm, which);
}

static void hash_carveouts(struct remote *rm);

void remote_boot(struct remote *rm)
{
	s64 st;

	rm->state = R_RUNNING;
	rm->boots++;
	rm->stop_bits = 0;
	if (rm->owner) {	/* a DTB image: the remote boots with its main image */
		pasd_log("pasdouble: %s: authenticated, waits for the main image", rm->d->name);
		return;
	}
	/* every carveout (a DTB image's too) is final now: Linux loaded them all */
	rm->faulted = false;
	hash_carveouts(rm);
	if (fault_hit(FK_SILENT, &st)) {
		pasd_log("pasdouble: %s: INJECTED remote silent: no ready, no handover", rm->d->name);
		return;
	}
	remote_event(rm, IRQ_READY);
	remote_event(rm, IRQ_HANDOVER);
}

void remote_shutdown(struct remote *rm)
{
	rm->state = R_OFFLINE;
	rm->reloc_set = false;
	rm->stop_bits = 0;
	rm->rsc_required = 0;	/* the next boot asks for the table again */
}

/* a stop request (smem-state bit 0 set by Linux) or its clearing */
int remote_stop_state(struct remote *rm, u32 bits)
{
	u32 old = rm->stop_bits;

	if (rm->owner)	/* a DTB image does not run: its remote acks */
		return SCM_EINVAL_ADDR;
	remote_check_live(bits & 1 ? "stop request" : "stop state cleared");
	rm->stop_bits = bits;
	if ((bits & 1) && !(old & 1) && rm->state == R_RUNNING)
		remote_event(rm, IRQ_STOP_ACK);
	return 0;
}

int remote_crash(struct remote *rm, u32 kind)
{
	if (kind > 1 || rm->owner)	/* a DTB image does not run: its remote crashes */
		return SCM_EINVAL_ADDR;
	remote_check_live("crash request");
	if (rm->state != R_RUNNING)	/* also when the check above faulted it */
		return SCM_EINVAL_ADDR;
	rm->state = R_CRASHED;
	remote_pend(rm, kind ? IRQ_FATAL : IRQ_WDOG);
	remote_check_content(rm, kind ? "fatal crash" : "wdog crash");
	return 0;
}

static int ns_rd64(void *ctx, u64 pa, u64 *val)
{
	const u8 *p;

	(void)ctx;
	if (pa & 7)
		return -1;
	p = plat_ns_ptr(pa, 8);
	if (!p)
		return -1;
	*val = *(const volatile u64 *)p;
	return 0;
}

enum walk_result remote_walk(struct remote *rm, struct rules_result *res)
{
	struct smmu_state s;
	struct rules_ctx *c;
	enum walk_result wr;
	char why[160];

	s.cr0 = plat_smmu_read32(SMMU_CR0);
	s.strtab_base = plat_smmu_read64(SMMU_STRTAB_BASE);
	s.strtab_cfg = plat_smmu_read32(SMMU_STRTAB_BASE_CFG);
	s.gbpa = plat_smmu_read32(SMMU_GBPA);
	c = rules_begin(rm->owner ? rm->owner->d : rm->d, res);	/* one SID, the remote's rules */
	if (rm->owner)	/* the DTB image: the remote does not run before the main image's auth */
		rules_require_only(c, rm->owner->d->dtb_carveout);
	wr = smmu_walk_sid(&s, rm->d->sid, ns_rd64, NULL, rules_leaf, c, why, sizeof(why));
	rules_end(c, wr, why);
	return wr;
}

/* ---- live checks: from a successful auth until shutdown ---- */

bool remote_live(const struct remote *rm)
{
	return rm->state == R_RUNNING || rm->state == R_CRASHED;
}

void remote_fault(struct remote *rm, const char *when, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	pasd_vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	rm->faults++;
	rm->faulted = true;
	remote_set_verdict(rm, "pasdouble: %s: FAULTED: %s (seen at %s)", rm->d->name, what, when);
	pasd_strlcpy(rm->last_fault, rm->verdict, sizeof(rm->last_fault));
	if (rm->state == R_RUNNING) {	/* a crashed remote raises nothing more */
		rm->state = R_CRASHED;
		remote_pend(rm, IRQ_FATAL);
	}
}

/*
 * A 4-lane multiply-rotate hash (xxHash64's round and avalanche, not its
 * exact output): 8-byte aligned loads only (EL3 runs MMU-off, Device memory),
 * no division, two multiplies per word; every single-word change changes the
 * result. Not cryptographic: it catches accidents, not an adversary.
 */
#define H_P1 0x9e3779b185ebca87ULL
#define H_P2 0xc2b2ae3d27d4eb4fULL
#define H_P3 0x165667b19e3779f9ULL

static inline u64 rotl64(u64 x, unsigned int r)
{
	return x << r | x >> (64 - r);
}

static inline u64 hround(u64 acc, u64 w)
{
	return rotl64(acc + w * H_P2, 31) * H_P1;
}

u64 pasd_hash64(const u64 *p, u64 words, u64 seed)
{
	u64 a = seed + H_P1 + H_P2, b = seed + H_P2, c = seed, d = seed - H_P1, h;
	u64 i = 0;

	for (; i + 4 <= words; i += 4) {
		a = hround(a, p[i]);
		b = hround(b, p[i + 1]);
		c = hround(c, p[i + 2]);
		d = hround(d, p[i + 3]);
	}
	for (; i < words; i++)
		a = hround(a, p[i]);
	h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18) + words * 8;
	h ^= h >> 33;
	h *= H_P2;
	h ^= h >> 29;
	h *= H_P3;
	return h ^ (h >> 32);
}

/* chunk size for a carveout: 64 KiB, doubled until HASH_CHUNKS cover it */
static u64 chunk_size(u64 size)
{
	u64 c = HASH_CHUNK_MIN;

	while (c * HASH_CHUNKS < size)
		c <<= 1;
	return c;
}

static u64 chunk_hash(const struct carveout *cv, u64 off, u64 len)
{
	const u64 *p = (const u64 *)plat_ns_ptr(cv->base + off, len);

	return pasd_hash64(p, len / 8, cv->base + off);
}

/* a carveout the double cannot read (not NS DRAM, or not 8-byte aligned) is not hashed */
static bool hashable(const struct carveout *cv)
{
	return cv->size && !((cv->base | cv->size) & 7) && plat_ns_ptr(cv->base, cv->size);
}

static void hash_carveouts(struct remote *rm)
{
	struct carveout cv[MAX_CARVEOUTS];
	unsigned int n = remote_carveouts(rm->d, cv), i;

	rm->n_hashed = 0;
	for (i = 0; i < n && hashable(&cv[i]); i++) {
		u64 cs = chunk_size(cv[i].size), off, k;

		for (off = 0, k = 0; off < cv[i].size; off += cs, k++)
			rm->chunk_hash[i][k] = chunk_hash(&cv[i], off,
							  cs < cv[i].size - off ? cs : cv[i].size - off);
		rm->n_hashed = i + 1;
	}
}

/* 0, or 1 with why: the first chunk that differs from auth, and how many do */
static int content_changed(struct remote *rm, char *why, size_t wlen)
{
	struct carveout cv[MAX_CARVEOUTS];
	unsigned int i;

	remote_carveouts(rm->d, cv);
	for (i = 0; i < rm->n_hashed; i++) {
		u64 cs = chunk_size(cv[i].size), off, k, first = 0, flen = 0, ndiff = 0;

		for (off = 0, k = 0; off < cv[i].size; off += cs, k++) {
			u64 len = cs < cv[i].size - off ? cs : cv[i].size - off;

			if (chunk_hash(&cv[i], off, len) == rm->chunk_hash[i][k])
				continue;
			if (!ndiff++) {
				first = cv[i].base + off;
				flen = len;
			}
		}
		if (ndiff) {
			pasd_snprintf(why, wlen,
				      "%s 0x%llx+0x%llx written by Linux while the remote ran: 0x%llx+0x%llx "
				      "(%llu of %llu chunks) differs from auth",
				      i ? "DTB carveout" : "carveout", (unsigned long long)cv[i].base,
				      (unsigned long long)cv[i].size, (unsigned long long)first,
				      (unsigned long long)flen, (unsigned long long)ndiff,
				      (unsigned long long)((cv[i].size + cs - 1) / cs));
			return 1;
		}
	}
	return 0;
}

void remote_check_content(struct remote *rm, const char *when)
{
	char why[200];

	if (rm->owner || !remote_live(rm) || rm->faulted)
		return;
	if (content_changed(rm, why, sizeof(why)))
		remote_fault(rm, when, "%s", why);
}

static struct rules_result lres;	/* large: keep off the EL3 stack */

/*
 * The remote's stream as TrustZone checked it at auth (no-QHEE: Linux owns
 * the SMMU; under QHEE the hypervisor does). At a fault the content is
 * compared too (a crash), in the same verdict.
 */
static void check_stream(struct remote *rm, const char *when)
{
	char more[200];

	if (pasd_mode != MODE_NOQHEE)
		return;
	remote_walk(rm, &lres);
	if (lres.ok)
		return;
	if (content_changed(rm, more, sizeof(more)))
		remote_fault(rm, when, "%s; %s", lres.why, more);
	else
		remote_fault(rm, when, "%s", lres.why);
}

void remote_check_live(const char *when)
{
	unsigned int i;

	for (i = 0; i < NREMOTES; i++)
		if (remote_live(&remotes[i]) && !remotes[i].faulted)
			check_stream(&remotes[i], when);
}

/*
 * Leaves of iommu_map(iova, pa, size) (size PAGE_ALIGNed as qcom_map_carveout
 * does): iommu_pgsize() takes the largest of io-pgtable's 4K/2M/1G that both
 * addresses and the rest allow, one leaf each.
 */
static u64 map_leaves(u64 iova, u64 pa, u64 size)
{
	u64 n = 0;

	size = (size + 0xfff) & ~0xfffULL;
	while (size) {
		u64 pg = 1ULL << 30;

		while (pg > 0x1000 && (pg > size || ((iova | pa) & (pg - 1))))
			pg >>= 9;
		iova += pg;
		pa += pg;
		size -= pg;
		n++;
	}
	return n;
}

u64 remote_expected_leaves(const struct remote_desc *d, u64 *carveout, u64 *devmem)
{
	struct carveout cv[MAX_CARVEOUTS];
	unsigned int n = remote_carveouts(d, cv), i;
	u64 c = 0, m = 0;

	for (i = 0; i < n; i++)
		c += map_leaves(cv[i].base, cv[i].base, cv[i].size);
	for (i = 0; i < d->n_devmem; i++)	/* one iommu_map() per window */
		m += map_leaves(d->devmem[i].da, devmem_pa(&d->devmem[i]), d->devmem[i].size);
	if (carveout)
		*carveout = c;
	if (devmem)
		*devmem = m;
	return c + m;
}

const char *walk_result_str(enum walk_result wr)
{
	static const char *const s[] = { "stage1", "none", "bypass", "error" };

	return s[wr & 3];
}

enum walk_result remote_audit(struct remote *rm, u64 *leaves, u64 *bridges_over, char *buf,
			      size_t len)
{
	struct remote *owner = rm->owner ? rm->owner : rm;	/* a DTB image's is its remote's */
	struct carveout cv[MAX_CARVEOUTS];
	unsigned int n = remote_carveouts(owner->d, cv), i;
	enum walk_result wr = remote_walk(owner, &lres);
	int pos;

	*leaves = lres.leaves;
	*bridges_over = 0;
	for (i = 0; i < n; i++)
		*bridges_over += bridge_overlapping(&bridges, cv[i].base, cv[i].size);
	pos = pasd_snprintf(buf, len, "leaves=%llu bridges=%llu stream=%s faults=%u",
			    (unsigned long long)*leaves, (unsigned long long)*bridges_over,
			    walk_result_str(wr), owner->faults);
	if (owner->faults && pos >= 0 && (size_t)pos < len)
		pasd_snprintf(buf + pos, len - pos, " last-fault: %s", owner->last_fault);
	return wr;
}
