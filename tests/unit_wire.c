/* unit_wire - the frame codec: golden vectors pin the wire format, then
 * a flipped bit, a truncated frame and hostile lengths must be refused. */
#include <stdint.h>
#include <string.h>

#include "unit.h"
#include "wire.h"
#include "wire_be.h"
#include "wire_rec.h"

/* Computed independently (Python's zlib.crc32 over the documented layout). */
#define GOLDEN_HELLO "4d010000001081c5010000000000ffffffffffffffffffff27597ec6"
#define GOLDEN_DATA "4d0300070002b5686869fb06a92e"
#define GOLDEN_END "4d0412340010dced00000000000000060123456789abcdef26cb26ce"
#define GOLDEN_VERDICT 0x01005749u
/* sigsend -m hi on CPU 0: the short frame of minitalk(7)'s example. */
#define GOLDEN_SHORT "4e0f010200b34d1a3ab2bece700068690ab24a4975"
#define GOLDEN_SHORT_VERDICT 0x010059beu

static void hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Golden vectors: if one of these changes, the protocol changed. */
static void test_golden(void)
{
	uint8_t f[WIRE_MAX_FRAME], p[64];
	char h[2 * WIRE_MAX_FRAME + 1];
	struct wire_hello hello = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN, 0 };
	struct wire_end end = { 6, 0x0123456789abcdefULL };
	size_t n;

	n = wire_encode(f, WIRE_HELLO, 0, p, wire_hello_pack(p, &hello));
	hex(f, n, h);
	CHECK(!strcmp(h, GOLDEN_HELLO));
	n = wire_encode(f, WIRE_DATA, 7, (const uint8_t *)"hi", 2);
	hex(f, n, h);
	CHECK(!strcmp(h, GOLDEN_DATA));
	n = wire_encode(f, WIRE_END, 0x1234, p, wire_end_pack(p, &end));
	hex(f, n, h);
	CHECK(!strcmp(h, GOLDEN_END));
	CHECK_EQ(wire_verdict(0xdeadbeef, WIRE_ST_OK, 0), GOLDEN_VERDICT);
	CHECK_EQ(wire_crc32((const uint8_t *)"123456789", 9), 0xcbf43926);
}

/* The short frame: golden bytes, decoding, its body, and refusals. */
static void test_short(void)
{
	uint8_t f[WIRE_MAX_FRAME], big[WIRE_SHORT_MAX];
	char h[2 * WIRE_MAX_FRAME + 1];
	struct wire_short s = { WIRE_HELLO_COLOCATE, WIRE_CAP_REPLY, 0, 0xb34d1a3ab2bece70ULL, "",
	                        (const uint8_t *)"hi\n", 3 }, t;
	struct wire_frame fr;
	size_t n;

	n = wire_short_encode(f, &s);
	hex(f, n, h);
	CHECK(!strcmp(h, GOLDEN_SHORT));
	CHECK_EQ(wire_frame_len(f, 1), 0);
	CHECK_EQ(wire_frame_len(f, 2), (long)n);
	CHECK(wire_decode(f, n, &fr) == 0);
	CHECK_EQ(fr.type, WIRE_SHORT);
	CHECK_EQ(fr.seq, 0);
	CHECK(wire_short_parse(fr.payload, fr.len, &t) == 0);
	CHECK(t.flags == s.flags && t.cpu == 0 && t.hash == s.hash && !t.name[0]);
	CHECK(t.len == 3 && !memcmp(t.data, "hi\n", 3));
	CHECK_EQ(wire_verdict(wire_frame_crc(f, n), WIRE_ST_OK, 0), GOLDEN_SHORT_VERDICT);
	f[9] ^= 0x10;  /* a flipped bit in the hash */
	CHECK(wire_decode(f, n, &fr) < 0);
	f[9] ^= 0x10;
	CHECK(wire_decode(f, n - 1, &fr) < 0);
	/* A name and data that do not fit are refused, not cut. */
	memset(big, 'x', sizeof big);
	s.data = big;
	s.len = WIRE_SHORT_MAX - WIRE_SHORT_FIXED;
	CHECK(wire_short_encode(f, &s) == WIRE_SHORT_MAX + 6);
	s.len++;
	CHECK_EQ(wire_short_encode(f, &s), 0);
	/* A name length past the body. */
	n = wire_short_encode(f, &(struct wire_short){ 0, 0, 0xff, 0, "a", big, 1 });
	CHECK(wire_decode(f, n, &fr) == 0);
	CHECK(wire_short_parse(fr.payload, fr.len, &t) == 0 && !strcmp(t.name, "a"));
	CHECK(wire_short_parse(fr.payload, WIRE_SHORT_FIXED, &t) < 0);
}

