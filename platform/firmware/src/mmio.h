/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef MMIO_H
#define MMIO_H
#include "pasd.h"

static inline u32 rd32(u64 a)
{
	return *(volatile u32 *)(uintptr_t)a;
}

static inline void wr32(u64 a, u32 v)
{
	*(volatile u32 *)(uintptr_t)a = v;
}

static inline u64 rd64(u64 a)
{
	return *(volatile u64 *)(uintptr_t)a;
}

#define sysreg_read(r) ({ u64 __v; __asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define sysreg_write(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)) : "memory")
#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb() __asm__ volatile("dsb sy" : : : "memory")

void uart_init(void);
void uart_puts(const char *s);
void gic_init(void);
void gic_pend_spi(unsigned int spi);
#endif
