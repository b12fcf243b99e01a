/* unit_proto_rx - the receiver's pure parsers: frames as bits
 * (proto_rx_bit) and as data signals of the word transport
 * (proto_wrx_data), which share one sequence state, so a frame is taken
 * once whichever way it came. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "unit.h"
#include "wire.h"

/* Feed a whole frame and its 32 clocks, answering a new frame OK; returns
 * the event of the frame, and in *verdict (if not NULL) the word clocked
 * out. */
static enum proto_rx_event feed_frame(struct proto_rx *rx, const uint8_t *f, size_t n,
                                      uint32_t *verdict)
{
	enum proto_rx_event ev = RX_NONE, e;
	uint32_t word = 0;
	size_t i;
	int reply;

	for (i = 0; i < n * 8; i++)
		if ((e = proto_rx_bit(rx, f[i / 8] >> (7 - i % 8) & 1, &reply)) != RX_NONE)
			ev = e;
	if (ev == RX_FRAME)
		proto_rx_verdict(rx, WIRE_ST_OK, 0, 0);
	for (i = 0; i < WIRE_VERDICT_BITS; i++) {
		proto_rx_bit(rx, 0, &reply);
		word = word << 1 | (uint32_t)(reply & 1);
	}
	if (verdict)
		*verdict = word;
	return ev;
}

/* The receiver drops a frame whose bits stop, and never delivers it. */
static void test_rx_partial_and_garbage(void)
{
	struct proto_rx rx;
	uint8_t f[WIRE_MAX_FRAME];
	size_t n = wire_encode(f, WIRE_HELLO, 0, (const uint8_t *)"\1\0\0\0\0\0", 6), i;
	int reply, ev = RX_NONE, inverted = 0;

	proto_rx_init(&rx);
	for (i = 0; i < n * 8 / 2; i++)
		ev = proto_rx_bit(&rx, f[i / 8] >> (7 - i % 8) & 1, &reply);
	CHECK_EQ(ev, RX_NONE);
	proto_rx_silence(&rx);
	for (i = 0; i < n * 8; i++)
		ev = proto_rx_bit(&rx, f[i / 8] >> (7 - i % 8) & 1, &reply);
	CHECK_EQ(ev, RX_FRAME);
	CHECK_EQ(rx.frame.seq, 0);

	/* Garbage instead of a magic byte: the receiver answers inverted bits. */
	proto_rx_init(&rx);
	for (i = 0; i < 64; i++) {
		ev = proto_rx_bit(&rx, i > 0, &reply);
		inverted += reply == 0;
		CHECK_EQ(ev, RX_NONE);
	}
	CHECK(inverted >= 56);
}

/* Classic control is stamped bits: a 1 where a frame would start is TURN
 * right after a verdict (echoed), and is answered nowhere else (a frame
 * starts with a 0). */
static void test_rx_turn(void)
{
	struct proto_rx rx;
	uint8_t f[WIRE_MAX_FRAME];
	size_t n = wire_encode(f, WIRE_HELLO, 0, (const uint8_t *)"\1\0\0\0\0\0", 6);
	int reply;

	proto_rx_init(&rx);
	CHECK_EQ(proto_rx_bit(&rx, 1, &reply), RX_NONE);
	CHECK_EQ(reply, -1);
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_FRAME);
	CHECK_EQ(proto_rx_bit(&rx, 1, &reply), RX_TURN);
	CHECK_EQ(reply, 1);
	/* once: a second 1 is a stale one, unanswered */
	CHECK_EQ(proto_rx_bit(&rx, 1, &reply), RX_NONE);
	CHECK_EQ(reply, -1);
	/* silence drops a partial frame; a 1 then is no TURN either */
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_NONE);  /* a repeat: its verdict again */
	CHECK_EQ(proto_rx_bit(&rx, 0, &reply), RX_NONE);
	proto_rx_silence(&rx);
	CHECK_EQ(proto_rx_bit(&rx, 1, &reply), RX_NONE);
	CHECK_EQ(reply, -1);
}


/* Sequence numbers are 16 bits: 65535 is followed by 0, which is a new
 * frame, not a repeat; a repeat of 0 right after is still recognised. */
static void test_seq_wrap(void)
{
	struct proto_rx rx;
	uint8_t f[WIRE_MAX_FRAME];
	size_t n;

	proto_rx_init(&rx);
	rx.next_seq = 65535;
	n = wire_encode(f, WIRE_DATA, 65535, (const uint8_t *)"a", 1);
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_FRAME);
	n = wire_encode(f, WIRE_DATA, 0, (const uint8_t *)"b", 1);
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_FRAME);
	CHECK_EQ(rx.next_seq, 1);
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_NONE);  /* the same frame again */
	CHECK_EQ(rx.next_seq, 1);
	CHECK_EQ(rx.state, RX_HDR);
}


