/* link_bit.c - the classic transport, sender's side: a frame one bit per
 * signal, each answered, then 32 zero clocks that bring the verdict back.
 * What to send, when to ask, reset or keep quiet is the sender's machine
 * in proto_tx.c; this drives it with real signals and a real clock. */
#include "link_int.h"

#include <stdlib.h>

/* The silence that makes the receiver drop a partial frame (the machine
 * asks for it only before the receiver has answered us).  Also wait while
 * the receiver is visibly busy with another sender: waiting in line is
 * not silence, and probing it then would only disturb the transfer in
 * progress. */
static mt_err keep_quiet(struct link *l, int ms)
{
	long a0, a1;

	if (link_quiet(ms) < 0)
		return MT_EINTR;
	while ((a0 = link_activity(l->pid)) >= 0) {
		if (link_quiet(60 + rand() % 40) < 0)
			return MT_EINTR;
		a1 = link_activity(l->pid);
		if (a1 < 0 || a1 == a0)
			break;  /* idle (or stopped): time to knock again */
		if (!link_alive(l))
			return MT_EGONE;
		l->last_answer = mt_now_ms();
		if (!l->said_waiting++ && l->waiting)
			l->waiting(l->ctx);
	}
	return MT_OK;
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
		case TX_SEND_QUERY:
			e = link_send_word(l, a.arg);
			break;
		case TX_KEEP_WAITING:
			break;
		}
		if (e != MT_OK)
			return e;
		do
			r = link_wait(l, a.ms, &m);
		while (r == LINK_DATA);
		if (r < 0)
			return MT_EINTR;
		if (r == LINK_BIT)
			a = proto_tx_feed(tx, TX_EV_BIT, (uint32_t)m.bit);
		else if (r == LINK_WORD)
			a = proto_tx_feed(tx, TX_EV_WORD, m.word);
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

mt_err link_bit_ask(struct link *l, int reset, uint32_t *where)
{
	struct proto_tx tx;
	mt_err e;

	proto_tx_init(&tx, l->connected, l->qid);
	e = drive(l, &tx, proto_tx_ask(&tx, reset));
	*where = tx.where;
	return e;
}

mt_err link_bit_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                     uint8_t *status, uint8_t *info)
{
	struct proto_tx tx;
	mt_err e;

	proto_tx_init(&tx, l->connected, l->qid);
	if ((e = drive(l, &tx, proto_tx_begin(&tx, frame, n, once))) != MT_OK)
		return e;
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

/* A position query on bits, a PING on words. */
mt_err link_keepalive(struct link *l)
{
	uint32_t where;
	mt_err e;

	if (l->unit)  /* verdicts in flight first: a PING waits for its PONG alone */
		return (e = link_word_flush(l)) != MT_OK ? e : link_word_ping(l);
	return link_bit_ask(l, 0, &where);
}

void link_fin(struct link *l)
{
	if (l->unit)
		(void)link_word_send(l, WIRE_REC_FIN, 0);
	else
		(void)link_send_bit(l, PROTO_FIN);
}
