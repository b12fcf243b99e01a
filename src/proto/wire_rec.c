/* wire_rec.c - the fast transport's tags, records and probe; no I/O. */
#include "wire_rec.h"
#include "wire_be.h"

#include <xxhash.h>

uint64_t wire_tag(const uint8_t *p, size_t n, uint64_t key)
{
	return (uint64_t)XXH3_64bits_withSeed(p, n, key);
}

size_t wire_seal(uint8_t *frame, size_t n, uint64_t key)
{
	put64(frame + n, wire_tag(frame, n, key));
	return n + WIRE_TAG;
}

int wire_sealed(const uint8_t *buf, size_t n, uint64_t key)
{
	if (n < WIRE_TAG || get64(buf + n - WIRE_TAG) != wire_tag(buf, n - WIRE_TAG, key))
		return -1;
	return 0;
}

void wire_record(uint8_t *out, uint8_t kind, uint64_t arg, uint64_t key)
{
	out[0] = WIRE_REC_MAGIC;
	out[1] = kind;
	put16(out + 2, (uint16_t)(arg >> 32));
	put32(out + 4, (uint32_t)arg);
	put64(out + 8, wire_tag(out, 8, key));
}

int wire_record_parse(const uint8_t *p, uint64_t key, uint8_t *kind, uint64_t *arg)
{
	if (p[0] != WIRE_REC_MAGIC || get64(p + 8) != wire_tag(p, 8, key))
		return -1;
	*kind = p[1];
	*arg = (uint64_t)get16(p + 2) << 32 | get32(p + 4);
	return 0;
}

void wire_probe(uint8_t *out, uint64_t key)
{
	wire_record(out, WIRE_REC_ASK, WIRE_PROBE, key);
	put64(out + WIRE_REC, wire_tag(out, WIRE_REC, key));
	put64(out + WIRE_REC + 8, wire_tag(out, WIRE_REC + 8, key));
	put32(out + WIRE_REC + 16, (uint32_t)wire_tag(out, WIRE_REC + 16, key));
}

unsigned wire_probe_width(const uint8_t *p, uint64_t key)
{
	unsigned width = 24;
	uint8_t kind;
	uint64_t arg;

	if (wire_record_parse(p, key, &kind, &arg) < 0 || kind != WIRE_REC_ASK ||
	    get64(p + WIRE_REC) != wire_tag(p, WIRE_REC, key))
		return 0;
	if (get64(p + WIRE_REC + 8) == wire_tag(p, WIRE_REC + 8, key))
		width = get32(p + WIRE_REC + 16) == (uint32_t)wire_tag(p, WIRE_REC + 16, key) ? WIRE_PROBE : 32;
	return arg < width && (arg == 24 || arg == 32) ? (unsigned)arg : width;
}
