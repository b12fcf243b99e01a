/* fuzz_rx - libFuzzer target for what a receiver takes from the wire.
 *
 * Input: one control byte, then a bit stream, most significant bit first.
 *   - The bits go through the receiver's state machine (proto_rx_bit), as
 *     sigrecv would feed them; every delivered frame is parsed by its
 *     type's wire_*_parse and answered with proto_rx_verdict, and after
 *     every bit the position query (proto_rx_where) is asked.
 *   - The same bytes go to wire_decode (and wire_check_header) directly.
 * Control byte: bits 0-1 pick the verdict policy (0 like sigrecv, 1 accept
 * everything and never end, 2 fail every frame, 3 alternate); bits 4-7,
 * when not 0, drop the partial frame (proto_rx_silence) every 64*k bits.
 *
 * Beyond "no crash, no sanitizer report", it checks invariants: the parser
 * never holds more bits than a maximal frame, a delivered frame re-encodes
 * to exactly the bytes received, payload parsers round-trip, replies are
 * bits, and a position answer stays in range.  A violation aborts.
 * Build and run with `make fuzz` (clang -fsanitize=fuzzer,...). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "wire.h"

#define MAX_BITS ((size_t)WIRE_MAX_FRAME * 8)

#define require(c) do { if (!(c)) die(#c, __LINE__); } while (0)

static void die(const char *what, int line)
{
	fprintf(stderr, "fuzz_rx.c:%d: invariant violated: %s\n", line, what);
	abort();
}

/* Parse a payload by its type and check that it packs back to the same
 * bytes.  Returns 0 if the payload is well formed. */
static int parse_payload(const struct wire_frame *f)
{
	uint8_t again[WIRE_MAX_PAYLOAD];
	struct wire_hello h;
	struct wire_file wf;
	struct wire_end e;
	size_t n;

	switch (f->type) {
	case WIRE_HELLO:
		if (wire_hello_parse(f->payload, f->len, &h) < 0)
			return -1;
		n = wire_hello_pack(again, &h);
		require(n <= f->len && !memcmp(again, f->payload, n));
		return 0;
	case WIRE_FILE:
		if (wire_file_parse(f->payload, f->len, &wf) < 0)
			return -1;
		require(strlen(wf.name) <= WIRE_MAX_NAME);
		n = wire_file_pack(again, &wf);
		require(n == f->len && !memcmp(again, f->payload, n));
		return 0;
	case WIRE_END:
		if (wire_end_parse(f->payload, f->len, &e) < 0)
			return -1;
		n = wire_end_pack(again, &e);
		require(n == f->len && !memcmp(again, f->payload, n));
		return 0;
	case WIRE_DATA:
	case WIRE_ABORT:
		return 0;
	}
	return -1;  /* wire_check_header lets no other type through */
}

/* A frame the parser delivered: check it, decide a verdict as the policy
 * says, and hand it back. */
static void on_frame(struct proto_rx *rx, int policy, unsigned long nframe)
{
	const struct wire_frame *f = &rx->frame;
	uint8_t again[WIRE_MAX_FRAME], st;
	size_t n = rx->need / 8;
	int final;

	require(rx->need % 8 == 0 && rx->need <= MAX_BITS);
	require(f->len <= WIRE_MAX_PAYLOAD);
	require(f->payload == rx->buf + WIRE_HDR);
	require(n == (size_t)WIRE_HDR + f->len + WIRE_TRAILER);
	require(f->seq == rx->next_seq);
	require(wire_encode(again, f->type, f->seq, f->payload, f->len) == n);
	require(!memcmp(again, rx->buf, n));

	st = parse_payload(f) == 0 ? WIRE_ST_OK : WIRE_ST_DATA;
	if (st == WIRE_ST_OK && (f->seq == 0) != (f->type == WIRE_HELLO))
		st = WIRE_ST_SEQ;
	final = st != WIRE_ST_OK || f->type == WIRE_END || f->type == WIRE_ABORT;
	if (policy == 1 || (policy == 3 && nframe % 2 == 0)) {
		st = WIRE_ST_OK;
		final = 0;
	} else if (policy == 2 || policy == 3) {
		st = WIRE_ST_IO;
		final = 1;
	}
	proto_rx_verdict(rx, st, (uint8_t)nframe, final);
	require(rx->state == RX_VERDICT);
}

static void check_where(const struct proto_rx *rx, unsigned qid, int last)
{
	uint32_t w = proto_rx_where(rx, qid);
	uint32_t pos = w & PROTO_LOST;
	size_t want;

	require(PROTO_QID(w) == (qid & PROTO_QID_MASK));
	require(((w >> PROTO_LAST_BIT) & 1) == (uint32_t)(last & 1));
	require(pos == PROTO_LOST || pos <= MAX_BITS + WIRE_VERDICT_BITS);
	if (rx->state == RX_DISCARD) {
		require(pos == PROTO_LOST);
		return;
	}
	/* Bits of the frame, then its clocks (proto.h): every position a
	 * frame can reach must fit the field, distinct from PROTO_LOST. */
	want = rx->state == RX_VERDICT ? rx->need + (size_t)rx->vbit :
	       rx->state == RX_FINISHED ? rx->need + WIRE_VERDICT_BITS : rx->nbits;
	require(want < PROTO_LOST);
	require(pos == want);
}

static void run_rx(const uint8_t *p, size_t n, uint8_t ctl)
{
	static struct proto_rx rx;
	int policy = ctl & 3, reply, last = 0;
	size_t silence = (size_t)(ctl >> 4) * 64, i;
	unsigned long nframe = 0;
	enum proto_rx_event ev;

	proto_rx_init(&rx);
	for (i = 0; i < n * 8; i++) {
		int bit = p[i / 8] >> (7 - i % 8) & 1;

		if (silence && i && i % silence == 0)
			proto_rx_silence(&rx);
		ev = proto_rx_bit(&rx, bit, &reply);
		require(rx.nbits <= MAX_BITS && rx.need <= MAX_BITS);
		require(rx.state != RX_BODY || rx.nbits <= rx.need);
		if (ev == RX_FIN) {
			require(reply == -1);
			proto_rx_init(&rx);  /* as sigrecv -k: the next session */
			last = 0;
			continue;
		}
		require(reply == 0 || reply == 1);
		last = reply;
		if (ev == RX_FRAME)
			on_frame(&rx, policy, nframe++);
		check_where(&rx, (unsigned)i, last);
	}
}

static void run_decode(const uint8_t *p, size_t n)
{
	uint8_t again[WIRE_MAX_FRAME], st, info;
	struct wire_frame f;
	uint32_t fcrc, w;
	int len;

	if (n >= WIRE_HDR && (len = wire_check_header(p)) >= 0)
		require(len <= WIRE_MAX_PAYLOAD);
	if (wire_decode(p, n, &f) < 0)
		return;
	require(n == (size_t)WIRE_HDR + f.len + WIRE_TRAILER && n <= WIRE_MAX_FRAME);
	require(f.payload == p + WIRE_HDR);
	require(wire_encode(again, f.type, f.seq, f.payload, f.len) == n);
	require(!memcmp(again, p, n));
	(void)parse_payload(&f);
	fcrc = wire_frame_crc(p, n);
	w = wire_verdict(fcrc, WIRE_ST_OK, (uint8_t)f.seq);
	require(wire_verdict_parse(w, fcrc, &st, &info) == 0);
	require(st == WIRE_ST_OK && info == (uint8_t)f.seq);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	run_decode(data + 1, size - 1);
	run_rx(data + 1, size - 1, data[0]);
	return 0;
}