static void test_roundtrip(void)
{
	uint8_t f[WIRE_MAX_FRAME], p[WIRE_MAX_PAYLOAD];
	struct wire_frame fr;
	struct wire_file wf = { 12345, "notes.txt" }, wf2;
	size_t n, i;

	for (i = 0; i < sizeof p; i++)
		p[i] = (uint8_t)(i * 7 + 3);
	n = wire_encode(f, WIRE_DATA, 65535, p, sizeof p);
	CHECK_EQ(n, WIRE_MAX_FRAME);
	CHECK(wire_decode(f, n, &fr) == 0);
	CHECK_EQ(fr.type, WIRE_DATA);
	CHECK_EQ(fr.seq, 65535);
	CHECK_EQ(fr.len, sizeof p);
	CHECK(!memcmp(fr.payload, p, sizeof p));
	CHECK_EQ(wire_encode(f, WIRE_DATA, 0, p, WIRE_MAX_PAYLOAD + 1), 0);

	n = wire_encode(f, WIRE_FILE, 1, p, wire_file_pack(p, &wf));
	CHECK(wire_decode(f, n, &fr) == 0);
	CHECK(wire_file_parse(fr.payload, fr.len, &wf2) == 0);
	CHECK_EQ(wf2.size, 12345);
	CHECK(!strcmp(wf2.name, "notes.txt"));
}

/* Every single flipped bit of a frame must be caught. */
static void test_flipped_bits(void)
{
	uint8_t f[WIRE_MAX_FRAME];
	struct wire_frame fr;
	size_t n = wire_encode(f, WIRE_DATA, 3, (const uint8_t *)"hello, world", 12), i;
	int caught = 0;

	for (i = 0; i < n * 8; i++) {
		f[i / 8] ^= (uint8_t)(0x80 >> (i % 8));
		caught += wire_decode(f, n, &fr) < 0;
		f[i / 8] ^= (uint8_t)(0x80 >> (i % 8));
	}
	CHECK_EQ(caught, n * 8);
	CHECK(wire_decode(f, n, &fr) == 0);
}

static void test_truncated_and_hostile(void)
{
	uint8_t f[WIRE_MAX_FRAME + 16];
	struct wire_frame fr;
	struct wire_file wf;
	struct wire_end e;
	size_t n = wire_encode(f, WIRE_DATA, 3, (const uint8_t *)"abcdef", 6), k;

	for (k = 0; k < n; k++)
		CHECK(wire_decode(f, k, &fr) < 0);
	CHECK(wire_decode(f, n + 1, &fr) < 0);

	/* Any flipped bit of the header is caught by hcrc before its length is
	 * trusted: a length that still looks plausible is refused too. */
	for (k = 0; k < WIRE_HDR * 8; k++) {
		f[k / 8] ^= (uint8_t)(0x80 >> (k % 8));
		CHECK(wire_check_header(f) < 0);
		CHECK(wire_frame_len(f, WIRE_HDR) < 0);
		f[k / 8] ^= (uint8_t)(0x80 >> (k % 8));
	}
	CHECK_EQ(wire_frame_len(f, WIRE_HDR), (long)n);

	/* A header claiming more than the maximum payload, with a valid hcrc. */
	f[4] = 0xff;
	f[5] = 0xff;
	{
		uint32_t c = wire_crc32(f, 6);
		f[6] = (uint8_t)(c >> 8);
		f[7] = (uint8_t)c;
	}
	CHECK(wire_check_header(f) < 0);
	f[0] = 'X';
	CHECK(wire_check_header(f) < 0);

	/* Payloads whose inner lengths lie. */
	memset(f, 0, 16);
	f[8] = 200;
	CHECK(wire_file_parse(f, 9 + 10, &wf) < 0);
	CHECK(wire_file_parse(f, 8, &wf) < 0);
	f[8] = 2;
	f[9] = 'a';
	f[10] = '\0';
	CHECK(wire_file_parse(f, 11, &wf) < 0);  /* NUL inside a name */
	CHECK(wire_end_parse(f, 15, &e) < 0);
}

static void test_verdicts(void)
{
	uint8_t st, info;
	uint32_t w = wire_verdict(0x11223344, WIRE_ST_HASH, 9);

	CHECK(wire_verdict_parse(w, 0x11223344, &st, &info) == 0);
	CHECK_EQ(st, WIRE_ST_HASH);
	CHECK_EQ(info, 9);
	CHECK(wire_verdict_parse(w, 0x11223345, &st, &info) < 0);  /* other frame */
	CHECK(wire_verdict_parse(w ^ 0x100, 0x11223344, &st, &info) < 0);
	CHECK(wire_verdict_parse(0, 0x11223344, &st, &info) < 0);  /* echoed zeros */
}

/* The fast transport's binding: golden tags under one key (if these
 * change, the protocol changed), and nothing passes under another key or
 * with a byte changed. */
#define KEY 0x0123456789abcdefULL

