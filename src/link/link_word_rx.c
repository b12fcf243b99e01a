/* link_word_rx.c - the fast transport, receiving side: the receiving
 * state (made here for both sides, since a sender hears records too), the
 * probe, then data signals into frames and records (proto_wrx_data), and
 * the records that answer them.  The sending side, link_word.c, builds on
 * this file and never the other way round. */
#include "link_int.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(WIRE_PROBE == LINK_WIDE, "the probe is as wide as a signal may be");

/* The receiving side's state, made once per link: a sigrecv session, or
 * sigsend's first turn to listen. */
mt_err link_rx_new(struct link *l)
{
	if (!(l->rx = calloc(1, sizeof *l->rx)))
		return MT_ENOMEM;
	proto_rx_init(&l->rx->bits);
	proto_wrx_init(&l->rx->words, l->unit, l->key);
	return MT_OK;
}

/* n bytes as signals of unit bytes each. */
mt_err link_word_units(struct link *l, const uint8_t *p, size_t n, unsigned unit)
{
	size_t off;
	mt_err e;

	for (off = 0; off < n; off += unit)
		if ((e = link_send_data(l, p + off, unit)) != MT_OK)
			return e;
	return MT_OK;
}

/* A record in signals of unit bytes: one if it fits, else two. */
mt_err link_word_record(struct link *l, unsigned unit, uint8_t kind, uint64_t arg)
{
	uint8_t r[WIRE_REC];

	wire_record(r, kind, arg, l->key);
	return link_word_units(l, r, WIRE_REC, unit >= WIRE_REC ? WIRE_REC : unit);
}

/* Receiver: a record from the peer. */
static mt_err on_record(struct link *l, int *end)
{
	struct link_rx *x = l->rx;

	switch (x->words.kind) {
	case WIRE_REC_FIN:
		if (x->final)
			*end = 1;
		break;
	case WIRE_REC_TURN:
		if (!link_take_turn(x->words.arg, l->turns))
			break;  /* one we took already */
		l->turns++;
		*end = 1;  /* the peer listens now: we send (link_recv empties
		              our window of frames in flight) */
		l->turned = 1;
		l->connected = 1;
		l->last_answer = mt_now_ms();
		proto_wrx_listen(&x->words, 0);
		break;
	case WIRE_REC_PING:
		return link_word_record(l, l->unit, WIRE_REC_PONG, x->words.arg);
	case WIRE_REC_ASK:  /* the probe again: our answer was lost */
		return link_word_record(l, LINK_NARROW, WIRE_REC_PROBE, l->unit);
	default:
		break;  /* RESYNC was the reader's; the rest is for a sender */
	}
	return MT_OK;
}

/* Receiver: the probe, then data signals into frames and records. */
mt_err link_word_data(struct link *l, const uint8_t *p, const struct wire_frame **f, int *end)
{
	struct link_rx *x = l->rx;
	struct proto_answer a;
	unsigned unit;

	if (x->expect_probe) {  /* the reader takes 8-byte halves for now */
		if ((unit = wire_probe_width(p, l->key)) != 0) {
			memcpy(x->probe_half, p + LINK_NARROW, LINK_NARROW);
			x->probe_half_due = 1;
		} else if (proto_wrx_data(&x->bits, &x->words, p, &a) == WRX_RECORD &&
		           x->words.kind == WIRE_REC_ASK) {
			unit = LINK_NARROW;
		} else {
			return MT_OK;  /* not the probe: foreign, or its first half */
		}
		x->expect_probe = 0;
		l->unit = unit;
		proto_wrx_init(&x->words, unit, l->key);
		proto_wrx_listen(&x->words, 1);
		/* Unlike bits, words are better on two CPUs: on one, every
		 * signal wakes the receiver; on two it drains them in batches. */
		link_unpin();
		return link_word_record(l, LINK_NARROW, WIRE_REC_PROBE, unit);
	}
	if (!x->words.unit)
		return MT_OK;  /* no probe came first: not ours to read */
	if (x->probe_half_due) {
		x->probe_half_due = 0;
		if (!memcmp(p, x->probe_half, LINK_NARROW))
			return MT_OK;
	}
	switch (proto_wrx_data(&x->bits, &x->words, p, &a)) {
	case WRX_FRAME:
		x->turned_at = 0;  /* the peer took our TURN */
		if (x->final)
			return MT_OK;  /* a frame of a window after a failure: unused */
		x->words_frame = 1;
		*f = &x->bits.frame;
		return MT_OK;
	case WRX_RECORD:
		x->turned_at = 0;
		return on_record(l, end);
	default:
		break;
	}
	return a.kind ? link_word_record(l, l->unit, a.kind, a.arg) : MT_OK;
}
