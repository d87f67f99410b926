// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAS (SCM service 2): init_image, mem_setup, auth_and_reset, shutdown,
 * is_supported. TrustZone rules (ABI.md): in no-QHEE mode the metadata must
 * lie in a live SHM bridge from init_image to auth_and_reset, unchanged; the
 * carveout must be bridged at auth time, by bridges that lie inside it; and
 * the SMMU walk for the remote's SID must show exactly carveout + devmem with
 * their attributes. In QHEE mode the hypervisor bridges the metadata and owns
 * the remotes' streams: metadata already in a bridge and a stage-1 STE that
 * Linux programmed for the SID are refused. In both modes the loaded segments
 * must match the hash segment.
 */
#include "pasd.h"

static struct rules_result rres;	/* large: keep off the EL3 stack */

void pas_refuse(struct smc_regs *r, struct remote *rm, const char *call, s64 st, const char *why)
{
	remote_set_verdict(rm, "pasdouble: %s: REFUSED %s: %s", rm->d->name, call, why);
	r->x[0] = (u64)st;
	r->x[1] = 0;
}

struct remote *pas_lookup(struct smc_regs *r, const char *call)
{
	struct remote *rm = remote_by_pas(r->x[2]);

	if (!rm) {
		pasd_log("pasdouble: pas_id %llu: REFUSED %s: unknown pas_id",
			 (unsigned long long)r->x[2], call);
		r->x[0] = (u64)(s64)SCM_EINVAL_ADDR;
		r->x[1] = 0;
	}
	return rm;
}

static bool injected(struct smc_regs *r, struct remote *rm, enum fault_kind k, const char *call)
{
	s64 st;

	if (!fault_hit(k, &st))
		return false;
	remote_set_verdict(rm, "pasdouble: %s: INJECTED %s: status %lld", rm->d->name, call,
			   (long long)st);
	r->x[0] = (u64)st;
	r->x[1] = 0;
	return true;
}

static bool in_carveout(const struct remote_desc *d, u64 a, u64 size)
{
	return a >= d->carveout && a + size <= d->carveout + d->size && a + size >= a;
}

void pas_init_image(struct smc_regs *r)
{
	struct remote *rm = pas_lookup(r, "init_image");
	u64 pa = r->x[3];
	const u8 *p;
	char why[160];
	u32 i;

	if (!rm || injected(r, rm, FK_INIT_IMAGE, "init_image"))
		return;
	/*
	 * A remote is live (running or crashed) until shutdown: recovery must
	 * shut it down before loading again. A DTB image stays authenticated
	 * when the start fails after its auth_and_reset (6.12 shuts it down in
	 * stop only): it is loaded again unless its remote is live.
	 */
	if (remote_live(rm->owner ? rm->owner : rm))
		return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR,
				  "remote is live (running or crashed) until shutdown");
	rm->state = R_OFFLINE;
	rm->reloc_set = false;
	/* header: 52 bytes first, then all phdrs, then header + hash segment */
	p = plat_ns_ptr(pa, 52);
	if (!p) {
		pasd_snprintf(why, sizeof(why), "metadata PA 0x%llx is not NS DRAM",
			      (unsigned long long)pa);
		return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
	}
	{
		u32 phnum = p[44] | (u32)p[45] << 8;
		u64 hl = 52 + 32ULL * (phnum > MDT_MAX_PHNUM ? 0 : phnum);

		p = plat_ns_ptr(pa, hl);
		if (!p || mdt_parse_header(p, hl, &rm->mi, why, sizeof(why))) {
			if (!p)
				pasd_snprintf(why, sizeof(why), "metadata header not NS DRAM");
			return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
		}
	}
	p = plat_ns_ptr(pa, rm->mi.meta_len);
	if (!p) {
		pasd_snprintf(why, sizeof(why), "metadata 0x%llx+0x%x is not NS DRAM",
			      (unsigned long long)pa, rm->mi.meta_len);
		return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
	}
	for (i = 0; i < rm->mi.meta_len; i++)
		rm->meta[i] = p[i];
	if (mdt_check_hashseg(rm->meta, &rm->mi, why, sizeof(why)))
		return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
	if (pasd_mode == MODE_NOQHEE && !bridge_contains(&bridges, pa, rm->mi.meta_len)) {
		pasd_snprintf(why, sizeof(why), "metadata 0x%llx+0x%x is not inside a live SHM bridge",
			      (unsigned long long)pa, rm->mi.meta_len);
		return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
	}
	/* qcom_scm_pas_init_image(): QHEE bridges the metadata; one already bridged fails */
	if (pasd_mode == MODE_QHEE) {
		const struct bridge *b = bridge_find_overlap(&bridges, pa, rm->mi.meta_len);

		if (b) {
			pasd_snprintf(why, sizeof(why),
				      "metadata 0x%llx+0x%x lies in SHM bridge 0x%llx (0x%llx+0x%llx): "
				      "under QHEE the hypervisor bridges it itself",
				      (unsigned long long)pa, rm->mi.meta_len,
				      (unsigned long long)b->handle, (unsigned long long)b->pa,
				      (unsigned long long)b->size);
			return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
		}
	}
	rm->meta_pa = pa;
	sha256(rm->meta, rm->mi.meta_len, rm->meta_sha);
	if (!rm->mi.relocatable) {
		for (i = 1; i < rm->mi.phnum; i++) {
			const struct mdt_phdr *ph = &rm->mi.ph[i];

			if (mdt_loadable(&rm->mi, i) && !in_carveout(rm->d, ph->paddr, ph->memsz)) {
				pasd_snprintf(why, sizeof(why),
					      "segment %u 0x%x+0x%x outside carveout 0x%llx+0x%llx", i,
					      ph->paddr, ph->memsz, (unsigned long long)rm->d->carveout,
					      (unsigned long long)rm->d->size);
				return pas_refuse(r, rm, "init_image", SCM_EINVAL_ADDR, why);
			}
		}
	}
	rm->state = R_LOADING;
	pasd_log("pasdouble: %s: init_image ok: %u phdrs, %s, metadata 0x%llx+0x%x", rm->d->name,
		 rm->mi.phnum, rm->mi.relocatable ? "relocatable" : "fixed",
		 (unsigned long long)pa, rm->mi.meta_len);
	r->x[0] = 0;
	r->x[1] = 0;
}