static void test_keyed(void)
{
	uint8_t f[WIRE_MAX_FRAME + WIRE_TAG], r[WIRE_REC], p[WIRE_PROBE], kind;
	char h[2 * (WIRE_MAX_FRAME + WIRE_TAG) + 1];
	struct wire_hello hello = { WIRE_VERSION, 0, WIRE_CAP_FAST, WIRE_CPU_NONE, 9, KEY }, back;
	uint64_t arg;
	size_t n, i;

	n = wire_encode(f, WIRE_DATA, 7, (const uint8_t *)"hi", 2);
	n = wire_seal(f, n, KEY);
	hex(f, n, h);
	CHECK(!strcmp(h, "4d0300070002b5686869fb06a92e2e5475939c2b6b24"));
	CHECK_EQ(wire_sealed(f, n, KEY), 0);
	CHECK(wire_sealed(f, n, KEY ^ 1) < 0);
	for (i = 0; i < n; i++) {
		f[i] ^= 0x10;
		CHECK(wire_sealed(f, n, KEY) < 0);
		f[i] ^= 0x10;
	}
	CHECK_EQ(wire_frame_seq(f), 7);
	wire_record(r, WIRE_REC_VERDICT, 7 << 16 | WIRE_ST_OK << 8, KEY);
	hex(r, WIRE_REC, h);
	CHECK(!strcmp(h, "5202000000070100a8686e1f3f9ef234"));
	CHECK_EQ(wire_record_parse(r, KEY, &kind, &arg), 0);
	CHECK_EQ(kind, WIRE_REC_VERDICT);
	CHECK_EQ(arg, 7 << 16 | WIRE_ST_OK << 8);
	CHECK(wire_record_parse(r, KEY + 1, &kind, &arg) < 0);
	r[7] ^= 1;  /* another status, the same tag */
	CHECK(wire_record_parse(r, KEY, &kind, &arg) < 0);
	wire_record(r, WIRE_REC_RESYNC, 0, KEY);
	hex(r, WIRE_REC, h);
	CHECK(!strcmp(h, "5204000000000000170769471fa9334e"));
	/* The probe: 36 bytes whole under its key only, 32 where the last 4
	 * are lost (the padding after si_code), 24 where more of the last 12
	 * are (an older sender's uid), and its first 8 bytes and the 8 of its
	 * second signal make the record ASK (a narrow link). */
	wire_probe(p, KEY);
	CHECK_EQ(wire_probe_width(p, KEY), 36);
	CHECK_EQ(wire_probe_width(p, KEY ^ 4), 0);
	memcpy(r, p, 8);
	memcpy(r + 8, p + 8, 8);
	CHECK_EQ(wire_record_parse(r, KEY, &kind, &arg), 0);
	CHECK_EQ(kind, WIRE_REC_ASK);
	CHECK_EQ(arg, 36);
	for (i = 0; i < 36; i++) {  /* any one byte lost */
		p[i] ^= 0x10;
		CHECK_EQ(wire_probe_width(p, KEY), i < 24 ? 0u : i < 32 ? 24u : 32u);
		p[i] ^= 0x10;
	}
	memset(p + 32, 0, 4);  /* the padding cleared (32-bit, an older build) */
	CHECK_EQ(wire_probe_width(p, KEY), 32);
	memset(p + 24, 0, 8);  /* si_uid and si_errno cleared too */
	CHECK_EQ(wire_probe_width(p, KEY), 24);
	memset(p + 8, 0, 28);  /* what a narrow link delivers of the first */
	CHECK_EQ(wire_probe_width(p, KEY), 0);
	/* A sender of 32- or 24-byte words (its ASK says so) gets no wider,
	 * even where its probe's last bytes happen to pass. */
	for (i = 24; i <= 32; i += 8) {
		wire_record(p, WIRE_REC_ASK, (uint64_t)i, KEY);
		put64(p + 16, wire_tag(p, 16, KEY));
		put64(p + 24, wire_tag(p, 24, KEY));
		put32(p + 32, (uint32_t)wire_tag(p, 32, KEY));
		CHECK_EQ(wire_probe_width(p, KEY), (unsigned)i);
	}
	/* HELLO carries the key when it asks for the fast transport; a HELLO
	 * of 16 bytes (an older sender) has none. */
	CHECK_EQ(wire_hello_pack(p, &hello), 24);
	CHECK_EQ(wire_hello_parse(p, 24, &back), 0);
	CHECK_EQ(back.key, KEY);
	CHECK_EQ(wire_hello_parse(p, 16, &back), 0);
	CHECK_EQ(back.key, 0);
	CHECK_EQ(back.caps, 0);  /* no key: not asked for */
}

int main(void)
{
	test_golden();
	test_short();
	test_roundtrip();
	test_flipped_bits();
	test_truncated_and_hostile();
	test_verdicts();
	test_keyed();
	return tests_result("unit_wire");
}
