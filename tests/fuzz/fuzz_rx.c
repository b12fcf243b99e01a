/* fuzz_rx - libFuzzer target for what a receiver takes from the wire.
 *
 * Input: one control byte, then a bit stream, most significant bit first.
 *   - The bits go through the receiver's state machine (proto_rx_bit), as
 *     sigrecv would feed them; every delivered frame is parsed by its
 *     type's wire_*_parse (a short frame's body by wire_short_parse) and
 *     answered with proto_rx_verdict, and after every bit the position
 *     query (proto_rx_where) is asked.
 *   - The same bytes, cut into data signals of 8 or 24 bytes (the last
 *     padded with zeros), go through the word transport's reassembler
 *     (proto_wrx_data) under a fixed key; a NAK is followed by the
 *     sender's RESYNC record.
 *   - The same bytes go to wire_decode (and wire_check_header) directly.
 *   - Each byte is also an event for the sender's machine (proto_tx_feed)
 *     sending a HELLO: an answer bit, a query's reply near the sender's
 *     position (or a stale one), or a timeout.
 * Control byte: bits 0-1 pick the verdict policy (0 like sigrecv, 1 accept
 * everything and never end, 2 fail every frame, 3 alternate); bit 2 makes
 * data signals 24 bytes instead of 8; bit 3 seals a leading frame with
 * the key (see run_words); bits 4-7,
 * when not 0, drop the partial frame (proto_rx_silence) every 64*k bits.
 *
 * Beyond "no crash, no sanitizer report", it checks invariants: the parsers
 * never hold more than a maximal frame, a delivered frame re-encodes to
 * exactly the bytes received, payload parsers round-trip, replies are
 * bits, answers are NAKs with the signal count or verdicts, and a
 * position answer stays in range.  A violation aborts.
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
	struct wire_short ws;
	uint8_t st;
	size_t n;

	switch (f->type) {
	case WIRE_SHORT:
		if (wire_short_parse(f->payload, f->len, &ws) < 0)
			return -1;
		require(ws.len <= WIRE_SHORT_MAX && strlen(ws.name) < f->len);
		n = wire_short_encode(again, &ws);
		require(n == 2 + (size_t)f->len + WIRE_TRAILER);
		require(again[1] == f->len && !memcmp(again + 2, f->payload, f->len));
		return 0;
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
	case WIRE_RESULT:
		if (wire_result_parse(f->payload, f->len, &e, &st) < 0)
			return -1;
		n = wire_result_pack(again, &e, st);
		require(n == f->len && !memcmp(again, f->payload, n));
		return 0;
	case WIRE_DATA:
	case WIRE_ABORT:
	case WIRE_BYE:
		return 0;
	}
	return -1;  /* wire_check_header lets no other type through */
}

/* A frame decoded from the n bytes at buf (by a parser, or directly):
 * its fields point into buf, and it encodes back to the same bytes. */
static void check_frame(const struct wire_frame *f, const uint8_t *buf, size_t n)
{
	uint8_t again[WIRE_MAX_FRAME];

	require(f->len <= WIRE_MAX_PAYLOAD && n <= WIRE_MAX_FRAME);
	if (f->type == WIRE_SHORT) {
		require(buf[0] == WIRE_SHORT_MAGIC && f->seq == 0);
		require(n == 2 + (size_t)f->len + WIRE_TRAILER && f->payload == buf + 2);
		require(wire_crc32(buf, n - WIRE_TRAILER) == wire_frame_crc(buf, n));
		return;  /* parse_payload re-encodes the body */
	}
	require(n == (size_t)WIRE_HDR + f->len + WIRE_TRAILER);
	require(f->payload == buf + WIRE_HDR);
	require(wire_encode(again, f->type, f->seq, f->payload, f->len) == n);
	require(!memcmp(again, buf, n));
}

/* The verdict for a delivered frame: as sigrecv decides it, or as the
 * policy overrides; returns whether it is final. */
static int decide(const struct wire_frame *f, int policy, unsigned long nframe, uint8_t *st)
{
	int first = f->type == WIRE_HELLO || f->type == WIRE_SHORT;

	*st = parse_payload(f) == 0 ? WIRE_ST_OK : WIRE_ST_DATA;
	if (*st == WIRE_ST_OK && (f->seq == 0) != first)
		*st = WIRE_ST_SEQ;
	if (policy == 1 || (policy == 3 && nframe % 2 == 0)) {
		*st = WIRE_ST_OK;
		return 0;
	}
	if (policy == 2 || policy == 3) {
		*st = WIRE_ST_IO;
		return 1;
	}
	return *st != WIRE_ST_OK || f->type == WIRE_END || f->type == WIRE_ABORT ||
	       f->type == WIRE_SHORT;
}