void pas_mem_setup(struct smc_regs *r)
{
	struct remote *rm = pas_lookup(r, "mem_setup");
	u64 a = r->x[3], size = r->x[4];
	char why[160];

	if (!rm || injected(r, rm, FK_MEM_SETUP, "mem_setup"))
		return;
	if (rm->state != R_LOADING)
		return pas_refuse(r, rm, "mem_setup", SCM_EINVAL_ADDR, "no successful init_image");
	if (a != rm->d->carveout || !in_carveout(rm->d, a, size) ||
	    size < rm->mi.max_end - rm->mi.min_paddr) {
		pasd_snprintf(why, sizeof(why),
			      "0x%llx+0x%llx is not the carveout 0x%llx+0x%llx or smaller than the image 0x%llx",
			      (unsigned long long)a, (unsigned long long)size,
			      (unsigned long long)rm->d->carveout, (unsigned long long)rm->d->size,
			      (unsigned long long)(rm->mi.max_end - rm->mi.min_paddr));
		return pas_refuse(r, rm, "mem_setup", SCM_EINVAL_ADDR, why);
	}
	rm->reloc_set = true;
	rm->reloc_base = a;
	rm->reloc_size = size;
	pasd_log("pasdouble: %s: mem_setup ok: 0x%llx+0x%llx", rm->d->name, (unsigned long long)a,
		 (unsigned long long)size);
	r->x[0] = 0;
	r->x[1] = 0;
}

static int check_hashes(struct remote *rm, char *why, size_t wlen)
{
	const struct mdt_info *mi = &rm->mi;
	u32 i;

	for (i = 1; i < mi->phnum; i++) {
		const struct mdt_phdr *ph = &mi->ph[i];
		u64 a = mi->relocatable ? ph->paddr - mi->min_paddr + rm->reloc_base : ph->paddr;
		const u8 *p, *want;
		u8 got[32];
		u32 k;

		if (!mdt_loadable(mi, i))
			continue;
		if (!in_carveout(rm->d, a, ph->memsz)) {
			pasd_snprintf(why, wlen, "segment %u 0x%llx+0x%x outside carveout", i,
				      (unsigned long long)a, ph->memsz);
			return -1;
		}
		p = plat_ns_ptr(a, ph->filesz ? ph->filesz : 1);
		if (!p) {
			pasd_snprintf(why, wlen, "segment %u 0x%llx not readable", i,
				      (unsigned long long)a);
			return -1;
		}
		sha256(p, ph->filesz, got);
		want = mdt_digest(rm->meta, mi, i);
		for (k = 0; k < 32; k++)
			if (got[k] != want[k]) {
				pasd_snprintf(why, wlen,
					      "segment %u at 0x%llx+0x%x does not match its SHA-256 digest",
					      i, (unsigned long long)a, ph->filesz);
				return -1;
			}
	}
	return 0;
}

static void print_map(struct remote *rm, const struct map_summary *m)
{
	u32 i;

	for (i = 0; i < m->n; i++) {
		const struct map_range *x = &m->r[i];
		char ls[16], as[32];

		pasd_log("pasdouble: %s:   map 0x%llx -> 0x%llx size 0x%llx %s %ux%s %s", rm->d->name,
			 (unsigned long long)x->iova, (unsigned long long)x->pa,
			 (unsigned long long)x->size, perm_str(x->perm), x->count,
			 size_str(x->leaf, ls, sizeof(ls)), attr_str(x->attrs, x->mair, as, sizeof(as)));
	}
	if (m->dropped)
		pasd_log("pasdouble: %s:   map: %u more ranges", rm->d->name, m->dropped);
}

