/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pasdouble: an EL3 firmware double of Qualcomm TrustZone (PSCI, SCM, SHM
 * bridge, PAS) and of the remote processors, for QEMU virt.
 * The numbers shared with the rest of the platform are in platform/ABI.md.
 *
 * Everything declared here except the plat_* hooks is pure logic: it builds
 * for EL3 and natively for the host unit tests.
 */
#ifndef PASD_H
#define PASD_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1ULL << (n))

/* ---- machine (ABI.md "Machine") ---- */
#define NS_DRAM_BASE	0x40000000ULL
#define NS_DRAM_END	0x100000000ULL	/* -m 3072 */
#define MODE_WORD_PA	0x4ffff000ULL
#define LINUX_ENTRY	0x40200000ULL
#define LINUX_DTB	0x48000000ULL
#define LINUX_INITRD	0x48100000ULL	/* the DTB may grow up to here */
#define MODE_QHEE	0	/* Linux at NS-EL1, the double's passive EL2 below it */
#define MODE_NOQHEE	1	/* Linux at NS-EL2 */
/* QHEE mode: the page of the mode word is reserved (FDT /memreserve/) and
 * holds the EL2 vectors (VBAR_EL2, 2 KiB aligned) in its upper half */
#define EL2_VECTORS_PA	0x4ffff800ULL
/*
 * The mode word (ABI.md "Machine"): bits 7:0 the mode above; higher bits are
 * platform variants, kept in pasd_features (0 = the default platform).
 */
#define MODE_MASK		0xffu
#define FEAT_NO_SHM_BRIDGE	BIT(8)	/* TrustZone without SHM bridges: enable answers x1 = 4 */
#define FEAT_DTB_PROFILE	BIT(9)	/* the remote with a DTB image replaces cdsp0 (pas_id 18) */
#define FEAT_DEVMEM_SPREAD	BIT(10)	/* the ADSP has tests/faults/devmem-spread.dtso's two extra windows */
#define FEAT_MASK		(FEAT_NO_SHM_BRIDGE | FEAT_DTB_PROFILE | FEAT_DEVMEM_SPREAD)

/* ---- SMC register frame: x0..x17 in and out ---- */
struct smc_regs {
	u64 x[18];
};

/* ---- status values (qcom_scm.h) ---- */
#define SCM_OK		0
#define SCM_ERROR	(-1)	/* refused authentication */
#define SCM_EINVAL_ARG	(-2)
#define SCM_EINVAL_ADDR	(-3)	/* bad input */
#define SCM_EOPNOTSUPP	(-4)
#define SCM_ENOMEM	(-5)
#define SMCCC_NOT_SUPPORTED (-1)

/* little-endian fields of buffers (byte accesses: any alignment) */
static inline u32 get_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}
static inline void put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

/* ---- tiny libc ---- */
int pasd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int pasd_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
size_t pasd_strlen(const char *s);
void pasd_strlcpy(char *dst, const char *src, size_t size);

/* ---- log: one line to the secure UART (host: captured) ---- */
void pasd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- platform hooks (plat.c on EL3, tests/fake_plat.c on the host) ---- */
/* A pointer to NS memory [pa, pa+len), or NULL if it is not NS DRAM. */
u8 *plat_ns_ptr(u64 pa, u64 len);
void plat_pend_spi(unsigned int spi);
void plat_puts(const char *s);
u32 plat_smmu_read32(u32 off);
u64 plat_smmu_read64(u32 off);
void plat_system_off(void);
void plat_system_reset(void);
/* CPUs (plat.c): position = MPIDR.Aff0 (ABI.md "Machine") */
#define PLAT_MAX_CPUS	8
unsigned int plat_my_core_pos(void);
void plat_cpu_wake(unsigned int pos);	/* a parked CPU: look at your PSCI state */
void plat_cpu_off(void);		/* EL3: park the calling CPU; never returns */

