/* link_serve.c - the receiver's side of a session: take a sender as the
 * peer, answer its bits, queries and data until a frame is complete, and
 * keep the time (a silent or vanished sender, the wait for FIN). */
#define _GNU_SOURCE
#include "link_int.h"

#include <stdlib.h>
#include <string.h>

/* A process that signals us but says no HELLO this long is let go: longer
 * than the silence a sender keeps before it starts a frame again, so
 * that a sender merely slow to say HELLO is not let go for keeping it. */
#define HELLO_MS (PROTO_SILENCE_MS + 3 * (PROTO_ACK_MS + PROTO_QUIET_MS))

/* Wait for the first bit of a sender we may answer.  Signals from a
 * process that is not a minitalk sender are ignored: it is never
 * signalled back (SIGUSR1 would kill most programs).  The role file
 * names the sender we serve from here until we wait for the next one:
 * a sender that comes while we end a session (a command to reap, a file
 * to commit) waits in line rather than on its clock. */
mt_err link_accept(struct link *l, int wait_ms, int timeout_ms)
{
	int64_t deadline = wait_ms < 0 ? -1 : mt_now_ms() + wait_ms;
	pid_t pid;
	int r, ms;

	memset(l, 0, sizeof *l);
	l->proc.fd = -1;
	link_serving(0);
	for (;;) {
		ms = deadline < 0 ? -1 : (int)(deadline - mt_now_ms());
		if (deadline >= 0 && ms < 0)
			ms = 0;
		if ((r = link_wait_first(ms, &pid)) <= 0)
			return r < 0 ? MT_EINTR : MT_ETIMEOUT;
		if (link_open(l, pid, LINK_SENDER) == MT_OK)
			break;
	}
	if (link_rx_new(l) != MT_OK) {
		link_close(l);
		return MT_ENOMEM;
	}
	link_serving(pid);
	l->timeout_ms = timeout_ms;
	l->rx->first = 1;
	return MT_OK;
}

void link_end(struct link *l)
{
	link_backlog_clear();
	link_close(l);
	link_unpin();
}

mt_err link_turn(struct link *l)
{
	mt_err e;

	if (!l->rx && (e = link_rx_new(l)) != MT_OK)
		return e;
	if (l->unit) {  /* a keyed record, and we listen for frames */
		e = link_word_send(l, WIRE_REC_TURN, ++l->turns);
		proto_wrx_listen(&l->rx->words, 1);
		l->rx->turned_at = mt_now_ms();
	} else {
		e = link_bit_turn(l);
	}
	if (e != MT_OK)
		return e;
	l->rx->final = 0;
	l->rx->listening = 1;
	l->rx->last = mt_now_ms();
	return MT_OK;
}

void link_expect_fast(struct link *l, uint64_t key)
{
	l->key = key;
	l->rx->expect_probe = 1;
	proto_wrx_init(&l->rx->words, LINK_NARROW, key);  /* a probe cut to 8 bytes */
}

/* A bit from the peer: answer it; a complete frame is handed out. */
static mt_err on_bit(struct link *l, int bit, const struct wire_frame **f, int *end)
{
	struct link_rx *x = l->rx;
	enum proto_rx_event ev;
	int reply;
	mt_err e;

	ev = proto_rx_bit(&x->bits, bit, &reply);
	if (reply >= 0 && (e = link_send_bit(l, reply)) != MT_OK)
		return e;
	if (ev == RX_FIN) {
		*end = 1;
	} else if (ev == RX_TURN) {
		*end = 1;  /* the peer listens now: we send */
		l->turned = 1;
		l->connected = 1;
		l->fresh_turn = 1;
		l->last_answer = mt_now_ms();
	} else if (ev == RX_FRAME)
		*f = &x->bits.frame;
	return MT_OK;
}

/* Nothing came for a tick: is the session over, or the peer lost? */
static mt_err on_silence(struct link *l, int64_t idle, int *end)
{
	struct link_rx *x = l->rx;

	/* The sender's silence: it starts the frame again (classic) */
	if (!l->unit && idle >= (x->listening || x->bits.next_seq ? PROTO_DROP_MS : PROTO_RESET_MS))
		proto_rx_silence(&x->bits);
	if (x->final) {  /* linger for FIN, or a resent final frame */
		if (!link_alive(l) || idle >= l->timeout_ms ||
		    (idle >= PROTO_LINGER_MS && !link_stopped(l)))
			*end = 1;  /* a stopped sender may yet need the verdict */
		return MT_OK;
	}
	if (!link_alive(l))
		return MT_EGONE;
	/* Our TURN (two signals on a narrow link) may have been broken by a
	 * foreign signal: until the peer is heard, it goes again now and then. */
	if (x->turned_at && mt_now_ms() - x->turned_at >= PROTO_TURN_MS) {
		x->turned_at = mt_now_ms();
		return link_word_send(l, WIRE_REC_TURN, l->turns);
	}
	/* Before HELLO the sender may be a stranger, or may have given up on
	 * us; a peer that turned to us is neither. */
	if (idle >= l->timeout_ms || (!x->listening && x->bits.next_seq == 0 && idle >= HELLO_MS))
		return MT_ETIMEOUT;
	return MT_OK;
}

/* A data signal from the peer.  A TURN it took makes us the sender: our
 * window of frames in flight starts empty. */
static mt_err word_data(struct link *l, const uint8_t *p, const struct wire_frame **f, int *end)
{
	unsigned turns = l->turns;
	mt_err e = link_word_data(l, p, f, end);

	if (l->turns != turns)
		link_word_reset();
	return e;
}

mt_err link_recv(struct link *l, const struct wire_frame **f)
{
	struct link_rx *x = l->rx;
	struct link_msg m;
	int kind = LINK_BIT, end = 0;
	int64_t now;
	mt_err e = MT_OK;

	*f = NULL;
	if (x->first) {  /* the bit link_accept took */
		x->first = 0;
		l->heard_bits++;
		x->last = mt_now_ms();
		if ((e = on_bit(l, 0, f, &end)) != MT_OK || *f)
			return e;
	}
	while (!*f && !end && e == MT_OK) {
		kind = link_wait(l, PROTO_TICK_MS, &m);
		if (kind < 0)
			return MT_EINTR;
		now = mt_now_ms();
		if (kind == LINK_TIMEOUT) {
			e = on_silence(l, now - x->last, &end);
			continue;
		}
		x->last = now;
		l->heard_bits += kind == LINK_BIT ? 1 : 8u * l->unit;
		if (kind == LINK_BIT)
			e = on_bit(l, m.bit, f, &end);
		else
			e = word_data(l, m.data, f, &end);
	}
	if (e != MT_OK && x->final && (e == MT_EGONE || e == MT_ETIMEOUT))
		e = MT_OK;  /* it left after the final verdict: fine */
	return e;
}

mt_err link_answer(struct link *l, uint8_t status, uint8_t info, int final)
{
	struct link_rx *x = l->rx;

	x->final |= final;
	if (!x->words_frame) {
		proto_rx_verdict(&x->bits, status, info, final);
		return MT_OK;  /* clocked out by the sender's zero bits */
	}
	x->words_frame = 0;
	(void)proto_rx_decide(&x->bits, status, info, final);  /* kept for a repeat */
	return link_word_send(l, WIRE_REC_VERDICT,
	                      proto_verdict_arg(x->bits.frame.seq, status, info));
}
