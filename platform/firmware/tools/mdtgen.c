// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MBN generator shared by mkmdt and the host unit tests.
 * Layout: ELF32 LE header (e_phoff 52, e_phentsize 32), phdr0 PT_NULL with
 * p_filesz = 52 + 32n, phdr1 = hash segment (PT_NULL, flags 0x02200000) at
 * file offset 0x1000 holding one SHA-256 per program header (zero for phdr0
 * and the hash segment), then PT_LOAD segments at 4K-aligned file offsets
 * with paddr inside the carveout and a deterministic pseudo-random payload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdtgen.h"

#define HASH_OFF 0x1000

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(unsigned char *p, unsigned int v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

int mdtgen(const struct mdtgen_opts *o, unsigned char **image, unsigned int *len, char *err,
	   size_t errlen)
{
	unsigned long long base = o->base, size = o->size, seed = o->seed;
	unsigned int nseg = o->nseg, segsz = o->segsz, bss = o->bss, stride = o->stride;
	const char *bad = o->bad ? o->bad : "";
	int reloc = o->relocatable;
	unsigned int phnum, hdr, fsize, off, first;
	unsigned char *f;

	if (nseg < 1 || nseg > MDT_MAX_PHNUM - 2 || !segsz) {
		snprintf(err, errlen, "bad segment count/size");
		return -1;
	}
	if ((unsigned long long)stride * (nseg - 1) + segsz + bss > size) {
		snprintf(err, errlen, "%u segments of 0x%x every 0x%x do not fit in 0x%llx",
			 nseg, segsz, stride, size);
		return -1;
	}
	phnum = 2 + nseg;
	hdr = 52 + 32 * phnum;
	off = (HASH_OFF + 32 * phnum + 0xfff) & ~0xfffu;
	first = off;
	fsize = off + nseg * ((segsz + 0xfff) & ~0xfffu);
	f = calloc(1, fsize);
	if (!f)
		return -1;

	/* ELF header */
	memcpy(f, "\177ELF", 4);
	f[4] = 1;	/* ELFCLASS32 */
	f[5] = 1;	/* ELFDATA2LSB */
	f[6] = 1;	/* EV_CURRENT */
	put16(f + 16, 2);		/* ET_EXEC */
	put16(f + 18, 164);		/* EM_QDSP6 */
	put32(f + 20, 1);
	put32(f + 24, (unsigned int)base);	/* e_entry */
	put32(f + 28, 52);		/* e_phoff */
	put16(f + 40, 52);		/* e_ehsize */
	put16(f + 42, 32);		/* e_phentsize */
	put16(f + 44, phnum);
	put16(f + 46, 0);		/* e_shentsize */

	/* phdr0: the ELF header + phdrs; phdr1: hash segment */
	put32(f + 52 + 0, PT_NULL);
	put32(f + 52 + 16, hdr);
	put32(f + 52 + 24, 0x07000000);
	put32(f + 84 + 0, PT_NULL);
	put32(f + 84 + 4, HASH_OFF);
	put32(f + 84 + 16, 32 * phnum);
	put32(f + 84 + 24, 0x02200000);
	put32(f + 84 + 28, 0x1000);

	for (unsigned int s = 0; s < nseg; s++) {
		unsigned char *ph = f + 52 + 32 * (2 + s);
		unsigned int pa = (unsigned int)(base + (unsigned long long)stride * s);
		unsigned int memsz = segsz + (s == nseg - 1 ? bss : 0);
		unsigned long long x = seed * 0x9e3779b97f4a7c15ULL + s + 1;
		unsigned char *data = f + off;

		for (unsigned int k = 0; k < segsz; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			data[k] = (unsigned char)(x >> 32);
		}
		put32(ph + 0, PT_LOAD);
		put32(ph + 4, off);
		put32(ph + 8, pa);
		put32(ph + 12, pa);
		put32(ph + 16, segsz);
		put32(ph + 20, memsz);
		put32(ph + 24, (s ? 6 : 5) | (reloc ? MDT_RELOCATABLE : 0));
		put32(ph + 28, 0x1000);
		sha256(data, segsz, f + HASH_OFF + 32 * (2 + s));
		off += (segsz + 0xfff) & ~0xfffu;
	}

	/* malformations */
	if (!*bad) {
	} else if (!strcmp(bad, "magic")) {
		f[1] = 'X';
	} else if (!strcmp(bad, "class")) {
		f[4] = 2;
	} else if (!strcmp(bad, "phentsize")) {
		put16(f + 42, 56);
	} else if (!strcmp(bad, "phdr0-load")) {
		put32(f + 52, PT_LOAD);
	} else if (!strcmp(bad, "phdr0-size")) {
		put32(f + 52 + 16, hdr + 32);
	} else if (!strcmp(bad, "nohash")) {
		put32(f + 84 + 24, 0);
	} else if (!strcmp(bad, "hash-size")) {
		put32(f + 84 + 16, 32 * phnum - 32);
	} else if (!strcmp(bad, "hash-nonzero")) {
		f[HASH_OFF] ^= 1;
	} else if (!strcmp(bad, "digest")) {
		f[HASH_OFF + 32 * 2 + 5] ^= 0x40;
	} else if (!strcmp(bad, "payload")) {
		f[first + 17] ^= 0x01;
	} else if (!strcmp(bad, "outside")) {
		unsigned char *ph = f + 52 + 32 * (2 + nseg - 1);

		put32(ph + 8, (unsigned int)(base + size - 0x1000));
		put32(ph + 12, (unsigned int)(base + size - 0x1000));
	} else if (!strcmp(bad, "filesz")) {
		put32(f + 52 + 32 * 2 + 20, segsz - 0x1000);
	} else {
		snprintf(err, errlen, "unknown --bad kind '%s'", bad);
		free(f);
		return -1;
	}

	*image = f;
	*len = fsize;
	return 0;
}