/* ---- sha256.c ---- */
struct sha256 {
	u32 h[8];
	u64 len;
	u8 buf[64];
	u32 fill;
};
void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, u8 out[32]);
void sha256(const void *data, size_t len, u8 out[32]);

/* ---- dispatch.c ---- */
typedef void (*smc_handler)(struct smc_regs *r);
struct smc_route {
	u32 mask, value;
	smc_handler fn;
	const char *name;
};
void smc_dispatch(const struct smc_route *tab, size_t n, struct smc_regs *r);
void pasd_smc(struct smc_regs *r);	/* the firmware's table */

void psci_handle(struct smc_regs *r);

/* ---- psci.c: CPU power states (pure; the SMC lock serialises callers) ---- */
enum psci_cpu_state { PSCI_OFF, PSCI_ON_PENDING, PSCI_ON };
struct psci_cpu {
	u32 state;
	u64 entry, context;
};
extern struct psci_cpu psci_cpus[PLAT_MAX_CPUS];
void psci_set_cpus(unsigned int n);	/* CPUs of the machine (default 1) */
unsigned int psci_ncpus(void);
void psci_reset(void);			/* CPU 0 on, the others off */
int psci_mpidr_to_pos(u64 mpidr);	/* -1: no such CPU */
u32 psci_state(unsigned int pos);	/* volatile read, for the parked CPU */
bool psci_cpu_starting(unsigned int pos, u64 *entry, u64 *context);

/* ---- el2.c: QHEE mode, Linux at EL1 under a passive EL2 (pure) ---- */
struct el2_id {		/* ID registers (and PMCR_EL0, MIDR, MPIDR) as read at EL3 */
	u64 pfr0, pfr1, pfr2, mmfr0, mmfr1, mmfr3, mmfr4, isar1, isar2, dfr0, smfr0, smidr;
	u64 pmcr, midr, mpidr;
};
struct el2_regs {	/* what to write at EL2 before entering Linux at EL1 */
	u64 hcr, hcrx, cnthctl, cptr, mdcr, sctlr_el2, sctlr_el1, vpidr, vmpidr, icc_sre;
	u64 hfgrtr, hfgwtr, hfgitr, hdfgrtr, hdfgwtr, hdfgrtr2, hdfgwtr2, zcr, smcr;
	bool has_hcrx, has_fgt, has_fgt2, has_sve, has_sme, smprimap, has_lor, has_amu;
};
void el2_for_el1(const struct el2_id *id, struct el2_regs *r);
int fdt_add_memreserve(u8 *fdt, u64 room, u64 addr, u64 size);
void scm_handle(struct smc_regs *r);
void test_hooks_handle(struct smc_regs *r);

/* ---- remotes.c: the platform's remote processors (ABI.md table) ---- */
/*
 * devmem flags: the binding's QCOM_DEVMEM_* (dt-bindings/remoteproc/qcom,pas-devmem.h):
 * READ, WRITE, DEVICE (device memory: mapped IOMMU_MMIO | IOMMU_NOEXEC)
 */
#define DEVMEM_READ	0x01
#define DEVMEM_WRITE	0x02
#define DEVMEM_DEVICE	0x04
/* IOMMU_* prot bits (include/linux/iommu.h): io-pgtable's input, the resource table's flags */
#define IOMMU_READ	0x01
#define IOMMU_WRITE	0x02
#define IOMMU_CACHE	0x04
#define IOMMU_NOEXEC	0x08
#define IOMMU_MMIO	0x10
#define IOMMU_PRIV	0x20
struct devmem {
	u64 da, size;	/* device address (IOVA) */
	u32 flags;	/* DEVMEM_* */
	u64 pa;		/* 0: identity, pa == da */
};
static inline u64 devmem_pa(const struct devmem *m)
{
	return m->pa ? m->pa : m->da;
}
/* the IOMMU_* prot a window is mapped with: READ, WRITE, DEVICE -> MMIO | NOEXEC */
u32 devmem_prot(u32 flags);
struct remote_desc {
	const char *name;
	u32 pas_id;
	u64 carveout, size;
	u32 sid;
	u32 first_spi;
	const struct devmem *devmem;
	u32 n_devmem;
	/*
	 * A remote with a DTB image (ABI.md "The DTB profile"): its own PAS id
	 * and carveout, 0 when the remote has none. One SID for both images.
	 */
	u32 dtb_pas_id;
	u64 dtb_carveout, dtb_size;
};
extern const struct remote_desc remote_descs[];
extern const unsigned int n_remotes;
#define NREMOTES 5
/* FEAT_DTB_PROFILE: remote DTB_PROFILE_IDX is remote_dtb_profile, not remote_descs[1] */
#define DTB_PROFILE_IDX 1
extern const struct remote_desc remote_dtb_profile;
const struct remote_desc *remote_desc_of(unsigned int idx, u32 features);
/* The remote's carveouts, main first, then the DTB image's: what its SID may reach */
#define MAX_CARVEOUTS 2
struct carveout {
	u64 base, size;
};
unsigned int remote_carveouts(const struct remote_desc *d, struct carveout out[MAX_CARVEOUTS]);
enum { IRQ_WDOG, IRQ_FATAL, IRQ_READY, IRQ_HANDOVER, IRQ_STOP_ACK };

/* ---- shm_bridge.c: the bridge table (pure) ---- */
#define MAX_BRIDGES 64
struct bridge {
	u64 pa, size, handle;
	u32 ns_perm, s_perm;
	bool live;
};
struct bridge_table {
	struct bridge b[MAX_BRIDGES];
	u64 next_handle;
	bool enabled;	/* Linux's SHM_BRIDGE_ENABLE answered 0: TZ reaches bridged memory only */
};
void bridge_reset(struct bridge_table *t);
/* returns 0 and the handle, or a negative status with a reason */
int bridge_create(struct bridge_table *t, u64 pfn_ns, u64 ipfn_s, u64 size_flags,
		  u64 vmids, u64 *handle, char *why, size_t wlen);
int bridge_delete(struct bridge_table *t, u64 handle, char *why, size_t wlen);
bool bridge_contains(const struct bridge_table *t, u64 pa, u64 size);	/* one bridge */
bool bridge_covers(const struct bridge_table *t, u64 pa, u64 size);	/* union */
unsigned int bridge_live(const struct bridge_table *t);
unsigned int bridge_overlapping(const struct bridge_table *t, u64 pa, u64 size);
/* the first live bridge overlapping [pa, pa+size) / overlapping it but reaching outside */
const struct bridge *bridge_find_overlap(const struct bridge_table *t, u64 pa, u64 size);
const struct bridge *bridge_find_outside(const struct bridge_table *t, u64 pa, u64 size);
#define SHMBRIDGE_RESULT_NOTSUPP 4	/* SHM_BRIDGE_ENABLE result[0]: no SHM bridges */
extern struct bridge_table bridges;
void shm_bridge_enable(struct smc_regs *r);
void shm_bridge_create_smc(struct smc_regs *r);
void shm_bridge_delete_smc(struct smc_regs *r);

