/* mkcorpus - write the seed corpus of fuzz_rx: sessions and frames as a
 * sender would put them on the wire (see fuzz_rx.c for the input layout:
 * a control byte, then the bits).  On bits, each frame is followed by its
 * 32 zero clock bits and a session ends with the FIN bit; on words, each
 * frame is padded to a whole data signal and nothing else is sent.
 *
 *   make fuzz-corpus   (runs: mkcorpus DIR) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include <zlib.h>

#include "proto.h"
#include "wire.h"

static uint8_t out[1 << 16];
static size_t nout;
static uint16_t seq;
static unsigned unit;      /* 0: bits; else bytes per data signal */

static void put(const void *p, size_t n)
{
	if (nout + n > sizeof out) {
		fprintf(stderr, "mkcorpus: seed too large\n");
		exit(1);
	}
	memcpy(out + nout, p, n);
	nout += n;
}

/* A seed on bits, or (with a unit) on words: fuzz_rx reads data signals
 * of PROTO_MAX_UNIT bytes when bit 2 of the control byte is set, else of 8. */
static void begin(uint8_t ctl, unsigned u)
{
	nout = 0;
	seq = 0;
	unit = u;
	if (u == PROTO_MAX_UNIT)
		ctl |= 4;
	put(&ctl, 1);
}

/* An encoded frame as it goes on the wire: on bits followed (with clocks)
 * by the 32 zero bits that clock its verdict, on words padded. */
static void send(const uint8_t *f, size_t n, int clocks)
{
	static const uint8_t zeros[WIRE_MAX_FRAME];

	put(f, n);
	if (unit && n % unit)
		put(zeros, unit - n % unit);
	else if (!unit && clocks)
		put(zeros, WIRE_VERDICT_BITS / 8);
}

static size_t frame(uint8_t type, const void *payload, size_t len, int clocks)
{
	uint8_t f[WIRE_MAX_FRAME];
	size_t n = wire_encode(f, type, seq++, payload, len);

	send(f, n, clocks);
	return n;
}

/* A whole small transfer as one short frame (see wire.h). */
static void short_frame(const char *name, const uint8_t *data, size_t len, uint8_t flags)
{
	struct wire_short ws;
	uint8_t f[WIRE_SHORT_MAX + 6];

	memset(&ws, 0, sizeof ws);
	ws.flags = flags;
	ws.cpu = 0xff;
	ws.hash = XXH3_64bits(data, len);
	snprintf(ws.name, sizeof ws.name, "%s", name);
	ws.data = data;
	ws.len = len;
	send(f, wire_short_encode(f, &ws), 1);
}

static void fin(void)
{
	uint8_t b = PROTO_FIN << 7;  /* the FIN bit; the rest is padding */

	if (!unit)  /* on words FIN is a control word, not data */
		put(&b, 1);
}

static void hello(void)
{
	struct wire_hello h;
	uint8_t p[64];

	memset(&h, 0, sizeof h);
	h.version = WIRE_VERSION;
	h.cpu = WIRE_CPU_NONE;
	frame(WIRE_HELLO, p, wire_hello_pack(p, &h), 1);
}

