// SPDX-License-Identifier: GPL-2.0-only
/*
 * PAS metadata as Linux sends it to INIT_IMAGE (mdt_loader.c): the ELF32
 * header and program headers (phdr0.p_filesz bytes), followed by the hash
 * segment. Our hash format (ABI.md): one SHA-256 digest per program header,
 * zero for phdr0 and for the hash segment itself.
 * All reads are byte-wise: the buffer may be unaligned and EL3 runs MMU-off.
 */
#include "pasd.h"

#define EHDR_SIZE	52
#define PHDR_SIZE	32

static u32 le16(const u8 *p)
{
	return p[0] | (u32)p[1] << 8;
}

static int fail(char *why, size_t wlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t wlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pasd_vsnprintf(why, wlen, fmt, ap);
	va_end(ap);
	return SCM_EINVAL_ADDR;
}

bool mdt_loadable(const struct mdt_info *mi, u32 i)
{
	const struct mdt_phdr *p = &mi->ph[i];

	return p->type == PT_LOAD && i != mi->hash_idx && p->memsz != 0;
}

int mdt_parse_header(const u8 *b, u64 len, struct mdt_info *mi, char *why, size_t wlen)
{
	u32 phoff, phnum, shnum, shentsize, i;
	bool found = false;

	if (len < EHDR_SIZE)
		return fail(why, wlen, "metadata too short (%llu bytes)", (unsigned long long)len);
	if (b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F')
		return fail(why, wlen, "bad ELF magic %02x %02x %02x %02x", b[0], b[1], b[2], b[3]);
	if (b[4] != 1 || b[5] != 1)
		return fail(why, wlen, "not ELF32 little-endian (class %u data %u)", b[4], b[5]);
	phoff = get_le32(b + 28);
	if (le16(b + 42) != PHDR_SIZE)
		return fail(why, wlen, "e_phentsize %u != 32", le16(b + 42));
	phnum = le16(b + 44);
	shentsize = le16(b + 46);
	shnum = le16(b + 48);
	if (shnum && shentsize != 40)
		return fail(why, wlen, "e_shentsize %u != 40", shentsize);
	if (phoff != EHDR_SIZE)
		return fail(why, wlen, "e_phoff %u != 52", phoff);
	if (phnum < 2 || phnum > MDT_MAX_PHNUM)
		return fail(why, wlen, "e_phnum %u out of range 2..%u", phnum, MDT_MAX_PHNUM);
	if (len < EHDR_SIZE + (u64)PHDR_SIZE * phnum)
		return fail(why, wlen, "metadata too short for %u program headers", phnum);

	mi->phnum = phnum;
	mi->relocatable = false;
	mi->min_paddr = ~0ULL;
	mi->max_end = 0;
	mi->hash_idx = 0;
	for (i = 0; i < phnum; i++) {
		const u8 *p = b + EHDR_SIZE + PHDR_SIZE * i;
		struct mdt_phdr *ph = &mi->ph[i];

		ph->type = get_le32(p);
		ph->offset = get_le32(p + 4);
		ph->vaddr = get_le32(p + 8);
		ph->paddr = get_le32(p + 12);
		ph->filesz = get_le32(p + 16);
		ph->memsz = get_le32(p + 20);
		ph->flags = get_le32(p + 24);
		ph->align = get_le32(p + 28);
		if (i && !found && (ph->flags & MDT_HASH_FLAGS_MASK) == MDT_HASH_FLAGS_VAL) {
			mi->hash_idx = i;
			found = true;
		}
	}
	if (mi->ph[0].type == PT_LOAD)
		return fail(why, wlen, "phdr0 is PT_LOAD");
	mi->hdr_size = mi->ph[0].filesz;
	if (mi->hdr_size != EHDR_SIZE + PHDR_SIZE * phnum)
		return fail(why, wlen, "phdr0 p_filesz %u != %u", mi->hdr_size,
			    EHDR_SIZE + PHDR_SIZE * phnum);
	if (!found)
		return fail(why, wlen, "no hash segment");
	mi->hash_size = mi->ph[mi->hash_idx].filesz;
	if (mi->hash_size != 32 * phnum)
		return fail(why, wlen, "hash segment %u bytes, expected %u (SHA-256 per phdr)",
			    mi->hash_size, 32 * phnum);
	mi->meta_len = mi->hdr_size + mi->hash_size;
	for (i = 1; i < phnum; i++) {
		const struct mdt_phdr *ph = &mi->ph[i];

		if (!mdt_loadable(mi, i))
			continue;
		if (ph->filesz > ph->memsz)
			return fail(why, wlen, "segment %u p_filesz 0x%x > p_memsz 0x%x", i,
				    ph->filesz, ph->memsz);
		if (ph->flags & MDT_RELOCATABLE)
			mi->relocatable = true;
		if (ph->paddr < mi->min_paddr)
			mi->min_paddr = ph->paddr;
		if (((u64)ph->paddr + ph->memsz + 0xfff) / 0x1000 * 0x1000 > mi->max_end)
			mi->max_end = ((u64)ph->paddr + ph->memsz + 0xfff) / 0x1000 * 0x1000;
	}
	if (!mi->max_end)
		return fail(why, wlen, "no loadable segment");
	return 0;
}

const u8 *mdt_digest(const u8 *blob, const struct mdt_info *mi, u32 i)
{
	return blob + mi->hdr_size + 32 * i;
}

int mdt_check_hashseg(const u8 *blob, const struct mdt_info *mi, char *why, size_t wlen)
{
	static const u8 zero[32];
	u32 i, k;

	for (i = 0; i < mi->phnum; i++) {
		const u8 *d = mdt_digest(blob, mi, i);
		bool z = true;

		for (k = 0; k < 32; k++)
			z &= d[k] == zero[k];
		if ((i == 0 || i == mi->hash_idx) && !z)
			return fail(why, wlen, "digest %u of a non-loadable header is not zero", i);
	}
	return 0;
}
