// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAS_GET_RSCTABLE (SCM PIL 0x21, ABI.md "Resource table"): args pas_id,
 * input table PA, input size, output buffer PA, output size (five: the last
 * two in the buffer at x5). TrustZone takes an empty input resource table and
 * answers the remote's RSC_DEVMEM windows: x0 status, x1 result[0] = 0,
 * x2 result[1] (20: RSCTABLE_BUFFER_NOT_SUFFICIENT), x3 result[2] = the
 * table's size (or the size needed). With SHM bridges enabled the three
 * buffers must each lie inside one live bridge. What a remote answers is its
 * rsc mode (the rsc word): none (an old TrustZone without the call), table,
 * small (too small once per boot), or a hostile table that Linux must refuse.
 */
#include "pasd.h"

#define RSC_HDR		16	/* struct resource_table: ver, num, reserved[2] */
#define RSC_ENTRY	56	/* u32 type + struct fw_rsc_devmem (da, pa, len, flags, reserved, name[32]) */
#define RSC_NAME	32
#define RSC_MAX_WINDOWS	24
#define RSC_ARGS	5
/* the hostile tables' changes (ABI.md) */
#define RSC_HOSTILE_NUM		0x10000		/* header num: offsets run past the table */
#define RSC_HOSTILE_SIZE	0x10000		/* success size beyond the output buffer */
#define RSC_HOSTILE_RAM_PA	0x41000000ULL	/* RAM Linux manages */
/* a window for remotes that have none, so every hostile table has entries */
#define RSC_SYNTH_DA		0x00100000ULL

u32 pasd_rsc;

static const char *const mode_names[RSC_NMODES] = {
	"none", "table", "small", "size", "num", "offset", "overlap", "carveout", "ram", "reserved",
};

static u8 table[RSC_HDR + RSC_MAX_WINDOWS * (4 + RSC_ENTRY)];	/* .bss: off the EL3 stack */

u32 rsc_set_word(u32 word)
{
	u32 ignored = 0, i;

	for (i = 0; i < 8; i++) {
		u32 m = (word >> (4 * i)) & 0xf;

		if (m && (i >= NREMOTES || m >= RSC_NMODES))
			ignored |= 0xfu << (4 * i);
	}
	pasd_rsc = word & ~ignored;
	return word & ignored;
}

u32 rsc_mode_of(unsigned int idx)
{
	return idx < NREMOTES ? (pasd_rsc >> (4 * idx)) & 0xf : RSC_NONE;
}

u32 rsc_mode_of_remote(const struct remote *rm)
{
	unsigned int i;

	if (rm->owner)
		rm = rm->owner;
	for (i = 0; i < NREMOTES; i++)
		if (rm == &remotes[i])
			return rsc_mode_of(i);
	return RSC_NONE;
}

const char *rsc_mode_name(u32 mode)
{
	return mode < RSC_NMODES ? mode_names[mode] : "?";
}

void rsc_describe(char *buf, size_t len)
{
	size_t pos = 0;
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < NREMOTES && pos < len; i++)
		pos += pasd_snprintf(buf + pos, len - pos, "%s%s:%s", i ? "," : "",
				     remote_desc_of(i, pasd_features)->name,
				     rsc_mode_name(rsc_mode_of(i)));
}

bool rsc_available(void)
{
	return pasd_rsc != 0;
}

