/* link_word_rx.c - the fast transport, receiving side: the probe, then
 * data signals into frames and records (proto_wrx_data), the answers to
 * them, and the classic transport's control words.  The sending side is
 * in link_word.c. */
#include "link_int.h"

#include <string.h>

_Static_assert(WIRE_PROBE == LINK_WIDE, "the probe is as wide as a signal may be");

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
		link_word_reset();
		*end = 1;  /* the peer listens now: we send */
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