/* FILE, its deflate stream in DATA frames, as sigsend does. */
static void file(const char *name, const uint8_t *data, size_t n, XXH3_state_t *x)
{
	static uint8_t z[1 << 17];
	struct wire_file wf;
	uint8_t p[WIRE_MAX_PAYLOAD];
	z_stream s;
	size_t zn, i;

	memset(&wf, 0, sizeof wf);
	wf.size = n;
	snprintf(wf.name, sizeof wf.name, "%s", name);
	frame(WIRE_FILE, p, wire_file_pack(p, &wf), 1);
	memset(&s, 0, sizeof s);
	if (deflateInit2(&s, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		exit(1);
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)n;
	s.next_out = z;
	s.avail_out = sizeof z;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		exit(1);
	zn = sizeof z - s.avail_out;
	deflateEnd(&s);
	for (i = 0; i < zn; i += WIRE_MAX_PAYLOAD)
		frame(WIRE_DATA, z + i, zn - i < WIRE_MAX_PAYLOAD ? zn - i : WIRE_MAX_PAYLOAD, 1);
	XXH3_64bits_update(x, data, n);
}

static void end(XXH3_state_t *x, uint64_t total)
{
	struct wire_end e;
	uint8_t p[32];

	e.total = total;
	e.hash = XXH3_64bits_digest(x);
	frame(WIRE_END, p, wire_end_pack(p, &e), 1);
	fin();
}

static void save(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")) || fwrite(out, 1, nout, f) != nout || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* A whole session of one input, as sigsend sends it without a short
 * frame: HELLO, FILE, its DATA, END, FIN. */
static void session(const char *dir, const char *seed, uint8_t ctl, unsigned u,
                    const char *name, const uint8_t *data, size_t n, XXH3_state_t *x)
{
	begin(ctl, u);
	XXH3_64bits_reset(x);
	hello();
	file(name, data, n, x);
	end(x, n);
	save(dir, seed);
}

int main(int argc, char **argv)
{
	static const char msg[] = "hello, world\n";
	static uint8_t big[10000];
	XXH3_state_t *x = XXH3_createState();
	uint8_t p[WIRE_MAX_PAYLOAD], bad[WIRE_MAX_FRAME];
	uint32_t r = 12345;
	size_t i, n;

	if (argc != 2 || !x) {
		fprintf(stderr, "usage: mkcorpus DIR\n");
		return 64;
	}
	for (i = 0; i < sizeof big; i++) {  /* half text, half noise */
		r = r * 1103515245 + 12345;
		big[i] = i < sizeof big / 2 ? (uint8_t)("minitalk "[i % 9]) : (uint8_t)(r >> 16);
	}

	/* sigsend -m 'hello, world' */
	session(argv[1], "session-message", 0, 0, "", (const uint8_t *)msg, strlen(msg), x);

	/* Two files, the second spanning several DATA frames. */
	begin(0, 0);
	XXH3_64bits_reset(x);
	hello();
	file("notes.txt", (const uint8_t *)msg, strlen(msg), x);
	file("big.bin", big, sizeof big, x);
	end(x, strlen(msg) + sizeof big);
	save(argv[1], "session-two-files");

	/* Empty input: a FILE with an empty deflate stream. */
	session(argv[1], "session-empty", 0, 0, "empty", (const uint8_t *)"", 0, x);

	/* The same session with silences and other verdict policies. */
	session(argv[1], "session-silence-accept", 0x31, 0, "a", (const uint8_t *)msg,
	        strlen(msg), x);

	/* A sender that gives up. */
	begin(0, 0);
	hello();
	frame(WIRE_ABORT, NULL, 0, 1);
	fin();
	save(argv[1], "session-abort");

	/* A reply as sigsend receives it: FILE, DATA, RESULT with a status;
	 * then a -l session's BYE. */
	begin(0, 0);
	XXH3_64bits_reset(x);
	hello();
	file("", (const uint8_t *)msg, strlen(msg), x);
	{
		struct wire_end e = { strlen(msg), XXH3_64bits_digest(x) };
		frame(WIRE_RESULT, p, wire_result_pack(p, &e, 3), 1);
	}
	frame(WIRE_BYE, NULL, 0, 1);
	fin();
	save(argv[1], "session-reply");

	/* A frame arrives twice (its verdict was lost): answered again. */
	begin(0, 0);
	hello();
	seq--;
	hello();
	save(argv[1], "hello-twice");

	/* A corrupted HELLO (CRC fails: no verdict), then the good one. */
	begin(0, 0);
	memset(p, 0, sizeof p);
	p[0] = WIRE_VERSION;
	n = wire_encode(bad, WIRE_HELLO, 0, p, 16);
	bad[WIRE_HDR + 3] ^= 0x10;
	put(bad, n);
	put("\0\0\0\0", 4);
	hello();
	save(argv[1], "hello-corrupt-then-good");

	/* Single frames, for wire_decode. */
	begin(0, 0);
	hello();
	nout -= WIRE_VERDICT_BITS / 8;
	save(argv[1], "frame-hello");
	begin(0, 0);
	seq = 7;
	frame(WIRE_DATA, big, WIRE_MAX_PAYLOAD, 0);
	save(argv[1], "frame-data-max");
	begin(0, 0);
	seq = 1;
	{
		struct wire_file wf;

		memset(&wf, 0, sizeof wf);
		wf.size = WIRE_SIZE_UNKNOWN;
		memset(wf.name, 'n', WIRE_MAX_NAME);
		frame(WIRE_FILE, p, wire_file_pack(p, &wf), 0);
	}
	save(argv[1], "frame-file-longname");

	/* Short frames: a message, and a deflated file with a long name. */
	begin(0, 0);
	short_frame("", (const uint8_t *)msg, strlen(msg), 0);
	fin();
	save(argv[1], "short-message");
	begin(0, 0);
	memset(p, 'n', 200);
	p[200] = '\0';
	short_frame((const char *)p, (const uint8_t *)"\x4b\x04\x00", 3, WIRE_SHORT_DEFLATE);
	fin();
	save(argv[1], "short-deflate-longname");

	/* On words: a session on the widest and on 8-byte signals (HELLO is
	 * on bits in practice, but the reassembler takes it all the same). */
	begin(0, PROTO_MAX_UNIT);
	XXH3_64bits_reset(x);
	hello();
	file("notes.txt", (const uint8_t *)msg, strlen(msg), x);
	file("big.bin", big, sizeof big / 4, x);
	end(x, strlen(msg) + sizeof big / 4);
	save(argv[1], "words-wide-session");
	session(argv[1], "words8-session", 0, 8, "a", (const uint8_t *)msg, strlen(msg), x);

	/* On words, a corrupted frame (NAK, RESYNC), then the good one; with
	 * leftovers of the bad frame still arriving after the RESYNC. */
	begin(0x08, PROTO_MAX_UNIT);
	send(bad, n, 0);
	hello();
	frame(WIRE_DATA, big, 100, 0);
	seq--;
	frame(WIRE_DATA, big, 100, 0);  /* a repeat: its verdict was lost */
	save(argv[1], "words-wide-nak-resync");
	begin(0, 8);
	short_frame("note", (const uint8_t *)msg, strlen(msg), 0);
	save(argv[1], "words8-short");

	/* Events for the sender's machine (run_tx in fuzz_rx.c): its HELLO of
	 * 16 zero bytes echoed, one answer lost and found by a query, the
	 * verdict clocked out; then the next frame (with once) refused. */
	begin(0, 0);
	n = wire_encode(bad, WIRE_HELLO, 0, (const uint8_t *)memset(p, 0, 16), 16);
	r = wire_verdict(wire_frame_crc(bad, n), WIRE_ST_OK, 0);
	for (i = 0; i < n * 8 + WIRE_VERDICT_BITS; i++) {
		int bit = i < n * 8 ? bad[i / 8] >> (7 - i % 8) & 1 :
		          (int)(r >> (31 - (i - n * 8)) & 1);
		uint8_t ev = (uint8_t)(bit << 2);  /* the answer bit */

		if (i == 20) {  /* lost: a timeout, then the reply "at + 1" */
			ev = 2;
			put(&ev, 1);
			ev = (uint8_t)(1 | bit << 6 | 2 << 3);
		}
		put(&ev, 1);
	}
	put("\x04\x01", 2);  /* a wrong echo, then the reset query's reply */
	save(argv[1], "tx-events");
	XXH3_freeState(x);
	return 0;
}
