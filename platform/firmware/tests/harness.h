/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal KTAP test harness: CHECK() records a failure and goes on. */
#ifndef HARNESS_H
#define HARNESS_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pasd.h"

struct test {
	const char *name;
	void (*fn)(void);
};

static int cur_failed;

#define CHECK(c)                                                                  \
	do {                                                                      \
		if (!(c)) {                                                       \
			printf("# %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c); \
			cur_failed = 1;                                           \
		}                                                                 \
	} while (0)

#define CHECK_EQ(a, b)                                                            \
	do {                                                                      \
		unsigned long long _a = (unsigned long long)(a), _b = (unsigned long long)(b); \
		if (_a != _b) {                                                   \
			printf("# %s:%d: %s == 0x%llx, expected %s == 0x%llx\n", __FILE__, \
			       __LINE__, #a, _a, #b, _b);                         \
			cur_failed = 1;                                           \
		}                                                                 \
	} while (0)

#define CHECK_STR(hay, needle)                                                     \
	do {                                                                      \
		if (!strstr((hay), (needle))) {                                   \
			printf("# %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, \
			       __LINE__, (hay), (needle));                        \
			cur_failed = 1;                                           \
		}                                                                 \
	} while (0)

static inline int ktap_run(const char *suite, const struct test *t, int n)
{
	int i, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n# suite: %s\n1..%d\n", suite, n);
	for (i = 0; i < n; i++) {
		cur_failed = 0;
		t[i].fn();
		printf("%sok %d %s\n", cur_failed ? "not " : "", i + 1, t[i].name);
		failed += cur_failed;
	}
	printf("# %s: %d passed, %d failed\n", suite, n - failed, failed);
	return failed ? 1 : 0;
}

#define T(fn) { #fn, fn }
#define KTAP_MAIN(suite, ...)                                                     \
	int main(void)                                                            \
	{                                                                         \
		static const struct test tests[] = { __VA_ARGS__ };               \
		return ktap_run(suite, tests, sizeof(tests) / sizeof(tests[0]));   \
	}

/* ---- fake_plat.c ---- */
u8 *fake_mem_add(u64 pa, u64 size);
void fake_mem_reset(void);
extern u32 fake_cr0, fake_strtab_cfg, fake_gbpa;
/* the walk's memory reader over the fake NS memory (rd64_fn) */
int fake_rd64(void *ctx, u64 pa, u64 *v);
extern u64 fake_strtab_base;
extern unsigned int fake_pended[256], fake_npended;
extern char fake_log[1 << 16];
void fake_log_clear(void);
extern unsigned int fake_my_pos, fake_woken_mask, fake_cpu_offs;
int fake_smc(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5, struct smc_regs *out);

/* ---- ptgen.c: synthetic SMMUv3 structures in fake memory ---- */
void pt_init(u64 pool_pa, u64 pool_size);
/* a stream table (2-level split 8, or linear) with an S1 STE for sid; returns TTB0 */
u64 pt_setup_sid(u32 sid, int linear);
u64 pt_ste_pa(u32 sid);
u64 pt_setup_sid_ssid(u32 sid, int linear, u32 s1cdmax, u32 s1dss);
u64 pt_cd_pa(u32 sid);
/* perm: PERM_R/PERM_W plus io-pgtable's IOMMU_* flags: */
#define PT_CACHE	IOMMU_CACHE
#define PT_NOEXEC	IOMMU_NOEXEC
#define PT_MMIO		IOMMU_MMIO
#define PT_PRIV		IOMMU_PRIV	/* AP[1] clear */
u64 pt_prot_to_pte(u32 prot);
int pt_map(u64 ttb, u64 iova, u64 pa, u64 size, u64 leaf, u32 perm);
/* a devmem window as the series maps it: da -> pa in 4K pages, devmem_prot(flags) */
void pt_map_window(u64 ttb, const struct devmem *m);
void pt_unmap(u64 ttb, u64 iova, u64 size);
#endif
