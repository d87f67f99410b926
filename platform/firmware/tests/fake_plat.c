// SPDX-License-Identifier: GPL-2.0-only
/* Host stand-ins for the EL3 platform hooks: sparse NS memory, a log, GIC pends. */
#include "harness.h"

#define MAX_REGIONS 16
static struct {
	u64 pa, size;
	u8 *mem;
} regions[MAX_REGIONS];
static int nregions;

u32 fake_cr0, fake_strtab_cfg, fake_gbpa;
u64 fake_strtab_base;
unsigned int fake_pended[256], fake_npended;
char fake_log[1 << 16];

u8 *fake_mem_add(u64 pa, u64 size)
{
	regions[nregions].pa = pa;
	regions[nregions].size = size;
	regions[nregions].mem = calloc(1, size);
	return regions[nregions++].mem;
}

void fake_mem_reset(void)
{
	while (nregions)
		free(regions[--nregions].mem);
	fake_cr0 = fake_strtab_cfg = fake_gbpa = 0;
	fake_strtab_base = 0;
}

void fake_log_clear(void)
{
	fake_log[0] = 0;
	fake_npended = 0;
}

u8 *plat_ns_ptr(u64 pa, u64 len)
{
	int i;

	if (pa < NS_DRAM_BASE || pa >= NS_DRAM_END || len > NS_DRAM_END - pa)
		return NULL;
	for (i = 0; i < nregions; i++)
		if (pa >= regions[i].pa && pa + len <= regions[i].pa + regions[i].size)
			return regions[i].mem + (pa - regions[i].pa);
	return NULL;
}

void plat_pend_spi(unsigned int spi)
{
	if (fake_npended < 256)
		fake_pended[fake_npended++] = spi;
}

void plat_puts(const char *s)
{
	size_t n = strlen(fake_log);

	if (n + strlen(s) + 1 < sizeof(fake_log))
		strcat(fake_log, s);
	if (getenv("PASD_TEST_VERBOSE"))
		fputs(s, stdout);
}

int fake_rd64(void *ctx, u64 pa, u64 *v)
{
	u64 *p = (u64 *)plat_ns_ptr(pa, 8);

	(void)ctx;
	if (!p || (pa & 7))
		return -1;
	*v = *p;
	return 0;
}

u32 plat_smmu_read32(u32 off)
{
	return off == SMMU_CR0 ? fake_cr0 : off == SMMU_STRTAB_BASE_CFG ? fake_strtab_cfg :
	       off == SMMU_GBPA ? fake_gbpa : 0;
}

u64 plat_smmu_read64(u32 off)
{
	return off == SMMU_STRTAB_BASE ? fake_strtab_base : 0;
}

void plat_system_off(void)
{
}

void plat_system_reset(void)
{
}

/* CPUs: the test sets the calling CPU; wake-ups and CPU_OFF are recorded */
unsigned int fake_my_pos, fake_woken_mask, fake_cpu_offs;

unsigned int plat_my_core_pos(void)
{
	return fake_my_pos;
}

void plat_cpu_wake(unsigned int pos)
{
	fake_woken_mask |= 1u << pos;
}

void plat_cpu_off(void)
{
	fake_cpu_offs++;
}

int fake_smc(u64 x0, u64 x1, u64 x2, u64 x3, u64 x4, u64 x5, struct smc_regs *out)
{
	struct smc_regs r = { { x0, x1, x2, x3, x4, x5 } };

	pasd_smc(&r);
	if (out)
		*out = r;
	return (int)(s64)r.x[0];
}
