/* link_bit.c - the classic transport, sender's side: a frame one bit per
 * signal, each answered, then 32 zero clocks that bring the verdict back.
 * Lost signals are found with position queries (see proto.h). */
#include "link_int.h"

#include <stdlib.h>

/* The silence that makes the receiver drop a partial frame.  Before the
 * receiver has answered us, also wait while it is visibly busy with
 * another sender: waiting in line is not silence, and probing it then
 * would only disturb the transfer in progress. */
static mt_err keep_quiet(struct link *l)
{
	long a0, a1;

	if (link_quiet(PROTO_QUIET_MS) < 0)
		return MT_EINTR;
	while (!l->connected && (a0 = link_activity(l->pid)) >= 0) {
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
	return link_check_time(l);
}

/* Ask where the receiver is (and with reset, make it drop the frame it
 * holds first).  Queries ride a queued signal that nothing can swallow;
 * answers to bits that arrive meanwhile are stale and dropped.  Asks again,
 * less and less often, while the receiver is slow to answer. */
mt_err link_bit_ask(struct link *l, int reset, uint32_t *where)
{
	int ms = PROTO_ACK_MS, r;
	struct link_msg m;
	mt_err e;

	for (;;) {
		l->qid = (l->qid + 1) & PROTO_QID_MASK;
		if ((e = link_send_word(l, l->qid | (reset ? PROTO_Q_RESET : 0))) != MT_OK)
			return e;
		for (;;) {
			r = link_wait(l, ms, &m);
			if (r < 0)
				return MT_EINTR;
			if (r == LINK_TIMEOUT)
				break;
			if (r == LINK_WORD && PROTO_QID(m.word) == l->qid) {
				l->last_answer = mt_now_ms();
				*where = m.word;
				return MT_OK;
			}
		}
		if ((e = link_check_time(l)) != MT_OK)
			return e;
		ms = ms * 2 > PROTO_ASK_MAX_MS ? PROTO_ASK_MAX_MS : ms * 2;
	}
}

/* Send one encoded frame until the receiver returns a valid verdict.
 * Until the receiver has answered us it may not be listening to us at all
 * (it serves another sender), so trouble is met with silence and a fresh
 * start; after that, with queries (see proto.h). */
mt_err link_bit_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                     uint8_t *status, uint8_t *info)
{
	struct proto_tx tx;
	enum proto_tx_action act = TX_MORE;
	struct link_msg m;
	uint32_t where;
	mt_err e;
	int r;

	proto_tx_start(&tx, frame, n);
	while (act != TX_DONE) {
		if (act == TX_RESYNC) {
			if (!l->connected) {
				if ((e = keep_quiet(l)) != MT_OK)
					return e;
			} else if ((e = link_bit_ask(l, 1, &where)) != MT_OK) {
				return e;
			}
			if (once && l->connected)
				return MT_EREFUSED;
			proto_tx_restart(&tx);
			l->resyncs++;
		} else if (act == TX_QUERY) {
			l->queries++;
			if ((e = link_bit_ask(l, 0, &where)) != MT_OK)
				return e;
			if ((act = proto_tx_where(&tx, where)) != TX_MORE)
				continue;
		}
		if ((e = link_send_bit(l, proto_tx_bit(&tx))) != MT_OK)
			return e;
		do
			r = link_wait(l, PROTO_ACK_MS, &m);
		while (r == LINK_WORD || r == LINK_DATA);  /* late answers to queries */
		if (r < 0)
			return MT_EINTR;
		if (r == LINK_BIT) {
			l->connected = 1;
			l->last_answer = mt_now_ms();
			act = proto_tx_reply(&tx, m.bit);
		} else if (!l->connected) {
			if ((e = link_check_time(l)) != MT_OK)
				return e;
			act = TX_RESYNC;
		} else {
			act = TX_QUERY;
		}
	}
	*status = tx.status;
	*info = tx.info;
	return MT_OK;
}

mt_err link_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                 uint8_t *status, uint8_t *info)
{
	if (l->unit)
		return link_word_xmit(l, frame, n, status, info);
	return link_bit_xmit(l, frame, n, once, status, info);
}

/* A position query is answered on either transport. */
mt_err link_keepalive(struct link *l)
{
	uint32_t where;

	return link_bit_ask(l, 0, &where);
}

void link_fin(struct link *l)
{
	if (l->unit)
		(void)link_send_word(l, PROTO_W_FIN);
	else
		(void)link_send_bit(l, PROTO_FIN);
}
