/* unit_proto_tx - the sender's machine against traces: each event fed
 * (an answer bit, a query's reply, a timeout) must give the next action
 * that minitalk(7) prescribes, with its wait, in order. */
#include <stdint.h>
#include <string.h>

#include "proto.h"
#include "unit.h"
#include "wire.h"

static struct proto_tx tx;
static struct proto_tx_act a;
static uint8_t frame[WIRE_MAX_FRAME];
static size_t nframe;

static int fbit(size_t i)
{
	return frame[i / 8] >> (7 - i % 8) & 1;
}

/* The action must be what, with arg, wait ms and the late flag. */
#define EXPECT(what_, arg_, ms_, late_) do { \
	CHECK_EQ(a.what, what_); \
	CHECK_EQ(a.arg, arg_); \
	CHECK_EQ(a.ms, ms_); \
	CHECK_EQ(a.late, late_); \
} while (0)

static void feed(enum proto_tx_event ev, uint32_t v)
{
	a = proto_tx_feed(&tx, ev, v);
}

/* The receiver's reply to query qid: at position pos, its last answer
 * bit last. */
static uint32_t reply(unsigned qid, uint32_t pos, int last)
{
	return (uint32_t)qid << 19 | (uint32_t)last << PROTO_LAST_BIT | pos;
}

static void start(int connected, int once)
{
	uint8_t p[16] = { WIRE_VERSION };

	nframe = wire_encode(frame, WIRE_HELLO, 0, p, sizeof p);
	proto_tx_init(&tx, connected, 0);
	a = proto_tx_begin(&tx, frame, nframe, once);
}

/* Echo frame bits from..n-1, then clock out the verdict word. */
static void finish(size_t from, uint32_t verdict)
{
	size_t i;

	for (i = from; i < nframe * 8; i++) {
		EXPECT(TX_SEND_BIT, (uint32_t)fbit(i), PROTO_ACK_MS, 0);
		feed(TX_EV_BIT, (uint32_t)fbit(i));
	}
	for (i = 0; i < WIRE_VERDICT_BITS; i++) {
		EXPECT(TX_SEND_BIT, 0, PROTO_ACK_MS, 0);
		feed(TX_EV_BIT, verdict >> (31 - i) & 1);
	}
}

/* A clean frame: each bit, then 32 zero clocks, then DONE with the
 * verdict's status and info; nothing else is sent. */
static void test_clean(void)
{
	start(0, 0);
	finish(0, wire_verdict(wire_frame_crc(frame, nframe), WIRE_ST_OK, 7));
	CHECK_EQ(a.what, TX_DONE);
	CHECK_EQ(a.heard, 1);
	CHECK(tx.status == WIRE_ST_OK && tx.info == 7);
	CHECK(tx.connected && !tx.queries && !tx.resyncs);
}

/* Before any answer, silence and a fresh start; after one, a position
 * query, asked again with a new qid at 5, 10, 20, 40, 80, then 100 ms;
 * stale bits and replies are ignored; the reply says the bit was lost
 * (send it again) or its answer was (go on with the bit it carries). */
static void test_late_answers(void)
{
	static const int waits[] = { 5, 10, 20, 40, 80, 100, 100 };
	unsigned q;

	start(0, 0);
	EXPECT(TX_SEND_BIT, 0, PROTO_ACK_MS, 0);
	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_KEEP_QUIET, 0, PROTO_QUIET_MS, 1);
	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_BIT, 0, PROTO_ACK_MS, 1);
	CHECK_EQ(tx.resyncs, 1);
	feed(TX_EV_WORD, reply(0, 0, 0));  /* no query is out: stale */
	EXPECT(TX_KEEP_WAITING, 0, PROTO_ACK_MS, 0);
	feed(TX_EV_BIT, 0);
	CHECK_EQ(a.heard, 1);
	CHECK_EQ(tx.connected, 1);
	EXPECT(TX_SEND_BIT, 1, PROTO_ACK_MS, 0);

	for (q = 1; q <= 7; q++) {
		feed(TX_EV_TIMEOUT, 0);
		EXPECT(TX_SEND_QUERY, q, waits[q - 1], q > 1);
	}
	CHECK_EQ(tx.queries, 1);
	feed(TX_EV_BIT, 1);  /* an answer already given up on */
	EXPECT(TX_KEEP_WAITING, 0, PROTO_ASK_MAX_MS, 0);
	CHECK_EQ(a.heard, 0);
	feed(TX_EV_WORD, reply(6, 2, 1));  /* the reply to an earlier query */
	EXPECT(TX_KEEP_WAITING, 0, PROTO_ASK_MAX_MS, 0);
	feed(TX_EV_WORD, reply(7, 1, 0));  /* at 1: our bit 1 was lost */
	CHECK_EQ(a.heard, 1);
	EXPECT(TX_SEND_BIT, 1, PROTO_ACK_MS, 0);

	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_QUERY, 8, PROTO_ACK_MS, 0);
	feed(TX_EV_WORD, reply(8, 2, 1));  /* at 2: its answer (1) was lost */
	EXPECT(TX_SEND_BIT, (uint32_t)fbit(2), PROTO_ACK_MS, 0);
	CHECK_EQ(tx.pos, 2);
	CHECK_EQ(tx.queries, 2);
	finish(2, wire_verdict(wire_frame_crc(frame, nframe), WIRE_ST_OK, 0));
	CHECK_EQ(a.what, TX_DONE);
}