/* ---- mdt.c: PAS metadata (pure) ---- */
#define MDT_MAX_PHNUM	96
#define MDT_MAX_META	(52 + 32 * MDT_MAX_PHNUM + 32 * MDT_MAX_PHNUM)
#define PT_NULL		0
#define PT_LOAD		1
#define MDT_HASH_FLAGS_MASK	(7u << 24)
#define MDT_HASH_FLAGS_VAL	(2u << 24)
#define MDT_RELOCATABLE		(1u << 27)
struct mdt_phdr {
	u32 type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
struct mdt_info {
	u32 phnum;
	u32 hdr_size;		/* phdr0.p_filesz */
	u32 hash_idx;		/* index of the hash segment */
	u32 hash_size;
	u32 meta_len;		/* hdr_size + hash_size */
	bool relocatable;
	u64 min_paddr, max_end;	/* over loadable segments; max_end 4K aligned */
	struct mdt_phdr ph[MDT_MAX_PHNUM];
};
/* Parse the ELF header + phdrs (first 52+32n bytes). */
int mdt_parse_header(const u8 *buf, u64 len, struct mdt_info *mi, char *why, size_t wlen);
/* Check the hash segment (buf holds the whole blob of mi->meta_len bytes). */
int mdt_check_hashseg(const u8 *blob, const struct mdt_info *mi, char *why, size_t wlen);
bool mdt_loadable(const struct mdt_info *mi, u32 i);
const u8 *mdt_digest(const u8 *blob, const struct mdt_info *mi, u32 i);

/* ---- smmu_walk.c (pure, memory read by callback) ---- */
#define SMMU_CR0		0x20
#define SMMU_GBPA		0x44
#define SMMU_STRTAB_BASE	0x80
#define SMMU_STRTAB_BASE_CFG	0x88
#define PERM_R 1
#define PERM_W 2
struct smmu_state {
	u32 cr0;
	u64 strtab_base;
	u32 strtab_cfg;
	u32 gbpa;	/* what traffic does while SMMUEN = 0 */
};
/* leaf attributes, table descriptors' UXN/PXN/APTable[0] folded in */
#define LEAF_UXN	0x1u	/* bit 54: no unprivileged execution */
#define LEAF_PXN	0x2u	/* bit 53: no privileged execution */
#define LEAF_UNPRIV	0x4u	/* AP[1], bit 6: unprivileged access allowed */
struct smmu_leaf {
	u64 iova, pa, size;
	u32 perm;	/* PERM_R | PERM_W (AP[2], APTable[1], DBM with HD) */
	u32 attrs;	/* LEAF_* */
	u8 mair;	/* the CD's MAIR byte selected by AttrIndx (bits 4:2) */
};
bool mair_is_device(u8 attr);
bool mair_is_wb(u8 attr);	/* Normal, inner and outer write-back */
const char *attr_str(u32 attrs, u8 mair, char *buf, size_t len);
typedef int (*rd64_fn)(void *ctx, u64 pa, u64 *val);	/* 0 ok */
typedef void (*leaf_fn)(void *ctx, const struct smmu_leaf *l);
enum walk_result {
	WALK_S1 = 0,	/* stage-1 tables walked, leaves reported */
	WALK_NONE,	/* no translation for the SID (reason in why) */
	WALK_BYPASS,	/* the SID bypasses the SMMU: everything reachable */
	WALK_ERROR,	/* malformed or unsupported structure (reason in why) */
};
enum walk_result smmu_walk_sid(const struct smmu_state *s, u32 sid, rd64_fn rd, void *rctx,
			       leaf_fn fn, void *lctx, char *why, size_t wlen);

/* coalesced ranges */
#define MAX_RANGES 48
struct map_range {
	u64 iova, pa, size, leaf;
	u32 perm, count;
	u32 attrs;
	u8 mair;
};
struct map_summary {
	struct map_range r[MAX_RANGES];
	u32 n;
	u32 dropped;		/* ranges beyond MAX_RANGES */
	u64 leaves;
};
void map_summary_add(struct map_summary *m, const struct smmu_leaf *l);
int map_format(const struct map_summary *m, char *buf, size_t len);
const char *perm_str(u32 perm);
const char *size_str(u64 sz, char *buf, size_t len);

/* ---- rules.c: the TrustZone mapping rules (pure) ---- */
struct rules_result {
	bool ok;
	char why[200];
	u32 devmem_ok, devmem_n;
	char carveout_leaves[64];	/* e.g. "15x2M" */
	u64 leaves;
	struct map_summary map;
};
void rules_check(const struct remote_desc *d, enum walk_result wr, const char *walk_why,
		 const struct smmu_leaf *leaves, u64 n, struct rules_result *res);
/* streaming form: init, feed leaves in ascending IOVA order, finish */
struct rules_ctx;
struct rules_ctx *rules_begin(const struct remote_desc *d, struct rules_result *res);
void rules_require_only(struct rules_ctx *c, u64 base);
void rules_leaf(void *ctx, const struct smmu_leaf *l);
void rules_end(struct rules_ctx *c, enum walk_result wr, const char *walk_why);

/* ---- remote.c ---- */
enum rstate { R_OFFLINE, R_LOADING, R_RUNNING, R_CRASHED };
#define HASH_CHUNKS	512		/* per carveout; a chunk is >= 64 KiB */
#define HASH_CHUNK_MIN	0x10000ULL
struct remote {
	const struct remote_desc *d;
	enum rstate state;
	struct mdt_info mi;
	u8 meta[MDT_MAX_META];
	u64 meta_pa;		/* where init_image read the metadata ... */
	u8 meta_sha[32];	/* ... and its SHA-256, checked again at auth_and_reset */
	bool reloc_set;
	u64 reloc_base, reloc_size;
	u32 boots, stop_bits;
	char verdict[320];
	/*
	 * NULL for a remote; for the slot of a DTB image (its own PAS id, state,
	 * metadata and carveout, d->carveout), the remote it belongs to: rules
	 * and verdicts are the owner's, and its auth raises no interrupt.
	 */
	struct remote *owner;
	/*
	 * Live checks (ABI.md "Remote behaviour"): from a successful auth until
	 * shutdown the stream is re-walked at every SCM call and event, and the
	 * carveouts' content, hashed per chunk at auth, is compared at shutdown
	 * and at every crash. A violation is an SMMU fault: FAULTED.
	 */
	u32 faults;		/* since the machine started; never cleared */
	bool faulted;		/* this run faulted: no more checks until the next boot */
	char last_fault[320];	/* kept for the audit when a later boot overwrites the verdict */
	u32 n_hashed;		/* carveouts hashed at auth (0: none readable) */
	u64 rsc_required;	/* rsc mode small: the size asked for, 0 until the first call */
	/*
	 * PAS_GET_RSCTABLE answers that handed Linux a table (x0 = 0; a DTB
	 * image's pas_id counts for its remote) since the machine started:
	 * PASD_COUNTERS x4, so that the scenarios can see that every boot asked
	 * for the table anew.
	 */
	u32 rsc_tables;
	u64 chunk_hash[MAX_CARVEOUTS][HASH_CHUNKS];
};
extern struct remote remotes[NREMOTES];
extern struct remote remote_dtb_image;	/* the DTB image of the DTB profile's remote */
extern u32 pasd_mode;
extern u32 pasd_features;	/* FEAT_* of the mode word */
struct remote *remote_by_pas(u64 pas_id);	/* a remote, or a DTB image's slot */
/* true when rm has no DTB image or its DTB image is authenticated (and not shut down) */
bool remote_dtb_ready(const struct remote *rm);
void remote_reset_all(void);
void remote_set_verdict(struct remote *rm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void remote_pend(struct remote *rm, int which);
void remote_boot(struct remote *rm);
void remote_shutdown(struct remote *rm);
int remote_stop_state(struct remote *rm, u32 bits);
int remote_crash(struct remote *rm, u32 kind);
/* walk the live SMMU for the remote's SID; fills res (rules) */
enum walk_result remote_walk(struct remote *rm, struct rules_result *res);
/* running or crashed: from a successful auth_and_reset until shutdown */
bool remote_live(const struct remote *rm);
/* re-walk every live remote's stream (no-QHEE); when = the SCM call or event */
void remote_check_live(const char *when);
/* compare rm's carveouts with their hashes taken at auth (if rm is live) */
void remote_check_content(struct remote *rm, const char *when);
/* an SMMU fault: FAULTED verdict, faults + 1, a running remote crashes (fatal SPI) */
void remote_fault(struct remote *rm, const char *when, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* fast non-cryptographic 64-bit hash of words (8-byte aligned), 4 lanes */
u64 pasd_hash64(const u64 *p, u64 words, u64 seed);
/* leaves of one set of Linux's mappings: carveouts and devmem as iommu_map() splits them */
u64 remote_expected_leaves(const struct remote_desc *d, u64 *carveout, u64 *devmem);
const char *walk_result_str(enum walk_result wr);	/* stage1, none, bypass, error */
/* the audit line of ABI.md (PASD_AUDIT): leaves=N bridges=N stream=S faults=N[ last-fault: ...] */
enum walk_result remote_audit(struct remote *rm, u64 *leaves, u64 *bridges, char *buf, size_t len);

/* ---- pas.c ---- */
void pas_init_image(struct smc_regs *r);
void pas_mem_setup(struct smc_regs *r);
void pas_auth_and_reset(struct smc_regs *r);
void pas_shutdown(struct smc_regs *r);
void pas_supported(struct smc_regs *r);
/* the remote of x2 (pas_id), or NULL after answering -3; a refusal: verdict REFUSED, x0 = st */
struct remote *pas_lookup(struct smc_regs *r, const char *call);
void pas_refuse(struct smc_regs *r, struct remote *rm, const char *call, s64 st, const char *why);

/* ---- rsc.c: PAS_GET_RSCTABLE (SCM PIL 0x21; ABI.md "Resource table") ---- */
#define RSC_WORD_PA	(MODE_WORD_PA + 4)	/* 4 bits per remote idx: its rsc mode */
enum rsc_mode {
	RSC_NONE,	/* old TrustZone: no such call (x0 = -1) */
	RSC_TABLE,	/* the remote's windows (facts) */
	RSC_SMALL,	/* RSCTABLE_BUFFER_NOT_SUFFICIENT first, then the table */
	/* hostile tables Linux must refuse */
	RSC_SIZE, RSC_NUM, RSC_OFFSET, RSC_OVERLAP, RSC_CARVEOUT, RSC_RAM, RSC_RESERVED,
	RSC_NMODES
};
#define RSC_BUFFER_NOT_SUFFICIENT	20	/* result[1] */
#define RSC_DEVMEM	1			/* resource type RSC_DEVMEM */
extern u32 pasd_rsc;	/* the rsc word, unknown modes cleared */
/* set the rsc word; returns the bits ignored (unknown modes, no such remote) */
u32 rsc_set_word(u32 word);
u32 rsc_mode_of(unsigned int idx);
/* the rsc mode of a remote (a DTB image's slot: its remote's) */
u32 rsc_mode_of_remote(const struct remote *rm);
const char *rsc_mode_name(u32 mode);
/* "adsp:table,cdsp0:none,...": the remotes of the platform variant */
void rsc_describe(char *buf, size_t len);
bool rsc_available(void);	/* IS_CALL_AVAIL(PIL, 0x21): some remote not none */
void pas_get_rsctable(struct smc_regs *r);

/* ---- test_hooks.c: fault injection ---- */
enum fault_kind {
	FK_INIT_IMAGE = 1, FK_MEM_SETUP, FK_AUTH, FK_BRIDGE_CREATE, FK_BRIDGE_DELETE,
	FK_SHUTDOWN, FK_SILENT, FK_MAX
};
/* true (and *status set) if this call of kind k must fail */
bool fault_hit(enum fault_kind k, s64 *status);
void fault_reset(void);

/* ---- scm.c ---- */
bool scm_is_available(u32 svc_cmd);
/*
 * SCM arguments (qcom_scm-smc.c): x1 = arginfo, nargs in bits 3:0; x2..x5 =
 * args[0..3], or with more than 4, x5 = the PA of a buffer of le64
 * args[3..nargs-1]. scm_arg_buf: true and the buffer with more than 4;
 * scm_arg: false for i >= nargs or an argument buffer that is not NS DRAM.
 */
#define SCM_NARGS(r)	((u32)(r)->x[1] & 0xf)
bool scm_arg_buf(const struct smc_regs *r, u64 *pa, u64 *len);
bool scm_arg(const struct smc_regs *r, unsigned int i, u64 *out);

/* reset all service state (host tests) */
void pasd_reset(u32 mode);

#endif