/* A short frame goes through the bit parser like any other: delivered as
 * WIRE_SHORT with sequence 0 and its body as the payload, which parses
 * and encodes back to the same bytes; its verdict is clocked out. */
static void test_short_bits(void)
{
	struct wire_short ws = { 0, 0, 0xff, 0x1122334455667788ULL, "x.txt", NULL, 2 }, back;
	uint8_t f[WIRE_SHORT_MAX + 6], again[WIRE_SHORT_MAX + 6];
	struct proto_rx rx;
	uint32_t verdict;
	size_t n;

	ws.data = (const uint8_t *)"hi";
	n = wire_short_encode(f, &ws);
	CHECK_EQ(f[0], WIRE_SHORT_MAGIC);
	proto_rx_init(&rx);
	CHECK_EQ(feed_frame(&rx, f, n, &verdict), RX_FRAME);
	CHECK_EQ(rx.frame.type, WIRE_SHORT);
	CHECK_EQ(rx.frame.seq, 0);
	CHECK_EQ(rx.frame.len, n - 2 - WIRE_TRAILER);
	CHECK_EQ(wire_short_parse(rx.frame.payload, rx.frame.len, &back), 0);
	CHECK(!strcmp(back.name, "x.txt") && back.len == 2 && !memcmp(back.data, "hi", 2));
	CHECK_EQ(back.hash, ws.hash);
	CHECK_EQ(wire_short_encode(again, &back), n);
	CHECK(!memcmp(again, f, n));
	CHECK_EQ(verdict, wire_verdict(wire_frame_crc(f, n), WIRE_ST_OK, 0));
}

#define KEY 0x0123456789abcdefULL

/* Seal a frame and cut it into data signals of w->unit bytes, the last
 * one padded (with junk: padding must not matter), and feed them.  Only
 * the last may complete the frame; returns its event, *answer the last. */
static enum proto_wrx_event feed_units(struct proto_rx *rx, struct proto_wrx *w,
                                       const uint8_t *f, size_t n,
                                       struct proto_answer *answer)
{
	enum proto_wrx_event ev = WRX_NONE;
	uint8_t u[PROTO_MAX_UNIT], sealed[WIRE_MAX_FRAME + WIRE_TAG];
	size_t off, k;

	memcpy(sealed, f, n);
	n = wire_seal(sealed, n, KEY);
	for (off = 0; off < n; off += w->unit) {
		k = n - off < w->unit ? n - off : w->unit;
		memset(u, 0xa5, sizeof u);
		memcpy(u, sealed + off, k);
		ev = proto_wrx_data(rx, w, u, answer);
		CHECK(ev == WRX_NONE || off + w->unit >= n);
	}
	return ev;
}

/* Feed a record as signals of w->unit bytes; returns the last event. */
static enum proto_wrx_event feed_record(struct proto_rx *rx, struct proto_wrx *w,
                                        uint8_t kind, uint64_t arg, uint64_t key)
{
	uint8_t r[WIRE_REC], u[PROTO_MAX_UNIT];
	struct proto_answer a;
	enum proto_wrx_event ev = WRX_NONE;
	size_t off, step = w->unit >= WIRE_REC ? WIRE_REC : w->unit;

	wire_record(r, kind, arg, key);
	for (off = 0; off < WIRE_REC; off += step) {
		memset(u, 0, sizeof u);
		memcpy(u, r + off, step);
		ev = proto_wrx_data(rx, w, u, &a);
		CHECK_EQ(a.kind, 0);
	}
	return ev;
}

static size_t data_frame(uint8_t *f, uint16_t seq, size_t len)
{
	uint8_t p[WIRE_MAX_PAYLOAD];
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seq * 31 + i);
	return wire_encode(f, WIRE_DATA, seq, p, len);
}

static void words_init(struct proto_rx *rx, struct proto_wrx *w, unsigned unit)
{
	proto_rx_init(rx);
	proto_wrx_init(w, unit, KEY);
	proto_wrx_listen(w, 1);
	rx->next_seq = 1;  /* HELLO came on bits */
}

/* Frames of every fit: shorter than a signal, ending on a signal's edge,
 * spanning many, the largest; on 24- and 8-byte signals alike, each
 * delivered once, at its last signal; a repeat is answered with the
 * verdict it got. */
