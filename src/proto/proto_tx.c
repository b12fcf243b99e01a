/* proto_tx.c - the sender's side of the bit transport as an explicit
 * state machine: one frame's bits and clocks, what the answers say, and
 * when to ask, reset or keep quiet; see proto.h and minitalk(7). */
#include "proto.h"

#include <string.h>

/* What an answer means for the frame, before it becomes an action. */
enum step { STEP_MORE, STEP_DONE, STEP_RESYNC };

static int getbit(const uint8_t *buf, size_t i)
{
	return buf[i >> 3] >> (7 - (i & 7)) & 1;
}

static struct proto_tx_act act(enum proto_tx_do what, uint32_t arg, int ms)
{
	struct proto_tx_act a = { what, arg, ms, 0, 0 };

	return a;
}

void proto_tx_init(struct proto_tx *tx, int connected, unsigned qid)
{
	memset(tx, 0, sizeof *tx);
	tx->state = TX_OVER;
	tx->connected = connected;
	tx->qid = qid & PROTO_QID_MASK;
}

/* The bit at the sender's position goes out: a frame bit, or a zero
 * clock for the verdict. */
static struct proto_tx_act send_bit(struct proto_tx *tx)
{
	int bit = tx->pos < tx->nbits ? getbit(tx->frame, tx->pos) : 0;

	tx->state = TX_WAIT_ACK;
	tx->ms = tx->noask ? PROTO_ANSWER_MS : PROTO_ACK_MS;
	return act(TX_SEND_BIT, (uint32_t)bit, tx->ms);
}

/* A query rides a queued signal that nothing can swallow, each with a
 * new qid so that a late reply to an earlier one is never taken for it. */
static struct proto_tx_act query(struct proto_tx *tx)
{
	tx->qid = (tx->qid + 1) & PROTO_QID_MASK;
	return act(TX_SEND_QUERY, tx->qid | (tx->reset ? PROTO_Q_RESET : 0), tx->ms);
}

static struct proto_tx_act ask(struct proto_tx *tx, enum proto_tx_state state, int reset)
{
	tx->state = state;
	tx->reset = reset;
	tx->ms = PROTO_ACK_MS;
	return query(tx);
}

/* A receiver slow to reply is asked again, less and less often. */
static struct proto_tx_act ask_again(struct proto_tx *tx)
{
	struct proto_tx_act a;

	tx->ms = tx->ms * 2 > PROTO_ASK_MAX_MS ? PROTO_ASK_MAX_MS : tx->ms * 2;
	a = query(tx);
	a.late = 1;
	return a;
}

static struct proto_tx_act restart(struct proto_tx *tx)
{
	tx->pos = 0;
	tx->word = 0;
	tx->nclock = 0;
	tx->resyncs++;
	return send_bit(tx);
}

/* The frame must go again from its first bit.  A receiver that has never
 * answered may not be listening to us at all, so it is given silence
 * (it drops a partial frame after PROTO_RESET_MS); one that has answered
 * is told to drop its frame with a reset query. */
static struct proto_tx_act resync(struct proto_tx *tx)
{
	if (!tx->connected || tx->noask) {
		tx->state = TX_QUIET;
		tx->ms = tx->connected ? PROTO_SILENCE_MS : PROTO_QUIET_MS;
		return act(TX_KEEP_QUIET, 0, tx->ms);
	}
	return ask(tx, TX_WAIT_RESET, 1);
}

static struct proto_tx_act over(struct proto_tx *tx, enum proto_tx_do what)
{
	tx->state = TX_OVER;
	return act(what, 0, 0);
}

static struct proto_tx_act go_on(struct proto_tx *tx, enum step s)
{
	if (s == STEP_DONE)
		return over(tx, TX_DONE);
	return s == STEP_MORE ? send_bit(tx) : resync(tx);
}

/* The answer to the bit in flight: an echo of a frame bit, or a bit of
 * the verdict clocked out. */
