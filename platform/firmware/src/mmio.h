/* SPDX-License-Identifier: GPL-2.0-only */
/* EL3-only declarations: MMIO and system registers, and the hardware files. */
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
#define dmb() __asm__ volatile("dmb sy" : : : "memory")

/* uart.c */
void uart_init(void);
void uart_puts(const char *s);

/* gic.c */
void gic_dist_init(void);
unsigned int gic_cpu_count(void);
void gic_cpu_init(void);
void gic_pen_enter(void);
void gic_pen_ack(void);
void gic_pen_leave(void);
void gic_wake_cpu(unsigned int pos);
void gic_pend_spi(unsigned int spi);

/* plat.c: the SMC lock */
void plat_lock(void);
void plat_unlock(void);
bool plat_lock_held_by_me(void);

/* start.S */
void eret_to_ns(u64 x0, u64 sp) __attribute__((noreturn));
void cpu_park(unsigned int pos) __attribute__((noreturn));	/* new stack, secondary_main() */
extern const u8 el2_vectors[], el2_vectors_end[];
#define EL2_TRAP_IMM	0xe12	/* the SMC immediate of the EL2 vectors */

/* main.c */
void fw_main(void) __attribute__((noreturn));
void secondary_main(unsigned int pos) __attribute__((noreturn));
void el3_exception(u64 *frame, u64 kind);
#endif