static void test_words_units(void)
{
	static const size_t lens[] = { 0, 1, 4, 12, 27, 100, WIRE_MAX_PAYLOAD };
	static const unsigned units[] = { PROTO_MAX_UNIT, 8 };
	uint8_t f[WIRE_MAX_FRAME];
	struct proto_rx rx;
	struct proto_wrx w;
	struct proto_answer a;
	size_t n, i, u;

	for (u = 0; u < 2; u++) {
		words_init(&rx, &w, units[u]);
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
			n = data_frame(f, (uint16_t)(i + 1), lens[i]);
			CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_FRAME);
			CHECK_EQ(w.have, 0);
			CHECK_EQ(rx.frame.seq, i + 1);
			CHECK_EQ(rx.frame.len, lens[i]);
			CHECK(!memcmp(rx.frame.payload, f + WIRE_HDR, lens[i]));
			(void)proto_rx_decide(&rx, WIRE_ST_OK, (uint8_t)i, 0);
			CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_NONE);  /* its verdict was lost */
			CHECK_EQ(a.kind, WIRE_REC_VERDICT);
			CHECK_EQ(a.arg, proto_verdict_arg((uint16_t)(i + 1), WIRE_ST_OK, (uint8_t)i));
		}
	}
}

/* A frame sealed with another key (a forger's guess) is dropped and
 * answered NAK; data is dropped until RESYNC, and the frame sent after it
 * is taken.  A RESYNC under the wrong key is no RESYNC. */
static void test_words_forged(void)
{
	uint8_t f[WIRE_MAX_FRAME], sealed[WIRE_MAX_FRAME + WIRE_TAG + PROTO_MAX_UNIT];
	struct proto_rx rx;
	struct proto_wrx w;
	struct proto_answer a;
	size_t n = data_frame(f, 1, 60), off;  /* 80 bytes sealed: 4 signals of 24 */

	words_init(&rx, &w, PROTO_MAX_UNIT);
	memcpy(sealed, f, n);
	n = wire_seal(sealed, n, KEY ^ 1);
	memset(sealed + n, 0, PROTO_MAX_UNIT);
	for (off = 0; off < n; off += w.unit)
		CHECK_EQ(proto_wrx_data(&rx, &w, sealed + off, &a), WRX_NONE);
	CHECK_EQ(a.kind, WIRE_REC_NAK);
	CHECK_EQ(w.dropped, 1);
	n = data_frame(f, 1, 60);
	CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_NONE);  /* no RESYNC yet */
	CHECK_EQ(a.kind, 0);
	CHECK_EQ(feed_record(&rx, &w, WIRE_REC_RESYNC, 0, KEY ^ 1), WRX_NONE);
	CHECK_EQ(w.discard, 1);
	CHECK_EQ(feed_record(&rx, &w, WIRE_REC_RESYNC, 0, KEY), WRX_RECORD);
	CHECK_EQ(w.kind, WIRE_REC_RESYNC);
	CHECK_EQ(w.discard, 0);
	CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_FRAME);
	CHECK_EQ(rx.frame.seq, 1);
	CHECK_EQ(rx.next_seq, 1);
}

/* A foreign signal inside a frame: the frame fails its tag (NAK), the
 * rest is dropped, and the RESYNC that comes after the rest (FIFO) is
 * found wherever it lands, on wide and narrow signals alike; the frame
 * sent again is taken.  A stray where a frame must start is dropped alone. */
static void test_words_stray(void)
{
	static const unsigned units[] = { PROTO_MAX_UNIT, 8 };
	uint8_t f[WIRE_MAX_FRAME], sealed[WIRE_MAX_FRAME + WIRE_TAG + PROTO_MAX_UNIT];
	uint8_t stray[PROTO_MAX_UNIT];
	struct proto_rx rx;
	struct proto_wrx w;
	struct proto_answer a, nak = { 0, 0 };
	size_t n, sn, off, u;

	memset(stray, 0x3c, sizeof stray);
	for (u = 0; u < 2; u++) {
		words_init(&rx, &w, units[u]);
		n = data_frame(f, 1, 100);
		memcpy(sealed, f, n);
		sn = wire_seal(sealed, n, KEY);
		memset(sealed + sn, 0, PROTO_MAX_UNIT);
		CHECK_EQ(proto_wrx_data(&rx, &w, stray, &a), WRX_STRAY);
		CHECK_EQ(a.kind, 0);
		for (off = 0; off < sn; off += w.unit) {
			if (off == w.unit) {
				CHECK_EQ(proto_wrx_data(&rx, &w, stray, &a), WRX_NONE);
				if (a.kind)
					nak = a;
			}
			CHECK(proto_wrx_data(&rx, &w, sealed + off, &a) != WRX_FRAME);
			if (a.kind)
				nak = a;
		}
		CHECK_EQ(nak.kind, WIRE_REC_NAK);
		CHECK_EQ(feed_record(&rx, &w, WIRE_REC_RESYNC, 0, KEY), WRX_RECORD);
		CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_FRAME);
		CHECK_EQ(rx.frame.len, 100);
	}
}

/* A record broken by nothing: every kind comes through with its arg, on
 * 8-byte signals after a stray too; one that fails its tag is nothing. */
