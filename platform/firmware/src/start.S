/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pasdouble reset entry, EL3 vectors and the return to the non-secure world.
 * Flash at 0x0 is read-only: stack and .bss live in secure RAM (link.ld).
 */
#define FRAME	256	/* x0..x30 + pad */

	.section .text.entry, "ax"
	.global _start
_start:
	mrs	x0, mpidr_el1
	and	x0, x0, #0xffffff
	cbnz	x0, park		/* -smp 1: secondaries never run */
	ldr	x0, =__stack_top
	mov	sp, x0
	adr	x0, el3_vectors
	msr	vbar_el3, x0
	isb
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	fw_main
park:	wfe
	b	park

/* eret_to_ns(dtb): ELR_EL3/SPSR_EL3 are set; clear the GPRs and leave. */
	.global eret_to_ns
eret_to_ns:
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