/* A frame the bit parser delivered: check it, decide a verdict as the
 * policy says, and hand it back to be clocked out. */
static void on_frame(struct proto_rx *rx, int policy, unsigned long nframe)
{
	const struct wire_frame *f = &rx->frame;
	uint8_t st;
	int final;

	require(rx->need % 8 == 0 && rx->need <= MAX_BITS);
	require(f->seq == rx->next_seq);
	check_frame(f, rx->buf, rx->need / 8);
	final = decide(f, policy, nframe, &st);
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
		/* A 1 where a frame starts: TURN right after a verdict (echoed),
		 * anywhere else unanswered; every other bit is answered. */
		require(ev != RX_TURN || reply == 1);
		require(reply == 0 || reply == 1 || (reply == -1 && bit == 1 && ev == RX_NONE));
		if (reply >= 0)
			last = reply;
		if (ev == RX_FRAME)
			on_frame(&rx, policy, nframe++);
		check_where(&rx, (unsigned)i, last);
	}
}

/* The same bytes as data signals of the word transport, under a fixed
 * key: with control bit 3, a frame the bytes start with is sealed with it
 * first (as a sender would), so that it can pass its tag. */
#define KEY 0x0123456789abcdefULL
static void run_words(const uint8_t *p, size_t n, uint8_t ctl)
{
	static struct proto_rx rx;
	static struct proto_wrx w;
	static uint8_t sealed[16384 + WIRE_TAG];
	unsigned unit = ctl & 4 ? PROTO_MAX_UNIT : 8;
	uint8_t u[PROTO_MAX_UNIT], r[WIRE_REC], st;
	unsigned long nframe = 0;
	struct proto_answer a, b;
	enum proto_wrx_event ev = WRX_NONE;
	size_t off, k, step = unit >= WIRE_REC ? WIRE_REC : unit;
	long len;
	int final;

	if (ctl & 8 && n <= 16384 && (len = wire_frame_len(p, n < WIRE_HDR ? n : WIRE_HDR)) > 0 &&
	    (size_t)len <= n) {
		memcpy(sealed, p, (size_t)len);
		k = wire_seal(sealed, (size_t)len, KEY);
		memcpy(sealed + k, p + len, n - (size_t)len);
		p = sealed;
		n += WIRE_TAG;
	}
	proto_rx_init(&rx);
	proto_wrx_init(&w, unit, KEY);
	proto_wrx_listen(&w, 1);
	for (off = 0; off < n; off += unit) {
		k = n - off < unit ? n - off : unit;
		memset(u, 0, sizeof u);
		memcpy(u, p + off, k);
		ev = proto_wrx_data(&rx, &w, u, &a);
		if (ev == WRX_FRAME) {
			require(a.kind == 0);
			require(rx.frame.seq == rx.next_seq);
			check_frame(&rx.frame, w.buf, rx.frame.type == WIRE_SHORT ?
			            2 + (size_t)rx.frame.len + WIRE_TRAILER :
			            (size_t)WIRE_HDR + rx.frame.len + WIRE_TRAILER);
			final = decide(&rx.frame, ctl & 3, nframe, &st);
			(void)proto_rx_decide(&rx, st, (uint8_t)nframe++, final);
		} else if (a.kind == WIRE_REC_NAK) {
			require(w.discard == 1);
			/* the sender's RESYNC: found, and it ends the discard */
			wire_record(r, WIRE_REC_RESYNC, 0, KEY);
			for (k = 0; k < WIRE_REC; k += step) {
				memset(u, 0, sizeof u);
				memcpy(u, r + k, step);
				ev = proto_wrx_data(&rx, &w, u, &b);
			}
			require(ev == WRX_RECORD && w.kind == WIRE_REC_RESYNC && w.discard == 0);
		} else {
			require(a.kind == 0 || a.kind == WIRE_REC_VERDICT);
		}
		require(w.need <= WIRE_MAX_FRAME + WIRE_TAG);
		require(w.have == 0 || w.have < w.need);
	}
}

