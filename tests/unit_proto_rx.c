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
		ev = proto_rx_bit(&rx, 1, &reply);
		inverted += reply == 0;
		CHECK_EQ(ev, RX_NONE);
	}
	CHECK(inverted >= 56);
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

/* Cut a frame into data signals of w->unit bytes, the last one padded
 * (with junk: padding must not matter), and feed them.  Only the last
 * may complete the frame; returns its event, *answer the last word. */
static enum proto_rx_event feed_units(struct proto_rx *rx, struct proto_wrx *w,
                                      const uint8_t *f, size_t n, uint32_t *answer)
{
	enum proto_rx_event ev = RX_NONE;
	uint8_t u[PROTO_MAX_UNIT];
	size_t off, k;

	for (off = 0; off < n; off += w->unit) {
		k = n - off < w->unit ? n - off : w->unit;
		memset(u, 0xa5, sizeof u);
		memcpy(u, f + off, k);
		ev = proto_wrx_data(rx, w, u, answer);
		CHECK(ev == RX_NONE || off + w->unit >= n);
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

/* Frames of every fit: shorter than a signal, ending on a signal's edge,
 * spanning many, the largest; on 24- and 8-byte signals alike, each
 * delivered once, at its last signal, with its verdict tied to it. */
static void test_words_units(void)
{
	static const size_t lens[] = { 0, 1, 12, 27, 100, WIRE_MAX_PAYLOAD };
	static const unsigned units[] = { PROTO_MAX_UNIT, 8 };
	uint8_t f[WIRE_MAX_FRAME], st, info;
	struct proto_rx rx;
	struct proto_wrx w;
	uint32_t answer, count = 0, word;
	size_t n, i, u;

	for (u = 0; u < 2; u++) {
		proto_rx_init(&rx);
		proto_wrx_init(&w, units[u]);
		rx.next_seq = 1;  /* HELLO came on bits */
		count = 0;
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
			n = data_frame(f, (uint16_t)(i + 1), lens[i]);
			CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_FRAME);
			count += (uint32_t)((n + units[u] - 1) / units[u]);
			CHECK_EQ(w.count, count);
			CHECK_EQ(w.have, 0);
			CHECK_EQ(rx.frame.seq, i + 1);
			CHECK_EQ(rx.frame.len, lens[i]);
			CHECK(!memcmp(rx.frame.payload, f + WIRE_HDR, lens[i]));
			word = proto_rx_decide(&rx, WIRE_ST_OK, (uint8_t)i, 0);
			CHECK_EQ(wire_verdict_parse(word, wire_frame_crc(f, n), &st, &info), 0);
			CHECK(st == WIRE_ST_OK && info == i);
		}
	}
}

/* A frame that fails its CRC is answered PROTO_W_NAK with the signal
 * count, and data is dropped until the sender's RESYNC; the frame sent
 * again is delivered once, and a repeat of it gets the same verdict. */
static void test_words_bad_crc(void)
{
	uint8_t f[WIRE_MAX_FRAME];
	struct proto_rx rx;
	struct proto_wrx w;
	uint32_t answer, word;
	size_t n = data_frame(f, 1, 60);  /* 72 bytes: 3 signals of 24 */

	proto_rx_init(&rx);
	proto_wrx_init(&w, PROTO_MAX_UNIT);
	rx.next_seq = 1;
	f[n - 10] ^= 0x40;
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_NONE);
	CHECK_EQ(answer, PROTO_W_NAK | 3);
	f[n - 10] ^= 0x40;
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_NONE);  /* no RESYNC yet */
	CHECK_EQ(answer, 0);
	proto_wrx_resync(&w, 6);  /* it came after all three: nothing left over */
	CHECK_EQ(w.discard, 0);
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_FRAME);
	CHECK_EQ(rx.frame.seq, 1);
	word = proto_rx_decide(&rx, WIRE_ST_OK, 0, 0);
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_NONE);  /* its verdict was lost */
	CHECK_EQ(answer, word);
	CHECK_EQ(rx.next_seq, 2);
}

/* A bad header is seen at the first signal; the RESYNC, a word, overtakes
 * the rest of the frame's data, which is dropped up to the count it names
 * (and only that: the frame sent again is taken). */
static void test_words_leftovers(void)
{
	uint8_t f[WIRE_MAX_FRAME], bad[WIRE_MAX_FRAME], u[PROTO_MAX_UNIT];
	struct proto_rx rx;
	struct proto_wrx w;
	uint32_t answer;
	size_t n = data_frame(f, 1, 60), k;

	proto_rx_init(&rx);
	proto_wrx_init(&w, PROTO_MAX_UNIT);
	rx.next_seq = 1;
	w.count = 0xfffffe;  /* the count wraps at 24 bits */
	memcpy(bad, f, n);
	bad[3] ^= 1;  /* the sequence number: the header check fails */
	CHECK_EQ(proto_wrx_data(&rx, &w, bad, &answer), RX_NONE);
	CHECK_EQ(answer, PROTO_W_NAK | 0xffffff);
	proto_wrx_resync(&w, 0xfffffe + 3);
	CHECK_EQ(w.discard, 2);
	for (k = 1; k < 3; k++) {  /* the leftovers */
		memcpy(u, bad + k * PROTO_MAX_UNIT, PROTO_MAX_UNIT);
		CHECK_EQ(proto_wrx_data(&rx, &w, u, &answer), RX_NONE);
		CHECK_EQ(answer, 0);
	}
	CHECK_EQ(w.count, 1);
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_FRAME);
	CHECK_EQ(rx.frame.seq, 1);
	CHECK_EQ(rx.frame.len, 60);
}

/* Bits and words share the sequence: HELLO on bits, then a frame on
 * words; that frame resent on bits is a repeat, answered with the verdict
 * it got on words, and a frame out of sequence on words gets SEQ. */
static void test_words_share_seq(void)
{
	struct wire_hello h = { WIRE_VERSION, 0, WIRE_CAP_FAST, WIRE_CPU_NONE, 5 };
	uint8_t p[64], f[WIRE_MAX_FRAME];
	struct proto_rx rx;
	struct proto_wrx w;
	uint32_t answer, word, verdict;
	size_t n;

	proto_rx_init(&rx);
	proto_wrx_init(&w, 8);
	n = wire_encode(f, WIRE_HELLO, 0, p, wire_hello_pack(p, &h));
	CHECK_EQ(feed_frame(&rx, f, n, NULL), RX_FRAME);
	n = data_frame(f, 1, 5);
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_FRAME);
	word = proto_rx_decide(&rx, WIRE_ST_OK, 9, 0);
	CHECK_EQ(feed_frame(&rx, f, n, &verdict), RX_NONE);
	CHECK_EQ(verdict, word);
	CHECK_EQ(rx.next_seq, 2);
	n = data_frame(f, 5, 5);
	CHECK_EQ(feed_units(&rx, &w, f, n, &answer), RX_NONE);
	CHECK_EQ(answer, wire_verdict(wire_frame_crc(f, n), WIRE_ST_SEQ, 0));
}

int main(void)
{
	test_rx_partial_and_garbage();
	test_seq_wrap();
	test_short_bits();
	test_words_units();
	test_words_bad_crc();
	test_words_leftovers();
	test_words_share_seq();
	return tests_result("unit_proto_rx");
}