static void test_words_records(void)
{
	uint8_t stray[PROTO_MAX_UNIT];
	struct proto_rx rx;
	struct proto_wrx w;
	struct proto_answer a;

	memset(stray, WIRE_REC_MAGIC, sizeof stray);
	words_init(&rx, &w, 8);
	CHECK_EQ(proto_wrx_data(&rx, &w, stray, &a), WRX_NONE);  /* could start a record */
	CHECK_EQ(feed_record(&rx, &w, WIRE_REC_TURN, 0x123456789aULL, KEY), WRX_RECORD);
	CHECK_EQ(w.kind, WIRE_REC_TURN);
	CHECK_EQ(w.arg, 0x123456789aULL);
	CHECK(feed_record(&rx, &w, WIRE_REC_FIN, 0, KEY + 1) != WRX_RECORD);
	proto_wrx_listen(&w, 0);  /* a sender: records only */
	CHECK_EQ(feed_record(&rx, &w, WIRE_REC_VERDICT, proto_verdict_arg(7, 1, 2), KEY),
	         WRX_RECORD);
	CHECK_EQ(w.arg, proto_verdict_arg(7, 1, 2));
}

/* A window sent again after a NAK: the frames the receiver has are
 * repeats, each answered with the verdict it got, the first it lacks is
 * new; a frame older than what is remembered is out of sequence. */
static void test_words_window(void)
{
	uint8_t f[WIRE_MAX_FRAME];
	struct proto_rx rx;
	struct proto_wrx w;
	struct proto_answer a;
	size_t n;
	uint16_t seq;

	words_init(&rx, &w, PROTO_MAX_UNIT);
	for (seq = 1; seq <= 3 * PROTO_REMEMBER; seq++) {
		n = data_frame(f, seq, 30);
		CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_FRAME);
		(void)proto_rx_decide(&rx, WIRE_ST_OK, (uint8_t)seq, 0);
	}
	for (seq = 3 * PROTO_REMEMBER - PROTO_WINDOW + 1; seq <= 3 * PROTO_REMEMBER; seq++) {
		n = data_frame(f, seq, 30);
		CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_NONE);
		CHECK_EQ(a.kind, WIRE_REC_VERDICT);
		CHECK_EQ(a.arg, proto_verdict_arg(seq, WIRE_ST_OK, (uint8_t)seq));
	}
	n = data_frame(f, 3 * PROTO_REMEMBER + 1, 30);
	CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_FRAME);
	n = data_frame(f, 2 * PROTO_REMEMBER - 1, 30);  /* long gone */
	CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_NONE);
	CHECK_EQ(a.arg, proto_verdict_arg(2 * PROTO_REMEMBER - 1, WIRE_ST_SEQ, 0));
}

/* Bits and words share the sequence: HELLO on bits, then a frame on
 * words; that frame resent on bits is a repeat, answered with the verdict
 * it got on words, and a frame out of sequence on words gets SEQ. */
static void test_words_share_seq(void)
{
	struct wire_hello h = { WIRE_VERSION, 0, WIRE_CAP_FAST, WIRE_CPU_NONE, 5, KEY }, back;
	uint8_t p[64], f[WIRE_MAX_FRAME];
	struct proto_rx rx;
	struct proto_wrx w;
	struct proto_answer a;
	uint32_t word, verdict;
	size_t n;

	proto_rx_init(&rx);
	proto_wrx_init(&w, 8, KEY);
	proto_wrx_listen(&w, 1);
	n = wire_encode(f, WIRE_HELLO, 0, p, wire_hello_pack(p, &h));
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_FRAME);
	CHECK_EQ(wire_hello_parse(rx.frame.payload, rx.frame.len, &back), 0);
	CHECK_EQ(back.key, KEY);
	n = data_frame(f, 1, 5);
	CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_FRAME);
	word = proto_rx_decide(&rx, WIRE_ST_OK, 9, 0);
	CHECK_EQ(feed_frame(&rx, f, n, &verdict), RX_NONE);
	CHECK_EQ(verdict, word);
	CHECK_EQ(rx.next_seq, 2);
	n = data_frame(f, 5, 5);
	CHECK_EQ(feed_units(&rx, &w, f, n, &a), WRX_NONE);
	CHECK_EQ(a.kind, WIRE_REC_VERDICT);
	CHECK_EQ(a.arg, proto_verdict_arg(5, WIRE_ST_SEQ, 0));
}

int main(void)
{
	test_rx_partial_and_garbage();
	test_rx_turn();
	test_seq_wrap();
	test_short_bits();
	test_words_units();
	test_words_forged();
	test_words_stray();
	test_words_records();
	test_words_window();
	test_words_share_seq();
	return tests_result("unit_proto_rx");
}
