/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pasdouble reset entry, EL3 vectors, the return to the non-secure world,
 * and the EL2 vectors of QHEE mode (copied to NS RAM by main.c).
 * Flash at 0x0 is read-only: stacks and .bss live in secure RAM (link.ld).
 * Every CPU of virt starts here at reset (no QEMU PSCI with secure=on).
 */
#define FRAME		256	/* x0..x30 + pad */
#define STACK_SHIFT	15	/* 32 KiB of EL3 stack per CPU (link.ld) */
#define MAX_CPUS	8	/* PLAT_MAX_CPUS (pasd.h) */
#define EL2_TRAP_IMM	0xe12	/* mmio.h */

/* x0 = this CPU's position (MPIDR.Aff0); parks CPUs the double does not know */
	.macro	core_pos
	mrs	x0, mpidr_el1
	mov_aff	x1
	and	x1, x0, x1
	tst	x1, #0xffffffffffffff00	/* Aff1..Aff3 must be 0 */
	b.ne	dead
	and	x0, x0, #0xff
	cmp	x0, #MAX_CPUS
	b.hs	dead
	.endm

	.macro	mov_aff reg		/* 0xff00ffffff: the affinity fields */
	mov	\reg, #0xffffff
	movk	\reg, #0xff, lsl #32
	.endm

	/* sp = __stacks_end - pos * stack size (x0 = pos) */
	.macro	stack_for_pos
	ldr	x1, =__stacks_end
	sub	x1, x1, x0, lsl #STACK_SHIFT
	mov	sp, x1
	.endm

	.section .text.entry, "ax"
	.global _start
_start:
	core_pos
	stack_for_pos
	adr	x1, el3_vectors
	msr	vbar_el3, x1
	isb
	cbnz	x0, 3f
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	fw_main			/* CPU 0: never returns */
3:	bl	secondary_main		/* the others: the pen (main.c) */
dead:	wfi
	b	dead

/* cpu_park(pos): the caller of PSCI CPU_OFF goes back to the pen on a fresh stack */
	.global cpu_park
cpu_park:
	stack_for_pos
	b	secondary_main

/* eret_to_ns(x0, sp): ELR/SPSR_EL3 are set; reset this CPU's EL3 stack, clear the GPRs, leave */
	.global eret_to_ns
eret_to_ns:
	mov	sp, x1
	.irp n,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	mov	x\n, xzr
	.endr
	eret

	.macro	ventry kind
	.balign	0x80
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp]
	mov	x1, #\kind
	b	el3_common
	.endm

	.balign	0x800
el3_vectors:
	ventry	0	/* current EL, SP0: sync */
	ventry	1	/* irq */
	ventry	2	/* fiq */
	ventry	3	/* serror */
	ventry	4	/* current EL, SPx: sync */
	ventry	5
	ventry	6
	ventry	7
	ventry	8	/* lower EL, AArch64: sync (SMC) */
	ventry	9
	ventry	10
	ventry	11
	ventry	12	/* lower EL, AArch32 */
	ventry	13
	ventry	14
	ventry	15

el3_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	bl	el3_exception		/* returns only for a handled SMC */
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #FRAME
	eret

/*
 * QHEE mode's EL2 vectors (position independent; main.c copies them to
 * EL2_VECTORS_PA in NS RAM, since NS-EL2 cannot fetch from secure flash).
 * The double's EL2 expects no trap at all: any exception taken to EL2 makes
 * an SMC with immediate EL2_TRAP_IMM and x1 = the vector's index; EL3 prints
 * ESR_EL2/ELR_EL2/FAR_EL2 and parks the CPU.
 */
	.macro	el2_ventry kind
	.balign	0x80
	mov	x1, #\kind
	smc	#EL2_TRAP_IMM
1:	wfi
	b	1b
	.endm

	.section .rodata.el2_vectors, "a"
	.balign	0x80
	.global el2_vectors, el2_vectors_end
el2_vectors:
	.irp k,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	el2_ventry \k
	.endr
el2_vectors_end:
