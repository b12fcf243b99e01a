/* link_word.c - the fast transport: a frame as a stream of queued
 * real-time signals of l->unit bytes each, answered by one verdict word
 * (see proto.h).  Queued signals are never merged and only the peer's are
 * heard, so nothing is lost on the way; a frame that fails its check all
 * the same is sent again after a RESYNC. */
#include "link_int.h"

#include <string.h>

#define RESENDS_MAX 8   /* a frame failing this often: something is broken */

const uint8_t link_probe[LINK_WIDE] = {
	'm', 'i', 'n', 'i', 't', 'a', 'l', 'k', 0x5a, 0xa5, 0x3c, 0xc3,
	0x0f, 0xf0, 0x96, 0x69, 0x01, 0x80, 0x7e, 0xe7, 0x24, 0x42, 0xdb, 0xbd
};

/* Sender: the next word from the receiver; bits (late echoes) are
 * dropped, and the receiver's silence is timed. */
static mt_err await_word(struct link *l, uint32_t *w)
{
	struct link_msg m;
	int r;
	mt_err e;

	for (;;) {
		r = link_wait(l, PROTO_TICK_MS, &m);
		if (r < 0)
			return MT_EINTR;
		if (r == LINK_WORD) {
			l->last_answer = mt_now_ms();
			*w = m.word;
			return MT_OK;
		}
		if (r == LINK_TIMEOUT && (e = link_check_time(l)) != MT_OK)
			return e;
	}
}

/* The probe is one data signal full of known bytes; the receiver says
 * how many of them came intact: LINK_WIDE, LINK_NARROW, or none. */
mt_err link_go_fast(struct link *l)
{
	uint32_t w = 0;
	mt_err e;

	l->last_answer = mt_now_ms();
	if ((e = link_send_data(l, link_probe, LINK_WIDE)) != MT_OK)
		return e;
	while (PROTO_W_TAG(w) != PROTO_W_PROBE)
		if ((e = await_word(l, &w)) != MT_OK)
			return e;
	w = PROTO_W_ARG(w);
	l->unit = w == LINK_WIDE || w == LINK_NARROW ? w : 0;
	l->nsent = 0;
	if (l->unit)
		link_unpin();  /* see link_word_data */
	return MT_OK;
}

mt_err link_word_xmit(struct link *l, const uint8_t *frame, size_t n,
                      uint8_t *status, uint8_t *info)
{
	uint32_t fcrc = wire_frame_crc(frame, n), w;
	uint8_t last[LINK_WIDE];
	size_t off, k;
	int tries;
	mt_err e;

	l->last_answer = mt_now_ms();
	for (tries = 0;; tries++) {
		for (off = 0; off < n; off += k) {
			k = n - off < l->unit ? n - off : l->unit;
			if (k < l->unit) {  /* the last signal is padded */
				memset(last, 0, sizeof last);
				memcpy(last, frame + off, k);
			}
			e = link_send_data(l, k < l->unit ? last : frame + off, l->unit);
			if (e != MT_OK)
				return e;
			l->nsent++;
		}
		do {
			if ((e = await_word(l, &w)) != MT_OK)
				return e;
			if (!PROTO_IS_CONTROL(w) && wire_verdict_parse(w, fcrc, status, info) == 0)
				return MT_OK;
		} while (PROTO_W_TAG(w) != PROTO_W_NAK);  /* else a stale answer */
		if (tries == RESENDS_MAX)
			return MT_EPROTO;
		l->resyncs++;
		if ((e = link_send_word(l, PROTO_W_RESYNC | (l->nsent & 0xffffff))) != MT_OK)
			return e;
	}
}

/* Receiver: the probe, then data signals into frames. */
mt_err link_word_data(struct link *l, const uint8_t *p, const struct wire_frame **f)
{
	struct link_rx *x = l->rx;
	uint32_t answer;
	unsigned unit;

	if (x->expect_probe) {
		x->expect_probe = 0;
		unit = !memcmp(p, link_probe, LINK_WIDE) ? LINK_WIDE :
		       !memcmp(p, link_probe, LINK_NARROW) ? LINK_NARROW : 0;
		proto_wrx_init(&x->words, unit);
		l->unit = unit;
		/* Unlike bits, words are better on two CPUs: on one, every
		 * signal wakes the receiver; on two it drains them in batches. */
		if (unit)
			link_unpin();
		return link_send_word(l, PROTO_W_PROBE | unit);
	}
	if (!x->words.unit)
		return MT_OK;  /* no probe came first: not ours to read */
	if (proto_wrx_data(&x->bits, &x->words, p, &answer) == RX_FRAME) {
		x->words_frame = 1;
		*f = &x->bits.frame;
		return MT_OK;
	}
	return answer ? link_send_word(l, answer) : MT_OK;
}

mt_err link_word_control(struct link *l, uint32_t w, int *end)
{
	struct link_rx *x = l->rx;

	if (PROTO_W_TAG(w) == PROTO_W_FIN && x->final) {
		*end = 1;
	} else if (PROTO_W_TAG(w) == PROTO_W_TURN) {
		*end = 1;  /* the peer listens now: we send */
		l->turned = 1;
		l->connected = 1;
		l->last_answer = mt_now_ms();
	} else if (PROTO_W_TAG(w) == PROTO_W_RESYNC && x->words.unit) {
		proto_wrx_resync(&x->words, PROTO_W_ARG(w));
	}
	return MT_OK;
}
