// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkmdt: write a Qualcomm-style single-file MBN (MDT + segments) that the
 * pasdouble accepts, or a malformed one on request.
 *
 * Layout: ELF32 LE header (e_phoff 52, e_phentsize 32), phdr0 PT_NULL with
 * p_filesz = 52 + 32n, phdr1 = hash segment (PT_NULL, flags 0x02200000) at
 * file offset 0x1000 holding one SHA-256 per program header (zero for phdr0
 * and the hash segment), then PT_LOAD segments at 4K-aligned file offsets
 * with paddr inside the carveout and a deterministic pseudo-random payload.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdtgen.h"

static void usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: mkmdt -o FILE (--remote NAME | --base PA [--size SIZE]) [options]\n"
		"  --segments N     PT_LOAD segments (default 3)\n"
		"  --seg-size B     bytes per segment file image (default 0x10000)\n"
		"  --bss B          extra p_memsz beyond p_filesz on the last segment (default 0x4000)\n"
		"  --stride B       distance between segments in the carveout (default 0x100000,\n"
		"                   less when N segments do not fit, e.g. in a DTB carveout)\n"
		"  --seed S         payload seed (default: the base address)\n"
		"  --relocatable    set QCOM_MDT_RELOCATABLE (BIT(27)) on the PT_LOAD segments\n"
		"  --bad KIND       write a malformed image: magic, class, phentsize, phdr0-load,\n"
		"                   phdr0-size, nohash, hash-size, hash-nonzero, digest, payload,\n"
		"                   outside, filesz\n"
		"  --list           print the remotes (name pas_id carveout size sid), the DTB\n"
		"                   profile's too; NAME/dtb is a remote's DTB image (its own\n"
		"                   pas_id and carveout)\n");
	exit(rc);
}

/* the remotes of both profiles (ABI.md), and the DTB images as NAME/dtb */
static const struct remote_desc *const all_descs[] = {
	&remote_descs[0], &remote_descs[1], &remote_descs[2], &remote_descs[3], &remote_descs[4],
	&remote_dtb_profile,
};

static void list(void)
{
	for (unsigned int k = 0; k < ARRAY_SIZE(all_descs); k++) {
		const struct remote_desc *d = all_descs[k];

		printf("%s %u 0x%llx 0x%llx 0x%x\n", d->name, d->pas_id,
		       (unsigned long long)d->carveout, (unsigned long long)d->size, d->sid);
		if (d->dtb_pas_id)
			printf("%s/dtb %u 0x%llx 0x%llx 0x%x\n", d->name, d->dtb_pas_id,
			       (unsigned long long)d->dtb_carveout, (unsigned long long)d->dtb_size,
			       d->sid);
	}
}

/* NAME or NAME/dtb -> carveout; 0 if unknown */
static int lookup(const char *rname, unsigned long long *base, unsigned long long *size)
{
	size_t n = strlen(rname);
	int dtb = n > 4 && !strcmp(rname + n - 4, "/dtb");

	for (unsigned int k = 0; k < ARRAY_SIZE(all_descs); k++) {
		const struct remote_desc *d = all_descs[k];

		if (strncmp(d->name, rname, dtb ? n - 4 : n) || d->name[dtb ? n - 4 : n])
			continue;
		if (dtb && !d->dtb_pas_id)
			return 0;
		*base = dtb ? d->dtb_carveout : d->carveout;
		*size = dtb ? d->dtb_size : d->size;
		return 1;
	}
	return 0;
}

static unsigned long long num(const char *s)
{
	char *e;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &e, 0);
	if (errno || *e) {
		fprintf(stderr, "mkmdt: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *bad = "", *rname = NULL;
	unsigned long long base = 0, size = 0x1e00000, seed = 0;
	unsigned int nseg = 3, segsz = 0x10000, bss = 0x4000, stride = 0x100000;
	int reloc = 0, have_base = 0, have_seed = 0, have_stride = 0, i;
	unsigned int fsize;
	char err[160];
	unsigned char *f;
	FILE *fp;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage(0);
		if (!strcmp(a, "--list")) {
			list();
			return 0;
		}
		if (!strcmp(a, "--relocatable")) {
			reloc = 1;
			continue;
		}
		if (!v)
			usage(2);
		i++;
		if (!strcmp(a, "-o"))
			out = v;
		else if (!strcmp(a, "--remote"))
			rname = v;
		else if (!strcmp(a, "--base"))
			base = num(v), have_base = 1;
		else if (!strcmp(a, "--size"))
			size = num(v);
		else if (!strcmp(a, "--segments"))
			nseg = num(v);
		else if (!strcmp(a, "--seg-size"))
			segsz = num(v);
		else if (!strcmp(a, "--bss"))
			bss = num(v);
		else if (!strcmp(a, "--stride"))
			stride = num(v), have_stride = 1;
		else if (!strcmp(a, "--seed"))
			seed = num(v), have_seed = 1;
		else if (!strcmp(a, "--bad"))
			bad = v;
		else
			usage(2);
	}
	if (rname) {
		have_base = lookup(rname, &base, &size);
		if (!have_base) {
			fprintf(stderr, "mkmdt: unknown remote '%s' (see --list)\n", rname);
			return 2;
		}
	}
	if (!out || !have_base || nseg < 1 || nseg > MDT_MAX_PHNUM - 2 || !segsz)
		usage(2);
	if (!have_seed)
		seed = base;
	/* a small carveout (a DTB image's): spread the segments over it instead */
	if (!have_stride && nseg > 1 && (unsigned long long)stride * (nseg - 1) + segsz + bss > size)
		stride = (unsigned int)(((size - segsz - bss) / (nseg - 1)) & ~0xfffULL);
	{
		struct mdtgen_opts o = { base, size, seed, nseg, segsz, bss, stride, reloc, bad };

		if (mdtgen(&o, &f, &fsize, err, sizeof(err))) {
			fprintf(stderr, "mkmdt: %s\n", err);
			return 2;
		}
	}
	fp = fopen(out, "wb");
	if (!fp || fwrite(f, 1, fsize, fp) != fsize || fclose(fp)) {
		perror(out);
		return 1;
	}
	free(f);
	return 0;
}
