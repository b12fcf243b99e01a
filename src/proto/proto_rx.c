/* proto_rx.c - the receiver's side of the protocol: the bit parser and
 * the word transport's reassembler, sharing one sequence state; see
 * proto.h and minitalk(7) for the rules they follow. */
#include "proto.h"

#include <string.h>

/* Every position a frame and its verdict can reach fits the answer. */
_Static_assert(WIRE_MAX_FRAME * 8 + WIRE_VERDICT_BITS < PROTO_LOST,
               "frame positions overflow the query answer");

static void putbit(uint8_t *buf, size_t i, int bit)
{
	uint8_t m = (uint8_t)(0x80 >> (i & 7));

	if (bit)
		buf[i >> 3] |= m;
	else
		buf[i >> 3] &= (uint8_t)~m;
}

void proto_rx_init(struct proto_rx *rx)
{
	memset(rx, 0, sizeof *rx);
	rx->state = RX_HDR;
}

static void rx_answer(struct proto_rx *rx, uint32_t word, int final)
{
	rx->word = word;
	rx->final = final;
	rx->vbit = 0;
	rx->state = RX_VERDICT;
}

/* A whole frame is in buf: check it and decide whether the caller sees
 * it.  Returns RX_FRAME for a new frame; otherwise *word is the answer
 * (*final whether it ends the session) and *bad says the frame failed
 * its check, so no verdict can be tied to it. */
static enum proto_rx_event rx_frame(struct proto_rx *rx, const uint8_t *buf, size_t n,
                                    uint32_t *word, int *final, int *bad)
{
	struct wire_frame *f = &rx->frame;

	*word = 0;
	*final = 0;
	*bad = wire_decode(buf, n, f) < 0;
	if (*bad)
		return RX_NONE;
	rx->fcrc = wire_frame_crc(buf, n);
	if (f->seq == rx->next_seq)
		return RX_FRAME;
	if (rx->have_last && f->seq == (uint16_t)(rx->next_seq - 1)) {
		*word = rx->last_word;
		*final = rx->last_final;
	} else if ((uint16_t)(rx->next_seq - f->seq) <= rx->nremembered) {
		/* an older frame of a window sent again: its status and info
		 * (the word transport's verdict needs no more) */
		*word = (uint32_t)rx->remembered[f->seq % PROTO_REMEMBER] << 16;
	} else {
		*word = wire_verdict(rx->fcrc, WIRE_ST_SEQ, 0);
		*final = 1;
	}
	return RX_NONE;
}

static enum proto_rx_event rx_complete(struct proto_rx *rx)
{
	uint32_t word;
	int final, bad;

	if (rx_frame(rx, rx->buf, rx->need / 8, &word, &final, &bad) == RX_FRAME)
		return RX_FRAME;
	rx_answer(rx, word, final);  /* a bad frame gets no valid verdict: resent */
	return RX_NONE;
}

static enum proto_rx_event rx_bit(struct proto_rx *rx, int bit, int *reply)
{
	long len;

	*reply = bit;
	switch (rx->state) {
	case RX_FINISHED:
		if (bit == PROTO_FIN) {
			*reply = -1;
			return RX_FIN;
		}
		rx->state = RX_HDR;  /* the final verdict was lost: a resent frame */
		rx->nbits = 0;
		/* fall through */
	case RX_HDR:
		putbit(rx->buf, rx->nbits++, bit);
		if (rx->nbits % 8)
			return RX_NONE;
		if ((len = wire_frame_len(rx->buf, rx->nbits / 8)) < 0) {
			rx->state = RX_DISCARD;
			*reply = !bit;
		} else if (len > 0) {
			rx->need = (size_t)len * 8;
			rx->state = RX_BODY;
		}
		return RX_NONE;
	case RX_BODY:
		putbit(rx->buf, rx->nbits++, bit);
		return rx->nbits == rx->need ? rx_complete(rx) : RX_NONE;
	case RX_VERDICT:
		if (bit != 0) {  /* clocks are zeros: we lost our place */
			rx->state = RX_DISCARD;
			*reply = !bit;
			return RX_NONE;
		}
		*reply = (int)(rx->word >> (31 - rx->vbit) & 1);
		if (++rx->vbit == WIRE_VERDICT_BITS) {
			rx->nbits = 0;
			rx->between = !rx->final;
			rx->state = rx->final ? RX_FINISHED : RX_HDR;
		}
		return RX_NONE;
	case RX_DISCARD:
		*reply = !bit;
		return RX_NONE;
	}
	return RX_NONE;
}

enum proto_rx_event proto_rx_bit(struct proto_rx *rx, int bit, int *reply)
{
	enum proto_rx_event ev;
	int between = rx->between;

	rx->between = 0;
	if (rx->state == RX_HDR && rx->nbits == 0 && bit == 1) {
		/* Every frame starts with a 0.  A 1 right after a verdict is
		 * TURN, answered (echoed); anywhere else a stale answer of a
		 * turn already taken, or a sender that lost its place after
		 * our silence: no answer, so it times out and starts again. */
		*reply = between ? 1 : -1;
		ev = between ? RX_TURN : RX_NONE;
	} else {
		ev = rx_bit(rx, bit, reply);
	}

	if (*reply >= 0)
		rx->last_reply = *reply;
	return ev;
}

