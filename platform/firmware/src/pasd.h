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
#define MODE_QHEE	0
#define MODE_NOQHEE	1
/*
 * The mode word (ABI.md "Machine"): bits 7:0 the mode above; higher bits are
 * platform variants, kept in pasd_features (0 = the default platform).
 */
#define MODE_MASK		0xffu
#define FEAT_NO_SHM_BRIDGE	BIT(8)	/* TrustZone without SHM bridges: enable answers x1 = 4 */
#define FEAT_DTB_PROFILE	BIT(9)	/* the remote with a DTB image replaces cdsp0 (pas_id 18) */
#define FEAT_MASK		(FEAT_NO_SHM_BRIDGE | FEAT_DTB_PROFILE)

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

/* ---- tiny libc ---- */
int pasd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int pasd_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
size_t pasd_strlen(const char *s);
void pasd_strlcpy(char *dst, const char *src, size_t size);

/* ---- log: one line to the secure UART (host: captured) ---- */
void pasd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- platform hooks (hw.c on EL3, tests/fake_plat.c on the host) ---- */
/* A pointer to NS memory [pa, pa+len), or NULL if it is not NS DRAM. */
u8 *plat_ns_ptr(u64 pa, u64 len);
void plat_pend_spi(unsigned int spi);
void plat_puts(const char *s);
u32 plat_smmu_read32(u32 off);
u64 plat_smmu_read64(u32 off);
void plat_system_off(void);
void plat_system_reset(void);

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
void scm_handle(struct smc_regs *r);
void test_hooks_handle(struct smc_regs *r);

/* ---- remotes.c: the platform's remote processors (ABI.md table) ---- */
struct devmem {
	u64 addr, size;
	u32 flags;	/* 1 = R, 3 = RW */
};
struct remote_desc {
	const char *name;
	u32 pas_id;
	u64 carveout, size;
	u32 sid;
	u32 first_spi;
	const struct devmem *devmem;
	u32 n_devmem;
};
extern const struct remote_desc remote_descs[];
extern const unsigned int n_remotes;
#define NREMOTES 5
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
#define SMMU_STRTAB_BASE	0x80
#define SMMU_STRTAB_BASE_CFG	0x88
#define PERM_R 1
#define PERM_W 2
struct smmu_state {
	u32 cr0;
	u64 strtab_base;
	u32 strtab_cfg;
};
struct smmu_leaf {
	u64 iova, pa, size;
	u32 perm;
};
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
void rules_leaf(void *ctx, const struct smmu_leaf *l);
void rules_end(struct rules_ctx *c, enum walk_result wr, const char *walk_why);

/* ---- remote.c ---- */
enum rstate { R_OFFLINE, R_LOADING, R_RUNNING, R_CRASHED };
struct remote {
	const struct remote_desc *d;
	enum rstate state;
	struct mdt_info mi;
	u8 meta[MDT_MAX_META];
	bool reloc_set;
	u64 reloc_base, reloc_size;
	u32 boots, stop_bits;
	char verdict[240];
};
extern struct remote remotes[NREMOTES];
extern u32 pasd_mode;
extern u32 pasd_features;	/* FEAT_* of the mode word */
struct remote *remote_by_pas(u64 pas_id);
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

/* ---- pas.c ---- */
void pas_init_image(struct smc_regs *r);
void pas_mem_setup(struct smc_regs *r);
void pas_auth_and_reset(struct smc_regs *r);
void pas_shutdown(struct smc_regs *r);
void pas_supported(struct smc_regs *r);

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

/* reset all service state (host tests) */
void pasd_reset(u32 mode);

#endif