/* A wrong echo, or a position that makes no sense, is met with a reset
 * query (asked again like any query); its reply restarts the frame.
 * With once, the reply ends the frame as REFUSED instead.  A verdict
 * that fails its check is a wrong answer too. */
static void test_resets(void)
{
	start(1, 0);
	feed(TX_EV_BIT, 1);  /* bit 0 is 0: a wrong echo */
	EXPECT(TX_SEND_QUERY, 1 | PROTO_Q_RESET, PROTO_ACK_MS, 0);
	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_QUERY, 2 | PROTO_Q_RESET, 2 * PROTO_ACK_MS, 1);
	feed(TX_EV_WORD, reply(2, 0, 0));
	EXPECT(TX_SEND_BIT, 0, PROTO_ACK_MS, 0);
	CHECK(tx.resyncs == 1 && tx.queries == 0);

	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_QUERY, 3, PROTO_ACK_MS, 0);
	feed(TX_EV_WORD, reply(3, 9, 0));  /* at 9 while we are at 0 */
	EXPECT(TX_SEND_QUERY, 4 | PROTO_Q_RESET, PROTO_ACK_MS, 0);
	feed(TX_EV_WORD, reply(4, 0, 0));
	CHECK_EQ(tx.resyncs, 2);
	finish(0, 0);  /* 32 zero bits: never a valid verdict */
	EXPECT(TX_SEND_QUERY, 5 | PROTO_Q_RESET, PROTO_ACK_MS, 0);

	start(1, 1);  /* a short frame: the receiver answered, then lost it */
	feed(TX_EV_BIT, 1);
	EXPECT(TX_SEND_QUERY, 1 | PROTO_Q_RESET, PROTO_ACK_MS, 0);
	feed(TX_EV_WORD, reply(1, 0, 1));
	CHECK_EQ(a.what, TX_REFUSED);
	CHECK_EQ(tx.resyncs, 0);
	CHECK_EQ(tx.state, TX_OVER);

	start(0, 1);  /* never answered: silence, then the frame again */
	feed(TX_EV_TIMEOUT, 0);
	CHECK_EQ(a.what, TX_KEEP_QUIET);
	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_BIT, 0, PROTO_ACK_MS, 1);
}

/* The last clock's answer lost while the receiver went on to wait for
 * the next frame ("between"): the reply's last bit completes the verdict. */
static void test_between(void)
{
	uint32_t v;
	size_t i;

	start(1, 0);
	v = wire_verdict(wire_frame_crc(frame, nframe), WIRE_ST_OK, 3);
	for (i = 0; i < nframe * 8; i++)
		feed(TX_EV_BIT, (uint32_t)fbit(i));
	for (i = 0; i < WIRE_VERDICT_BITS - 1; i++)
		feed(TX_EV_BIT, v >> (31 - i) & 1);
	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_QUERY, 1, PROTO_ACK_MS, 0);
	feed(TX_EV_WORD, reply(1, 0, (int)(v & 1)) | PROTO_BETWEEN);
	CHECK_EQ(a.what, TX_DONE);
	CHECK(tx.status == WIRE_ST_OK && tx.info == 3);
}

/* A query on its own (a keepalive): the qid goes on from the session's,
 * DONE gives the reply. */
static void test_ask(void)
{
	proto_tx_init(&tx, 1, PROTO_QID_MASK);
	a = proto_tx_ask(&tx, 0);
	EXPECT(TX_SEND_QUERY, 0, PROTO_ACK_MS, 0);
	feed(TX_EV_BIT, 0);
	EXPECT(TX_KEEP_WAITING, 0, PROTO_ACK_MS, 0);
	feed(TX_EV_TIMEOUT, 0);
	EXPECT(TX_SEND_QUERY, 1, 2 * PROTO_ACK_MS, 1);
	feed(TX_EV_WORD, reply(1, 40, 1));
	CHECK_EQ(a.what, TX_DONE);
	CHECK_EQ(a.heard, 1);
	CHECK_EQ(tx.where, reply(1, 40, 1));
	CHECK(tx.queries == 0 && tx.resyncs == 0);
	a = proto_tx_ask(&tx, 1);
	EXPECT(TX_SEND_QUERY, 2 | PROTO_Q_RESET, PROTO_ACK_MS, 0);
}

int main(void)
{
	test_clean();
	test_late_answers();
	test_resets();
	test_between();
	test_ask();
	return tests_result("unit_proto_tx");
}
