/* mkcorpus - write the seed corpus of fuzz_rx: sessions and frames as a
 * sender would put them on the wire (see fuzz_rx.c for the input layout:
 * a control byte, then the bits).  Each frame is followed by its 32 zero
 * clock bits; a session ends with the FIN bit.
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

static void put(const void *p, size_t n)
{
	if (nout + n > sizeof out) {
		fprintf(stderr, "mkcorpus: seed too large\n");
		exit(1);
	}
	memcpy(out + nout, p, n);
	nout += n;
}

static void begin(uint8_t ctl)
{
	nout = 0;
	seq = 0;
	put(&ctl, 1);
}

/* A frame, then (with clocks) the 32 zero bits that clock its verdict. */
static size_t frame(uint8_t type, const void *payload, size_t len, int clocks)
{
	static const uint8_t zeros[WIRE_VERDICT_BITS / 8];
	uint8_t f[WIRE_MAX_FRAME];
	size_t n = wire_encode(f, type, seq++, payload, len);

	put(f, n);
	if (clocks)
		put(zeros, sizeof zeros);
	return n;
}

static void fin(void)
{
	uint8_t b = PROTO_FIN << 7;  /* the FIN bit; the rest is padding */

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
	begin(0);
	XXH3_64bits_reset(x);
	hello();
	file("", (const uint8_t *)msg, strlen(msg), x);
	end(x, strlen(msg));
	save(argv[1], "session-message");

	/* Two files, the second spanning several DATA frames. */
	begin(0);
	XXH3_64bits_reset(x);
	hello();
	file("notes.txt", (const uint8_t *)msg, strlen(msg), x);
	file("big.bin", big, sizeof big, x);
	end(x, strlen(msg) + sizeof big);
	save(argv[1], "session-two-files");

	/* Empty input: a FILE with an empty deflate stream. */
	begin(0);
	XXH3_64bits_reset(x);
	hello();
	file("empty", (const uint8_t *)"", 0, x);
	end(x, 0);
	save(argv[1], "session-empty");

	/* The same session with silences and other verdict policies. */
	begin(0x31);
	XXH3_64bits_reset(x);
	hello();
	file("a", (const uint8_t *)msg, strlen(msg), x);
	end(x, strlen(msg));
	save(argv[1], "session-silence-accept");

	/* A sender that gives up. */
	begin(0);
	hello();
	frame(WIRE_ABORT, NULL, 0, 1);
	fin();
	save(argv[1], "session-abort");

	/* A frame arrives twice (its verdict was lost): answered again. */
	begin(0);
	hello();
	seq--;
	hello();
	save(argv[1], "hello-twice");

	/* A corrupted HELLO (CRC fails: no verdict), then the good one. */
	begin(0);
	memset(p, 0, sizeof p);
	p[0] = WIRE_VERSION;
	n = wire_encode(bad, WIRE_HELLO, 0, p, 16);
	bad[WIRE_HDR + 3] ^= 0x10;
	put(bad, n);
	put("\0\0\0\0", 4);
	hello();
	save(argv[1], "hello-corrupt-then-good");

	/* Single frames, for wire_decode. */
	begin(0);
	hello();
	nout -= WIRE_VERDICT_BITS / 8;
	save(argv[1], "frame-hello");
	begin(0);
	seq = 7;
	frame(WIRE_DATA, big, WIRE_MAX_PAYLOAD, 0);
	save(argv[1], "frame-data-max");
	begin(0);
	seq = 1;
	{
		struct wire_file wf;

		memset(&wf, 0, sizeof wf);
		wf.size = WIRE_SIZE_UNKNOWN;
		memset(wf.name, 'n', WIRE_MAX_NAME);
		frame(WIRE_FILE, p, wire_file_pack(p, &wf), 0);
	}
	save(argv[1], "frame-file-longname");
	XXH3_freeState(x);
	return 0;
}