/* the windows of the table: the remote's facts, changed as a hostile mode says */
static u32 windows(const struct remote_desc *d, u32 mode, struct devmem w[RSC_MAX_WINDOWS])
{
	u32 n = 0, want = mode == RSC_OVERLAP ? 2 : mode >= RSC_OFFSET ? 1 : 0;

	for (; n < d->n_devmem && n < RSC_MAX_WINDOWS; n++) {
		w[n] = d->devmem[n];
		w[n].pa = devmem_pa(&d->devmem[n]);	/* explicit: da may change below */
	}
	for (; n < want; n++)
		w[n] = (struct devmem){ .da = RSC_SYNTH_DA + 0x2000 * n, .size = 0x2000,
					.flags = DEVMEM_READ | DEVMEM_WRITE | DEVMEM_DEVICE,
					.pa = RSC_SYNTH_DA + 0x2000 * n };
	if (mode == RSC_OVERLAP)	/* window 1 starts inside window 0 */
		w[1] = (struct devmem){ .da = w[0].da + 0x1000, .pa = w[0].pa + 0x1000,
					.size = w[0].size, .flags = w[0].flags };
	else if (mode == RSC_CARVEOUT)	/* straddles the carveout's end */
		w[0].da = d->carveout + d->size - 0x1000;
	else if (mode == RSC_RAM)
		w[0].pa = RSC_HOSTILE_RAM_PA;
	return n;
}

/* the table into `table`; returns its size */
static u32 build(const struct remote_desc *d, u32 mode)
{
	struct devmem w[RSC_MAX_WINDOWS];
	u32 n = windows(d, mode, w), size = RSC_HDR + n * (4 + RSC_ENTRY), i, k;

	for (i = 0; i < size; i++)
		table[i] = 0;
	put_le32(table, 1);					/* ver */
	put_le32(table + 4, mode == RSC_NUM ? RSC_HOSTILE_NUM : n);
	for (i = 0; i < n; i++) {
		u32 off = RSC_HDR + 4 * n + i * RSC_ENTRY;
		u8 *e = table + off;
		char name[RSC_NAME];

		put_le32(table + RSC_HDR + 4 * i, mode == RSC_OFFSET && i == n - 1 ? size : off);
		put_le32(e, RSC_DEVMEM);
		put_le32(e + 4, (u32)w[i].da);
		put_le32(e + 8, (u32)w[i].pa);
		put_le32(e + 12, (u32)w[i].size);
		put_le32(e + 16, devmem_prot(w[i].flags));
		put_le32(e + 20, mode == RSC_RESERVED && i == 0);	/* reserved */
		pasd_snprintf(name, sizeof(name), "%s-win%u", d->name, i);
		for (k = 0; k < RSC_NAME && name[k]; k++)
			e[24 + k] = (u8)name[k];
	}
	return size;
}

static bool bridged(u64 pa, u64 size)
{
	return !bridges.enabled || bridge_contains(&bridges, pa, size);
}

