/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef MDTGEN_H
#define MDTGEN_H
#include "pasd.h"

struct mdtgen_opts {
	unsigned long long base, size, seed;
	unsigned int nseg, segsz, bss, stride;
	int relocatable;
	const char *bad;	/* NULL/"" or a malformation kind (see mkmdt --help) */
};

/* malloc()s the whole .mbn file; returns 0, or -1 with err set */
int mdtgen(const struct mdtgen_opts *o, unsigned char **image, unsigned int *len, char *err,
	   size_t errlen);
#endif