static enum step reply(struct proto_tx *tx, int bit)
{
	if (tx->pos < tx->nbits) {
		if (bit != getbit(tx->frame, tx->pos))
			return STEP_RESYNC;
		tx->pos++;
		return STEP_MORE;
	}
	tx->word = tx->word << 1 | (uint32_t)bit;
	if (++tx->nclock < WIRE_VERDICT_BITS)
		return STEP_MORE;
	if (wire_verdict_parse(tx->word, tx->fcrc, &tx->status, &tx->info) < 0)
		return STEP_RESYNC;
	return STEP_DONE;
}

/* The receiver's position says whether the bit or its answer was lost:
 * go on as if the answer had come, send the bit again, or resync. */
static enum step where(struct proto_tx *tx, uint32_t w)
{
	size_t at = tx->pos + (size_t)tx->nclock, pos = w & PROTO_LOST;

	if (w & PROTO_BETWEEN)  /* our last clock arrived: position 0 is next */
		pos = tx->nclock == WIRE_VERDICT_BITS - 1 ? at + 1 : 0;
	if (pos == at + 1)
		return reply(tx, (int)(w >> PROTO_LAST_BIT & 1));  /* the answer was lost */
	if (pos == at)
		return STEP_MORE;  /* the bit was lost: send it again */
	return STEP_RESYNC;
}

struct proto_tx_act proto_tx_begin(struct proto_tx *tx, const uint8_t *frame,
                                   size_t n, int once)
{
	tx->frame = frame;
	tx->nbits = n * 8;
	tx->pos = 0;
	tx->word = 0;
	tx->nclock = 0;
	tx->fcrc = wire_frame_crc(frame, n);
	tx->once = once;
	tx->status = tx->info = 0;
	return send_bit(tx);
}

struct proto_tx_act proto_tx_ask(struct proto_tx *tx, int reset)
{
	return ask(tx, TX_WAIT_ASKED, reset);
}

/* A bit in flight: its answer moves the frame on; without one, a
 * receiver that has answered before is asked where it is, one that
 * never has is given silence. */
static struct proto_tx_act on_wait_ack(struct proto_tx *tx, enum proto_tx_event ev,
                                       uint32_t value)
{
	struct proto_tx_act a;

	if (ev == TX_EV_BIT) {
		tx->connected = 1;
		a = go_on(tx, reply(tx, (int)(value & 1)));
		a.heard = 1;
		return a;
	}
	if (ev == TX_EV_WORD)  /* a late reply to an earlier query */
		return act(TX_KEEP_WAITING, 0, tx->ms);
	if (!tx->connected || tx->noask) {
		a = resync(tx);
		a.late = 1;
		return a;
	}
	tx->queries++;
	return ask(tx, TX_WAIT_WHERE, 0);
}

/* A query out: only the reply with its qid counts; bits that arrive
 * meanwhile answer bits already given up on. */
static struct proto_tx_act on_wait_reply(struct proto_tx *tx, enum proto_tx_event ev,
                                         uint32_t value)
{
	struct proto_tx_act a;

	if (ev == TX_EV_TIMEOUT)
		return ask_again(tx);
	if (ev != TX_EV_WORD || PROTO_QID(value) != tx->qid)
		return act(TX_KEEP_WAITING, 0, tx->ms);
	if (tx->state == TX_WAIT_WHERE)
		a = go_on(tx, where(tx, value));
	else if (tx->state == TX_WAIT_RESET)
		a = tx->once ? over(tx, TX_REFUSED) : restart(tx);
	else {
		tx->where = value;
		a = over(tx, TX_DONE);
	}
	a.heard = 1;
	return a;
}

struct proto_tx_act proto_tx_feed(struct proto_tx *tx, enum proto_tx_event ev,
                                  uint32_t value)
{
	struct proto_tx_act a;

	switch (tx->state) {
	case TX_WAIT_ACK:
		return on_wait_ack(tx, ev, value);
	case TX_WAIT_WHERE:
	case TX_WAIT_RESET:
	case TX_WAIT_ASKED:
		return on_wait_reply(tx, ev, value);
	case TX_QUIET:
		if (ev != TX_EV_TIMEOUT)
			return act(TX_KEEP_WAITING, 0, tx->ms);
		a = restart(tx);
		a.late = 1;  /* the silence is over: is the receiver still there? */
		return a;
	case TX_OVER:
		break;
	}
	return act(TX_KEEP_WAITING, 0, 0);
}
