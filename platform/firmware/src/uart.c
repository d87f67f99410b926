// SPDX-License-Identifier: GPL-2.0-only
/* The secure PL011 at 0x09040000: the double's console. */
#include "mmio.h"

#define UART		0x09040000ULL
#define UARTDR		0x00
#define UARTFR		0x18
#define UARTFR_TXFF	(1u << 5)
#define UARTIBRD	0x24
#define UARTFBRD	0x28
#define UARTLCR_H	0x2c
#define UARTCR		0x30

void uart_init(void)
{
	wr32(UART + UARTCR, 0);
	wr32(UART + UARTIBRD, 13);	/* 115200 from 24 MHz; QEMU ignores it */
	wr32(UART + UARTFBRD, 1);
	wr32(UART + UARTLCR_H, 0x70);	/* 8N1, FIFO on */
	wr32(UART + UARTCR, 0x301);	/* UARTEN | TXE | RXE */
}

static void uart_putc(char c)
{
	while (rd32(UART + UARTFR) & UARTFR_TXFF)
		;
	wr32(UART + UARTDR, (u8)c);
}

void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}