static void run_decode(const uint8_t *p, size_t n)
{
	uint8_t st, info;
	struct wire_frame f;
	uint32_t fcrc, w;
	int len;

	if (n >= WIRE_HDR && (len = wire_check_header(p)) >= 0)
		require(len <= WIRE_MAX_PAYLOAD);
	if (wire_decode(p, n, &f) < 0)
		return;
	check_frame(&f, p, n);
	(void)parse_payload(&f);
	fcrc = wire_frame_crc(p, n);
	w = wire_verdict(fcrc, WIRE_ST_OK, (uint8_t)f.seq);
	require(wire_verdict_parse(w, fcrc, &st, &info) == 0);
	require(st == WIRE_ST_OK && info == (uint8_t)f.seq);
}

/* The action the sender's machine returned must fit its state. */
static void check_act(const struct proto_tx *tx, struct proto_tx_act a, int once)
{
	require(tx->pos <= tx->nbits && tx->nclock <= WIRE_VERDICT_BITS);
	switch (a.what) {
	case TX_SEND_BIT:
		require(a.arg <= 1 && a.ms == PROTO_ACK_MS && tx->state == TX_WAIT_ACK);
		return;
	case TX_SEND_QUERY:
		require(tx->connected && (a.arg & PROTO_QID_MASK) == tx->qid);
		require(!(a.arg & PROTO_Q_RESET) == (tx->state == TX_WAIT_WHERE));
		require(a.ms >= PROTO_ACK_MS && a.ms <= PROTO_ASK_MAX_MS);
		return;
	case TX_KEEP_QUIET:
		require(!tx->connected && a.ms == PROTO_QUIET_MS && tx->state == TX_QUIET);
		return;
	case TX_KEEP_WAITING:
		require(!a.heard && tx->state != TX_OVER);
		return;
	case TX_DONE:
		require(tx->state == TX_OVER && tx->status != 0);
		return;
	case TX_REFUSED:
		require(once && tx->state == TX_OVER);
		return;
	}
	require(0);
}

/* The sender's machine against events drawn from the bytes: bits 0-1
 * pick a bit (bit 2), a reply or a timeout; a reply is for the query out
 * (or, with bit 7, an earlier one), has its last bit in bit 6, and names
 * a position near the sender's (bits 3-4) or says BETWEEN (bit 5).  The
 * frame is a HELLO of TX_PAYLOAD zero bytes (mkcorpus knows it too). */
#define TX_PAYLOAD 16

static void run_tx(const uint8_t *p, size_t n)
{
	static const uint8_t zeros[TX_PAYLOAD];
	uint8_t f[WIRE_MAX_FRAME];
	size_t nf = wire_encode(f, WIRE_HELLO, 0, zeros, sizeof zeros), i, at;
	struct proto_tx tx;
	struct proto_tx_act a;
	enum proto_tx_state was;
	uint32_t w;
	int once = 0;

	proto_tx_init(&tx, 0, 0);
	a = proto_tx_begin(&tx, f, nf, once);
	for (i = 0; i < n; i++) {
		was = tx.state;
		at = tx.pos + (size_t)tx.nclock;
		if ((p[i] & 3) == 0) {
			a = proto_tx_feed(&tx, TX_EV_BIT, p[i] >> 2 & 1);
		} else if ((p[i] & 3) == 1) {
			w = (uint32_t)(tx.qid - (p[i] >> 7)) << 19 | (uint32_t)(p[i] >> 6 & 1) << PROTO_LAST_BIT |
			    (p[i] & 0x20 ? PROTO_BETWEEN : (((uint32_t)at + (p[i] >> 3 & 3) - 1) & PROTO_LOST));
			a = proto_tx_feed(&tx, TX_EV_WORD, w);
		} else {
			a = proto_tx_feed(&tx, TX_EV_TIMEOUT, 0);
		}
		check_act(&tx, a, once);
		if (a.what == TX_KEEP_WAITING)
			require(tx.state == was && tx.pos + (size_t)tx.nclock == at);
		if (a.what == TX_DONE || a.what == TX_REFUSED) {
			once = !once;  /* the next frame alternates */
			a = proto_tx_begin(&tx, f, nf, once);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	run_decode(data + 1, size - 1);
	run_rx(data + 1, size - 1, data[0]);
	run_words(data + 1, size - 1, data[0]);
	run_tx(data + 1, size - 1);
	return 0;
}