static void refuse(struct smc_regs *r, struct remote *rm, s64 st, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void refuse(struct smc_regs *r, struct remote *rm, s64 st, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	va_start(ap, fmt);
	pasd_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pas_refuse(r, rm, "get_rsctable", st, why);
}

/* RSC_SIZE's claim: success with a size RSC_HOSTILE_SIZE past the buffer */
static u64 hostile_size(u64 len)
{
	return len + RSC_HOSTILE_SIZE;
}

void pas_get_rsctable(struct smc_regs *r)
{
	u64 a[RSC_ARGS] = { r->x[2], r->x[3], r->x[4] }, bpa = 0, blen = 0, need;
	struct remote *rm = pas_lookup(r, "get_rsctable");
	u32 mode, size, i;
	const u8 *in;
	u8 *out;

	r->x[2] = 0;	/* result[1], result[2]: never an argument left over (20: NOT_SUFFICIENT) */
	r->x[3] = 0;
	if (!rm)
		return;
	rm = rm->owner ? rm->owner : rm;	/* a DTB image: its remote's table */
	mode = rsc_mode_of_remote(rm);
	if (mode == RSC_NONE) {
		pasd_log("pasdouble: %s: get_rsctable: no such call in this TrustZone (rsc none): -1",
			 rm->d->name);
		r->x[0] = (u64)(s64)SCM_ERROR;
		r->x[1] = 0;
		return;
	}
	if (SCM_NARGS(r) != RSC_ARGS)
		return refuse(r, rm, SCM_EINVAL_ADDR, "arginfo 0x%llx: %u arguments, not %u",
			      (unsigned long long)r->x[1], SCM_NARGS(r), RSC_ARGS);
	scm_arg_buf(r, &bpa, &blen);
	if (!bridged(bpa, blen))
		return refuse(r, rm, SCM_ERROR, "argument buffer 0x%llx+0x%llx is not inside a live SHM bridge",
			      (unsigned long long)bpa, (unsigned long long)blen);
	for (i = 3; i < RSC_ARGS; i++)	/* args[0..2] are x2..x4 */
		if (!scm_arg(r, i, &a[i]))
			return refuse(r, rm, SCM_EINVAL_ADDR, "argument buffer 0x%llx+0x%llx is not NS DRAM",
				      (unsigned long long)bpa, (unsigned long long)blen);
	if (!bridged(a[1], a[2]))
		return refuse(r, rm, SCM_ERROR, "input table 0x%llx+0x%llx is not inside a live SHM bridge",
			      (unsigned long long)a[1], (unsigned long long)a[2]);
	in = a[2] >= RSC_HDR ? plat_ns_ptr(a[1], RSC_HDR) : NULL;
	if (!in)
		return refuse(r, rm, SCM_ERROR, "input table 0x%llx+0x%llx: not %u bytes of NS DRAM",
			      (unsigned long long)a[1], (unsigned long long)a[2], RSC_HDR);
	/* mainline sends an all-zero header, our 6.12 series ver 1: both are empty */
	if (get_le32(in) > 1 || get_le32(in + 4) || get_le32(in + 8) || get_le32(in + 12))
		return refuse(r, rm, SCM_ERROR,
			      "input table 0x%llx: ver %u num %u reserved %u %u (only an empty table: ver 0 or 1, num 0)",
			      (unsigned long long)a[1], get_le32(in), get_le32(in + 4), get_le32(in + 8),
			      get_le32(in + 12));
	if (!bridged(a[3], a[4]))
		return refuse(r, rm, SCM_ERROR, "output buffer 0x%llx+0x%llx is not inside a live SHM bridge",
			      (unsigned long long)a[3], (unsigned long long)a[4]);
	out = a[4] ? plat_ns_ptr(a[3], a[4]) : NULL;
	if (!out)
		return refuse(r, rm, SCM_ERROR, "output buffer 0x%llx+0x%llx is not NS DRAM",
			      (unsigned long long)a[3], (unsigned long long)a[4]);

	size = build(rm->d, mode);
	need = size;
	if (mode == RSC_SMALL) {	/* once per boot: more than the buffer given */
		if (!rm->rsc_required)
			rm->rsc_required = ((size > a[4] ? size : a[4]) + 0x1000) & ~0xfffULL;
		need = rm->rsc_required;
	}
	if (a[4] < need) {
		pasd_log("pasdouble: %s: get_rsctable: output buffer 0x%llx < 0x%llx bytes: RSCTABLE_BUFFER_NOT_SUFFICIENT",
			 rm->d->name, (unsigned long long)a[4], (unsigned long long)need);
		r->x[0] = (u64)(s64)SCM_ERROR;
		r->x[1] = 0;
		r->x[2] = RSC_BUFFER_NOT_SUFFICIENT;
		r->x[3] = need;
		return;
	}
	for (i = 0; i < size; i++)
		out[i] = table[i];
	rm->rsc_tables++;	/* PASD_COUNTERS: one table a start, recovery included */
	pasd_log("pasdouble: %s: get_rsctable (rsc %s): %u devmem entries, 0x%x bytes%s", rm->d->name,
		 rsc_mode_name(mode), get_le32(table + 4), size, mode >= RSC_SIZE ? " (hostile)" : "");
	if (mode == RSC_SIZE)
		pasd_log("pasdouble: %s: get_rsctable: claims 0x%llx bytes for the 0x%llx byte buffer at 0x%llx",
			 rm->d->name, (unsigned long long)hostile_size(a[4]),
			 (unsigned long long)a[4], (unsigned long long)a[3]);
	r->x[0] = 0;
	r->x[1] = 0;
	r->x[2] = 0;
	r->x[3] = mode == RSC_SIZE ? hostile_size(a[4]) : size;
}
