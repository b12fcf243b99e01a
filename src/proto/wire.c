/* wire.c - frame layout, CRCs and verdict words; no I/O. */
#include "wire.h"
#include "wire_be.h"

#include <string.h>
#include <zlib.h>

uint32_t wire_crc32(const uint8_t *p, size_t n)
{
	return (uint32_t)crc32(crc32(0L, Z_NULL, 0), p, (uInt)n);
}

size_t wire_encode(uint8_t *out, uint8_t type, uint16_t seq,
                   const uint8_t *payload, size_t len)
{
	if (len > WIRE_MAX_PAYLOAD)
		return 0;
	out[0] = WIRE_MAGIC;
	out[1] = type;
	put16(out + 2, seq);
	put16(out + 4, (uint16_t)len);
	put16(out + 6, (uint16_t)wire_crc32(out, 6));
	if (len)
		memcpy(out + WIRE_HDR, payload, len);
	put32(out + WIRE_HDR + len, wire_crc32(out, WIRE_HDR + len));
	return WIRE_HDR + len + WIRE_TRAILER;
}

uint32_t wire_frame_crc(const uint8_t *frame, size_t n)
{
	return get32(frame + n - WIRE_TRAILER);
}

int wire_check_header(const uint8_t *hdr)
{
	unsigned len = get16(hdr + 4);

	if (hdr[0] != WIRE_MAGIC || hdr[1] < WIRE_HELLO || hdr[1] > WIRE_BYE)
		return -1;
	if (len > WIRE_MAX_PAYLOAD)
		return -1;
	if (get16(hdr + 6) != (uint16_t)wire_crc32(hdr, 6))
		return -1;
	return (int)len;
}

long wire_frame_len(const uint8_t *p, size_t have)
{
	int len;

	if (have < 1)
		return 0;
	if (p[0] == WIRE_SHORT_MAGIC)
		return have < 2 ? 0 : 2L + p[1] + WIRE_TRAILER;
	if (p[0] != WIRE_MAGIC)
		return -1;
	if (have < WIRE_HDR)
		return 0;
	if ((len = wire_check_header(p)) < 0)
		return -1;
	return (long)WIRE_HDR + len + WIRE_TRAILER;
}

static int check_crc(const uint8_t *buf, size_t n)
{
	return get32(buf + n - WIRE_TRAILER) == wire_crc32(buf, n - WIRE_TRAILER) ? 0 : -1;
}

int wire_decode(const uint8_t *buf, size_t n, struct wire_frame *f)
{
	int len;

	if (n >= 2 + WIRE_TRAILER && buf[0] == WIRE_SHORT_MAGIC) {
		if (n != 2 + (size_t)buf[1] + WIRE_TRAILER || check_crc(buf, n) < 0)
			return -1;
		f->type = WIRE_SHORT;
		f->seq = 0;
		f->len = buf[1];
		f->payload = buf + 2;
		return 0;
	}
	if (n < WIRE_HDR + WIRE_TRAILER || (len = wire_check_header(buf)) < 0)
		return -1;
	if (n != (size_t)len + WIRE_HDR + WIRE_TRAILER)
		return -1;
	if (check_crc(buf, n) < 0)
		return -1;
	f->type = buf[1];
	f->seq = get16(buf + 2);
	f->len = (uint16_t)len;
	f->payload = buf + WIRE_HDR;
	return 0;
}


uint16_t wire_frame_seq(const uint8_t *frame)
{
	return frame[0] == WIRE_MAGIC ? get16(frame + 2) : 0;
}

/* The check half of a verdict is derived from the frame's CRC, so a word
 * left over from an earlier frame, or echoes read as a verdict, fail it. */
static uint16_t verdict_check(uint32_t fcrc, uint8_t status, uint8_t info)
{
	uint8_t b[6];

	put32(b, fcrc);
	b[4] = status;
	b[5] = info;
	return (uint16_t)(wire_crc32(b, 6) >> 16);
}

uint32_t wire_verdict(uint32_t fcrc, uint8_t status, uint8_t info)
{
	return (uint32_t)status << 24 | (uint32_t)info << 16 |
	       verdict_check(fcrc, status, info);
}

