/* link_bit.c - the classic transport, sender's side: a frame one bit per
 * signal, each answered, then 32 zero clocks that bring the verdict back.
 * What to send, when to ask, reset or keep quiet is the sender's machine
 * in proto_tx.c; this drives it with real signals and a real clock. */
#include "link_int.h"

#include <stdlib.h>
#include <unistd.h>

/* Silence: nothing sent for ms after the peer's last bit (a late answer
 * starts it again), so that the receiver, silent as long, drops the
 * partial frame and the frame can go again from its first bit.  Then,
 * while the receiver says it serves another sender (link_serves), we
 * wait in line, however long that takes: probing it would only disturb
 * the transfer in progress, and its silence to us is no timeout.  That
 * holds too for a sender it had answered and then let go (one slow to
 * say HELLO on a loaded machine).  A stopped receiver is knocked at, so
 * that the clock tells the user. */
static mt_err keep_quiet(struct link *l, int ms)
{
	int64_t end = mt_now_ms() + ms;
	struct link_msg m;
	pid_t who;
	int r;

	while ((r = link_wait(l, (int)(end > mt_now_ms() ? end - mt_now_ms() : 0), &m)) != LINK_TIMEOUT) {
		if (r < 0)
			return MT_EINTR;
		if (r == LINK_BIT)
			end = mt_now_ms() + ms;
	}
	while ((who = link_serves(l->pid)) > 0 && who != getpid()) {
		if ((r = link_quiet(l, 60 + rand() % 40)) < 0)
			return MT_EINTR;
		if (r > 0)
			break;  /* it answered us after all */
		if (!link_alive(l))
			return MT_EGONE;
		if (link_stopped(l))
			break;
		l->last_answer = mt_now_ms();
		if (!l->said_waiting++ && l->waiting)
			l->waiting(l->ctx);
	}
	return MT_OK;
}

/* Just after the peer handed us the turn, our echo of its TURN may have
 * been lost and TURN come again: answer it before our first bit, or it
 * would be taken for the answer to that bit. */
static mt_err answer_turns(struct link *l)
{
	struct link_msg m;
	mt_err e;
	int r;

	while (l->fresh_turn && (r = link_wait(l, 0, &m)) != LINK_TIMEOUT) {
		if (r < 0)
			return MT_EINTR;
		if (r == LINK_BIT && m.bit == 1 && (e = link_send_bit(l, 1)) != MT_OK)
			return e;
	}
	return MT_OK;
}

/* Wait up to ms for a bit from the peer (data signals are dropped). */
static int wait_bit_from(struct link *l, int ms, struct link_msg *m)
{
	int r;

	do
		r = link_wait(l, ms, m);
	while (r == LINK_DATA);
	return r;
}

/* Do what the sender's machine says until it is done: send, wait, keep
 * quiet, and check the clock whenever the receiver let a wait run out.
 * The machine decides; this only does the I/O and keeps the time.  Data
 * signals never answer a sender and are dropped here. */
static mt_err perform(struct link *l, struct proto_tx *tx, struct proto_tx_act a)
{
	struct link_msg m;
	mt_err e = MT_OK;
	int r;

	for (;;) {
		if (a.heard)
			l->last_answer = mt_now_ms();
		if (a.late && (e = link_check_time(l)) != MT_OK)
			return e;
		switch (a.what) {
		case TX_DONE:
			return MT_OK;
		case TX_REFUSED:
			return MT_EREFUSED;
		case TX_KEEP_QUIET:
			if ((e = keep_quiet(l, a.ms)) != MT_OK)
				return e;
			a = proto_tx_feed(tx, TX_EV_TIMEOUT, 0);
			continue;
		case TX_SEND_BIT:
			e = link_send_bit(l, (int)a.arg);
			break;
		case TX_SEND_QUERY:  /* never asked for with noask */
			return MT_EINTERNAL;
		case TX_KEEP_WAITING:
			break;
		}
		if (e != MT_OK)
			return e;
		if ((r = wait_bit_from(l, a.ms, &m)) < 0)
			return MT_EINTR;
		if (r == LINK_BIT)
			a = proto_tx_feed(tx, TX_EV_BIT, (uint32_t)m.bit);
		else
			a = proto_tx_feed(tx, TX_EV_TIMEOUT, 0);
	}
}