uint32_t proto_rx_where(const struct proto_rx *rx, unsigned qid)
{
	size_t pos;

	switch (rx->state) {
	case RX_HDR:
	case RX_BODY:
		pos = rx->nbits;
		break;
	case RX_VERDICT:
		pos = rx->need + (size_t)rx->vbit;
		break;
	case RX_FINISHED:
		pos = rx->need + WIRE_VERDICT_BITS;
		break;
	default:
		pos = PROTO_LOST;
	}
	return (uint32_t)(qid & PROTO_QID_MASK) << 19 | (rx->between ? PROTO_BETWEEN : 0) |
	       (uint32_t)(rx->last_reply & 1) << PROTO_LAST_BIT | (uint32_t)(pos & PROTO_LOST);
}

uint32_t proto_rx_decide(struct proto_rx *rx, uint8_t status, uint8_t info,
                         int final)
{
	rx->remembered[rx->next_seq % PROTO_REMEMBER] = (uint16_t)(status << 8 | info);
	if (rx->nremembered < PROTO_REMEMBER)
		rx->nremembered++;
	rx->next_seq++;
	rx->have_last = 1;
	rx->last_word = wire_verdict(rx->fcrc, status, info);
	rx->last_final = final;
	return rx->last_word;
}

void proto_rx_verdict(struct proto_rx *rx, uint8_t status, uint8_t info,
                      int final)
{
	rx_answer(rx, proto_rx_decide(rx, status, info, final), final);
}

void proto_rx_silence(struct proto_rx *rx)
{
	if (rx->state == RX_FINISHED || (rx->state == RX_HDR && rx->nbits == 0))
		return;
	rx->between = 0;
	rx->nbits = 0;
	/* after a final verdict only that frame again (its verdict was
	 * lost) or FIN can come: RX_FINISHED takes either */
	rx->state = rx->have_last && rx->last_final ? RX_FINISHED : RX_HDR;
}

void proto_wrx_init(struct proto_wrx *w, unsigned unit, uint64_t key)
{
	memset(w, 0, sizeof *w);
	w->unit = unit;
	w->key = key;
}

void proto_wrx_listen(struct proto_wrx *w, int frames)
{
	w->frames = frames;
	w->discard = 0;
	w->have = w->need = 0;
	w->has_prev = 0;
}

uint64_t proto_verdict_arg(uint16_t seq, uint8_t status, uint8_t info)
{
	return (uint64_t)seq << 16 | (uint64_t)status << 8 | info;
}

/* A record in this signal, or (signals narrower than a record) in the
 * last one and this: looked for at every signal, so that a foreign signal
 * before it, or a frame it broke, cannot hide it. */
static int wrx_record(struct proto_wrx *w, const uint8_t *p)
{
	uint8_t r[WIRE_REC];

	if (w->unit >= WIRE_REC)
		return p[0] == WIRE_REC_MAGIC && wire_record_parse(p, w->key, &w->kind, &w->arg) == 0;
	if (!w->has_prev || w->prev[0] != WIRE_REC_MAGIC)
		return 0;
	memcpy(r, w->prev, w->unit);
	memcpy(r + w->unit, p, WIRE_REC - w->unit);
	return wire_record_parse(r, w->key, &w->kind, &w->arg) == 0;
}

enum proto_wrx_event proto_wrx_data(struct proto_rx *rx, struct proto_wrx *w,
                                    const uint8_t *p, struct proto_answer *answer)
{
	uint32_t word;
	long len;
	size_t n;
	int final, bad;

	answer->kind = 0;
	if (wrx_record(w, p)) {
		/* the peer never sends one inside a frame: any partial frame
		 * was broken by a foreign signal, and is dropped */
		w->has_prev = 0;
		w->have = w->need = 0;
		if (w->kind == WIRE_REC_RESYNC)
			w->discard = 0;
		return WRX_RECORD;
	}
	memcpy(w->prev, p, w->unit);
	w->has_prev = 1;
	if (!w->frames || w->discard)
		return WRX_NONE;
	if (!w->have) {  /* a frame must start here */
		len = wire_frame_len(p, w->unit < WIRE_HDR ? w->unit : WIRE_HDR);
		if (len <= 0)  /* a record's first half, or a stray */
			return p[0] == WIRE_REC_MAGIC && w->unit < WIRE_REC ? WRX_NONE : WRX_STRAY;
		w->need = (size_t)len + WIRE_TAG;
	}
	memcpy(w->buf + w->have, p, w->unit);
	w->have += w->unit;
	if (w->have < w->need)
		return WRX_NONE;
	n = w->need;
	w->have = w->need = 0;
	if (wire_sealed(w->buf, n, w->key) < 0) {
		w->dropped++;
		w->discard = 1;
		answer->kind = WIRE_REC_NAK;
		return WRX_NONE;
	}
	if (rx_frame(rx, w->buf, n - WIRE_TAG, &word, &final, &bad) == RX_FRAME)
		return WRX_FRAME;
	if (!bad) {  /* a repeat (its verdict was lost), or out of sequence */
		answer->kind = WIRE_REC_VERDICT;
		answer->arg = proto_verdict_arg(rx->frame.seq, (uint8_t)(word >> 24),
		                                (uint8_t)(word >> 16));
	}
	return WRX_NONE;
}