/* no-QHEE: the metadata TrustZone parsed is still bridged and unchanged */
static int check_metadata(struct remote *rm, char *why, size_t wlen)
{
	const u8 *p = plat_ns_ptr(rm->meta_pa, rm->mi.meta_len);
	u8 got[32];
	u32 k;

	if (!bridge_contains(&bridges, rm->meta_pa, rm->mi.meta_len)) {
		pasd_snprintf(why, wlen, "metadata 0x%llx+0x%x is no longer inside a live SHM bridge",
			      (unsigned long long)rm->meta_pa, rm->mi.meta_len);
		return -1;
	}
	if (p)
		sha256(p, rm->mi.meta_len, got);
	for (k = 0; k < 32; k++)
		if (!p || got[k] != rm->meta_sha[k]) {
			pasd_snprintf(why, wlen, "metadata 0x%llx+0x%x changed since init_image (SHA-256)",
				      (unsigned long long)rm->meta_pa, rm->mi.meta_len);
			return -1;
		}
	return 0;
}

/* no-QHEE: bridged by bridges that cover the carveout and reach nowhere else */
static int check_carveout_bridges(const struct remote_desc *d, char *why, size_t wlen)
{
	const struct bridge *b;

	if (!bridge_covers(&bridges, d->carveout, d->size)) {
		pasd_snprintf(why, wlen, "carveout 0x%llx+0x%llx not covered by a live SHM bridge",
			      (unsigned long long)d->carveout, (unsigned long long)d->size);
		return -1;
	}
	b = bridge_find_outside(&bridges, d->carveout, d->size);
	if (b) {
		pasd_snprintf(why, wlen,
			      "SHM bridge 0x%llx (0x%llx+0x%llx) reaches beyond the carveout 0x%llx+0x%llx",
			      (unsigned long long)b->handle, (unsigned long long)b->pa,
			      (unsigned long long)b->size, (unsigned long long)d->carveout,
			      (unsigned long long)d->size);
		return -1;
	}
	return 0;
}

void pas_auth_and_reset(struct smc_regs *r)
{
	struct remote *rm = pas_lookup(r, "auth_and_reset");
	const struct remote_desc *d;
	char why[200];

	if (!rm || injected(r, rm, FK_AUTH, "auth_and_reset"))
		return;
	d = rm->d;
	if (rm->state != R_LOADING)
		return pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, "no successful init_image");
	if (rm->mi.relocatable && !rm->reloc_set)
		return pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, "relocatable image without mem_setup");
	if (!remote_dtb_ready(rm))	/* the remote boots with its DTB (qcom_pas_start's order) */
		return pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, "DTB image not authenticated");
	if (pasd_mode == MODE_NOQHEE && (check_metadata(rm, why, sizeof(why)) ||
					 check_carveout_bridges(d, why, sizeof(why))))
		return pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, why);
	if (check_hashes(rm, why, sizeof(why)))
		return pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, why);
	if (pasd_mode == MODE_QHEE && remote_walk(rm, &rres) == WALK_S1) {
		pasd_snprintf(why, sizeof(why),
			      "SID 0x%x owned by the hypervisor: Linux programmed a stage-1 STE for it",
			      d->sid);
		pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, why);
		print_map(rm, &rres.map);
		return;
	}
	if (pasd_mode == MODE_NOQHEE) {
		remote_walk(rm, &rres);
		if (!rres.ok) {
			pas_refuse(r, rm, "auth_and_reset", SCM_ERROR, rres.why);
			print_map(rm, &rres.map);
			return;
		}
		remote_set_verdict(rm, "pasdouble: %s: booted: carveout rw %s; devmem %u/%u; bridges %u",
				   d->name, rres.carveout_leaves, rres.devmem_ok, rres.devmem_n,
				   bridge_live(&bridges));
		print_map(rm, &rres.map);
	} else {
		remote_set_verdict(rm, "pasdouble: %s: booted: QHEE mode, SMMU not checked; bridges %u",
				   d->name, bridge_live(&bridges));
	}
	r->x[0] = 0;
	r->x[1] = 0;
	remote_boot(rm);
}

void pas_shutdown(struct smc_regs *r)
{
	struct remote *rm = pas_lookup(r, "shutdown");
	const char *was;

	if (!rm || injected(r, rm, FK_SHUTDOWN, "shutdown"))
		return;
	was = rm->state == R_RUNNING ? "running" : rm->state == R_CRASHED ? "crashed" :
	      rm->state == R_LOADING ? "loading" : "offline";
	/*
	 * Linux calls shutdown with its mappings in place and unmaps after it:
	 * the stream was re-walked before this call (pasd_smc); the carveouts'
	 * content is compared here, while the remote is still live.
	 */
	remote_check_content(rm, "shutdown");
	remote_shutdown(rm);
	pasd_log("pasdouble: %s: shutdown (was %s)", rm->d->name, was);
	r->x[0] = 0;
	r->x[1] = 0;
}

void pas_supported(struct smc_regs *r)
{
	r->x[1] = remote_by_pas(r->x[2]) ? 1 : 0;
	r->x[0] = 0;
}