/* The machine lives for one frame or query; what the session knows
 * (whether the receiver has answered, the last qid, the counters) is
 * carried back into the link. */
static mt_err drive(struct link *l, struct proto_tx *tx, struct proto_tx_act a)
{
	mt_err e = perform(l, tx, a);

	l->connected = tx->connected;
	l->qid = tx->qid;
	l->queries += tx->queries;
	l->resyncs += tx->resyncs;
	return e;
}

mt_err link_bit_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                     uint8_t *status, uint8_t *info)
{
	struct proto_tx tx;
	mt_err e;

	if ((e = answer_turns(l)) != MT_OK)
		return e;
	if (l->knocked) {  /* a frame starts only once the peer dropped our knock */
		int64_t left = l->knocked + PROTO_SILENCE_MS - mt_now_ms();

		l->knocked = 0;
		if (left > 0 && (e = keep_quiet(l, (int)left)) != MT_OK)
			return e;
	}
	proto_tx_init(&tx, l->connected, l->qid);
	tx.noask = 1;  /* no queued queries: losses are repaired on stamped bits alone */
	if ((e = drive(l, &tx, proto_tx_begin(&tx, frame, n, once))) != MT_OK)
		return e;
	l->fresh_turn = 0;  /* the peer answered a whole frame: it listens */
	*status = tx.status;
	*info = tx.info;
	return MT_OK;
}

mt_err link_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                 uint8_t *status, uint8_t *info)
{
	mt_err e;

	l->frames_sent++;
	if (l->unit)
		return link_word_xmit(l, frame, n, status, info);
	if ((e = link_bit_xmit(l, frame, n, once, status, info)) == MT_OK)
		l->frames_acked = l->frames_sent;
	return e;
}

/* A knock on bits: a 0, answered; the silence before our next frame
 * makes the peer drop it again (a frame of one bit, or of a few knocks).
 * Only stamped bits: it needs no room in the signal queue and cannot be
 * forged.  A PING on words. */
mt_err link_keepalive(struct link *l)
{
	struct link_msg m;
	mt_err e;
	int r;

	if (l->unit)  /* verdicts in flight first: a PING waits for its PONG alone */
		return (e = link_word_flush(l)) != MT_OK ? e : link_word_ping(l);
	if ((e = answer_turns(l)) != MT_OK || (e = link_send_bit(l, 0)) != MT_OK)
		return e;
	if ((r = wait_bit_from(l, PROTO_ANSWER_MS, &m)) < 0)
		return MT_EINTR;
	if (r == LINK_BIT) {
		l->last_answer = mt_now_ms();
		l->fresh_turn = 0;
	} else if ((e = link_check_time(l)) != MT_OK) {
		return e;
	}
	/* The silence that makes the peer drop the knock is kept before our
	 * next frame (link_bit_xmit), not here: knocks follow each other at
	 * the keepalive's pace, so that a peer with a short -w hears one
	 * well within it, a loaded machine's delays included. */
	l->knocked = mt_now_ms();
	return MT_OK;
}

/* Hand the turn over on bits: a 1 right after a verdict, echoed.  A lost
 * TURN or echo is sent again; a 0 instead of the echo is the peer's first
 * bit (it took the turn, its echo was lost), kept for link_recv. */
mt_err link_bit_turn(struct link *l)
{
	int64_t start = mt_now_ms();
	int ms = PROTO_ACK_MS, r;
	struct link_msg m;
	mt_err e;

	for (;;) {
		if ((e = link_send_bit(l, 1)) != MT_OK)
			return e;
		if ((r = wait_bit_from(l, ms, &m)) < 0)
			return MT_EINTR;
		if (r == LINK_BIT) {
			l->last_answer = mt_now_ms();
			l->rx->first = m.bit == 0;
			return MT_OK;
		}
		if (!link_alive(l))
			return MT_EGONE;
		if (mt_now_ms() - start >= l->timeout_ms)
			return MT_ETIMEOUT;
		ms = ms * 2 > PROTO_ASK_MAX_MS ? PROTO_ASK_MAX_MS : ms * 2;
	}
}

void link_fin(struct link *l)
{
	if (l->unit)
		(void)link_word_send(l, WIRE_REC_FIN, 0);
	else
		(void)link_send_bit(l, PROTO_FIN);
}
