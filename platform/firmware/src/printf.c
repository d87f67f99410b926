// SPDX-License-Identifier: GPL-2.0-only
/* A tiny vsnprintf: %s %c %d %i %u %x %X %p %%, flags '#' '0' '-', width, l/ll/z. */
#include "pasd.h"

size_t pasd_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void pasd_strlcpy(char *dst, const char *src, size_t size)
{
	size_t i = 0;

	if (!size)
		return;
	for (; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = 0;
}

struct out {
	char *buf;
	size_t size, pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void num(struct out *o, u64 v, unsigned int base, bool neg, bool upper,
		bool alt, bool zero, bool left, int width)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, pad;

	do {
		tmp[n++] = dig[v % base];
		v /= base;
	} while (v);
	len = n + (neg ? 1 : 0) + (alt ? 2 : 0);
	pad = width > len ? width - len : 0;
	if (!left && !zero)
		while (pad-- > 0)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (alt) {
		put(o, '0');
		put(o, upper ? 'X' : 'x');
	}
	if (!left && zero)
		while (pad-- > 0)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (left)
		while (pad-- > 0)
			put(o, ' ');
}

int pasd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool alt = false, zero = false, left = false;
		int width = 0, lng = 0;
		u64 v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '#')
				alt = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len, pad;

			if (!s)
				s = "(null)";
			len = (int)pasd_strlen(s);
			pad = width > len ? width - len : 0;
			if (!left)
				while (pad-- > 0)
					put(&o, ' ');
			while (*s)
				put(&o, *s++);
			if (left)
				while (pad-- > 0)
					put(&o, ' ');
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i': {
			s64 sv = lng ? va_arg(ap, s64) : va_arg(ap, int);

			num(&o, sv < 0 ? (u64)-sv : (u64)sv, 10, sv < 0, false, false, zero, left, width);
			break;
		}
		case 'u':
			v = lng ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			num(&o, v, 10, false, false, false, zero, left, width);
			break;
		case 'x':
		case 'X':
			v = lng ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			num(&o, v, 16, false, *fmt == 'X', alt, zero, left, width);
			break;
		case 'p':
			num(&o, (u64)(uintptr_t)va_arg(ap, void *), 16, false, false, true, false, false, 0);
			break;
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = 0;
	return (int)o.pos;
}

int pasd_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = pasd_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* One line on the secure UART; the caller gives no trailing newline. */
void pasd_log(const char *fmt, ...)
{
	char line[320];
	va_list ap;

	va_start(ap, fmt);
	pasd_vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	plat_puts(line);
	plat_puts("\n");
}