int wire_verdict_parse(uint32_t word, uint32_t fcrc, uint8_t *status,
                       uint8_t *info)
{
	uint8_t s = word >> 24, i = word >> 16;

	if (s == 0 || (uint16_t)word != verdict_check(fcrc, s, i))
		return -1;
	*status = s;
	*info = i;
	return 0;
}

size_t wire_hello_pack(uint8_t *out, const struct wire_hello *h)
{
	out[0] = h->version;
	out[1] = h->flags;
	put32(out + 2, h->caps);
	put16(out + 6, h->cpu);
	put64(out + 8, h->total);
	if (!(h->caps & WIRE_CAP_FAST))
		return 16;
	put64(out + 16, h->key);
	return 24;
}

/* Later versions may append fields; a longer HELLO is still understood. */
int wire_hello_parse(const uint8_t *p, size_t n, struct wire_hello *h)
{
	if (n < 16)
		return -1;
	h->version = p[0];
	h->flags = p[1];
	h->caps = get32(p + 2);
	h->cpu = get16(p + 6);
	h->total = get64(p + 8);
	h->key = n >= 24 ? get64(p + 16) : 0;
	if (n < 24)  /* the fast transport is asked for only with its key */
		h->caps &= ~(uint32_t)WIRE_CAP_FAST;
	return 0;
}

size_t wire_file_pack(uint8_t *out, const struct wire_file *f)
{
	size_t nl = strlen(f->name);

	if (nl > WIRE_MAX_NAME)
		nl = WIRE_MAX_NAME;
	put64(out, f->size);
	out[8] = (uint8_t)nl;
	memcpy(out + 9, f->name, nl);
	return 9 + nl;
}

int wire_file_parse(const uint8_t *p, size_t n, struct wire_file *f)
{
	if (n < 9 || n != 9 + (size_t)p[8])
		return -1;
	f->size = get64(p);
	memcpy(f->name, p + 9, p[8]);
	f->name[p[8]] = '\0';
	if (memchr(f->name, '\0', p[8]))
		return -1;
	return 0;
}

size_t wire_end_pack(uint8_t *out, const struct wire_end *e)
{
	put64(out, e->total);
	put64(out + 8, e->hash);
	return 16;
}

int wire_end_parse(const uint8_t *p, size_t n, struct wire_end *e)
{
	if (n != 16)
		return -1;
	e->total = get64(p);
	e->hash = get64(p + 8);
	return 0;
}

size_t wire_result_pack(uint8_t *out, const struct wire_end *e, uint8_t status)
{
	wire_end_pack(out, e);
	out[16] = status;
	return 17;
}

int wire_result_parse(const uint8_t *p, size_t n, struct wire_end *e, uint8_t *status)
{
	if (n != 17 || wire_end_parse(p, 16, e) < 0)
		return -1;
	*status = p[16];
	return 0;
}

size_t wire_short_encode(uint8_t *out, const struct wire_short *s)
{
	size_t nl = strlen(s->name), body = WIRE_SHORT_FIXED + nl + s->len;

	if (body > WIRE_SHORT_MAX)
		return 0;
	out[0] = WIRE_SHORT_MAGIC;
	out[1] = (uint8_t)body;
	out[2] = s->flags;
	out[3] = s->caps;
	out[4] = s->cpu;
	put64(out + 5, s->hash);
	out[13] = (uint8_t)nl;
	memcpy(out + 14, s->name, nl);
	if (s->len)
		memcpy(out + 14 + nl, s->data, s->len);
	put32(out + 2 + body, wire_crc32(out, 2 + body));
	return 2 + body + WIRE_TRAILER;
}

int wire_short_parse(const uint8_t *p, size_t n, struct wire_short *s)
{
	size_t nl;

	if (n < WIRE_SHORT_FIXED || (nl = p[11]) > n - WIRE_SHORT_FIXED)
		return -1;
	s->flags = p[0];
	s->caps = p[1];
	s->cpu = p[2];
	s->hash = get64(p + 3);
	memcpy(s->name, p + 12, nl);
	s->name[nl] = '\0';
	if (memchr(s->name, '\0', nl))
		return -1;
	s->data = p + 12 + nl;
	s->len = n - WIRE_SHORT_FIXED - nl;
	return 0;
}
