/* link_word.c - the fast transport, sending side (the receiving side is
 * in link_word_rx.c): frames and records as a stream of queued real-time
 * signals of l->unit bytes each (see proto.h), all bound to the session
 * by its key.  Only the peer's signals are heard, but any same-user
 * process can claim the peer's PID: what it sends fails its tag and is
 * dropped, a frame it broke is sent again, and a record it broke (two
 * signals wide) is made good by a timed resend.  Also the checks that
 * decide whether the transport may be used at all.  Records and the
 * receiving state come from link_word_rx.c. */
#include "link_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RETRY_MS 200       /* nothing heard this long: send again ... */
#define RETRY_MAX_MS 1000  /* ... doubling up to this */
#define MIN_ROOM 2         /* free queue slots each side needs for words */

/* How many more signals pid (0: we) may have queued: its
 * RLIMIT_SIGPENDING less what its user has pending; -1 if unknown. */
static long sigq_room(pid_t pid)
{
	struct os_desc d;

	return os_describe(pid, &d) < 0 ? -1 : d.room;
}

/* A user's RLIMIT_SIGPENDING is shared by all its processes: with room
 * for a mere signal or two (ulimit -i 1), queued signals could wait
 * forever on some other process's, so bits are used instead, which the
 * limit never stops. */
int link_can_fast(pid_t peer)
{
	long room;

	if (!os_words || !os_words_here())
		return 0;
	if ((room = os_queue_limit()) >= 0 && room < MIN_ROOM)
		return 0;
	if ((room = sigq_room(0)) >= 0 && room < MIN_ROOM)
		return 0;
	return peer <= 0 || (room = sigq_room(peer)) < 0 || room >= MIN_ROOM;
}

int link_new_key(struct link *l)
{
	return os_random(&l->key, sizeof l->key);
}

/* 1 while the peer is busy rather than deaf (as far as the system tells): it
 * runs or waits to (a loaded machine), or it has data signals of ours
 * still to take (ShdPnd).  A resend would only queue up behind them; a
 * signal on this transport is never lost, only a record that a foreign
 * signal split (on 8-byte signals) needs one. */
static int peer_busy(const struct link *l)
{
	struct os_desc d;

	if (os_describe(l->pid, &d) < 0)
		return 0;
	return d.state == 'R' || d.state == 'D' || (d.pending >> (LINK_SIGDATA - 1) & 1) != 0;
}

/* The side that sends frames: the next signal from the peer within ms,
 * and if it completes a record, *kind and *arg (else *kind is 0); bits
 * and words are dropped, since none carries the key.  Returns
 * LINK_TIMEOUT if nothing came, -1 if interrupted. */
static int await_record(struct link *l, int ms, uint8_t *kind, uint64_t *arg)
{
	struct link_rx *x = l->rx;
	struct proto_answer a;
	struct link_msg m;
	int r;

	*kind = 0;
	r = link_wait(l, ms, &m);
	if (r == LINK_DATA && proto_wrx_data(&x->bits, &x->words, m.data, &a) == WRX_RECORD) {
		*kind = x->words.kind;
		*arg = x->words.arg;
	}
	return r;
}

/* Send (and, while nothing answers, send again) what send() sends until
 * the record want (with arg match, or any when match is NULL) comes; a
 * NAK also asks for it again.  The peer's silence is timed from the
 * start: only an answer is progress. */
static mt_err exchange(struct link *l, mt_err (*send)(struct link *l, const void *ctx, int again),
                       const void *ctx, uint8_t want, int (*match)(uint64_t arg, const void *ctx),
                       uint64_t *arg)
{
	int retry = RETRY_MS, again = 0, r;
	int64_t sent, looked = 0;
	uint8_t kind;
	mt_err e;

	l->last_answer = mt_now_ms();
	for (;;) {
		if ((e = send(l, ctx, again)) != MT_OK)
			return e;
		sent = mt_now_ms();
		again = 1;
		for (;;) {
			if ((r = await_record(l, PROTO_TICK_MS, &kind, arg)) < 0)
				return MT_EINTR;
			if (kind == want && (!match || match(*arg, ctx))) {
				l->last_answer = mt_now_ms();
				return MT_OK;
			}
			if (kind == WIRE_REC_NAK)
				break;
			if (r != LINK_TIMEOUT && mt_now_ms() - looked < PROTO_TICK_MS)
				continue;  /* strays: the peer's description once a tick */
			looked = mt_now_ms();
			if ((e = link_check_time(l)) != MT_OK)
				return e;
			if (looked - sent >= retry && !peer_busy(l)) {
				retry = retry * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : retry * 2;
				break;
			}
		}
	}
}

static mt_err send_probe(struct link *l, const void *ctx, int again)
{
	uint8_t p[WIRE_PROBE];
	mt_err e;

	(void)ctx;
	(void)again;
	wire_probe(p, l->key);
	if ((e = link_send_data(l, p, WIRE_PROBE)) != MT_OK)
		return e;
	return link_send_data(l, p + LINK_NARROW, LINK_NARROW);
}

static int probe_unit(uint64_t arg, const void *ctx)
{
	(void)ctx;
	return arg == LINK_WIDE || arg == LINK_MID || arg == LINK_VALUE || arg == LINK_NARROW;
}

/* The probe (see wire_probe) is two data signals; the receiver says in
 * a record (of 8-byte halves: we cannot know more yet) how many bytes of
 * the first came intact: 36, 32 or 24 (it keeps no more, or is an older
 * build) or 8. */
mt_err link_go_fast(struct link *l)
{
	uint64_t unit;
	mt_err e;

	if (!l->rx && (e = link_rx_new(l)) != MT_OK)
		return e;
	proto_wrx_init(&l->rx->words, LINK_NARROW, l->key);
	if ((e = exchange(l, send_probe, NULL, WIRE_REC_PROBE, probe_unit, &unit)) != MT_OK)
		return e;
	l->unit = (unsigned)unit;
	proto_wrx_init(&l->rx->words, l->unit, l->key);
	link_word_reset();
	link_unpin();  /* see link_word_data */
	return MT_OK;
}

/* The frames in flight, oldest first: up to PROTO_WINDOW DATA frames go
 * before the first verdict is awaited, so that signals are always on their
 * way; any other frame waits for every verdict before it.  Verdicts come
 * in order.  One window per process: one link sends at a time. */
static struct {
	uint8_t buf[PROTO_WINDOW][WIRE_MAX_FRAME + WIRE_TAG + LINK_WIDE];
	size_t n[PROTO_WINDOW];
	uint16_t seq[PROTO_WINDOW];
	unsigned first, len;
	uint8_t status, info;      /* the last verdict taken */
	int failed;                /* it was not OK: nothing more goes */
} win;

void link_word_reset(void)
{
	win.first = win.len = 0;
	win.failed = 0;
}

/* Everything in flight again, after RESYNC: the receiver takes the frames
 * it had as repeats (their verdicts again) and the first it lacks anew. */
static mt_err resend(struct link *l)
{
	unsigned i, k;
	mt_err e;

	l->resyncs++;
	if ((e = link_word_record(l, l->unit, WIRE_REC_RESYNC, 0)) != MT_OK)
		return e;
	for (i = 0; i < win.len; i++) {
		k = (win.first + i) % PROTO_WINDOW;
		if ((e = link_word_units(l, win.buf[k], win.n[k], l->unit)) != MT_OK)
			return e;
	}
	return MT_OK;
}

/* Take verdicts until no more than limit frames are in flight (or one
 * failed).  The verdicts already queued are read before the clock is
 * looked at: a sender back from a long read of its input has them. */
static mt_err settle(struct link *l, unsigned limit)
{
	int retry = RETRY_MS, r;
	int64_t sent = mt_now_ms(), looked = 0;
	uint8_t kind;
	uint64_t arg;
	mt_err e;

	while (win.len > limit && !win.failed) {
		if ((r = await_record(l, PROTO_TICK_MS, &kind, &arg)) < 0)
			return MT_EINTR;
		if (kind == WIRE_REC_VERDICT && link_take_verdict(arg, win.seq[win.first])) {
			win.status = (uint8_t)(arg >> 8);
			win.info = (uint8_t)arg;
			win.failed = win.status != WIRE_ST_OK;
			win.first = (win.first + 1) % PROTO_WINDOW;
			win.len--;
			l->frames_acked++;
			l->last_answer = sent = mt_now_ms();
			retry = RETRY_MS;
			continue;
		}
		if (kind == WIRE_REC_NAK) {
			if ((e = resend(l)) != MT_OK)
				return e;
			sent = mt_now_ms();
			continue;
		}
		if (r != LINK_TIMEOUT && mt_now_ms() - looked < PROTO_TICK_MS)
			continue;  /* strays: the clock and the peer once a tick */
		looked = mt_now_ms();
		if ((e = link_check_time(l)) != MT_OK)
			return e;
		if (looked - sent >= retry && !peer_busy(l)) {
			retry = retry * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : retry * 2;
			if ((e = resend(l)) != MT_OK)
				return e;
			sent = mt_now_ms();
		}
	}
	return MT_OK;
}

mt_err link_word_xmit(struct link *l, const uint8_t *frame, size_t n,
                      uint8_t *status, uint8_t *info)
{
	int defer = frame[0] == WIRE_MAGIC && frame[1] == WIRE_DATA;
	unsigned k;
	mt_err e;

	if (!win.failed) {
		if (!win.len)
			l->last_answer = mt_now_ms();
		k = (win.first + win.len) % PROTO_WINDOW;
		memcpy(win.buf[k], frame, n);
		win.n[k] = wire_seal(win.buf[k], n, l->key);
		memset(win.buf[k] + win.n[k], 0, LINK_WIDE);  /* the last signal's padding */
		win.seq[k] = wire_frame_seq(frame);
		win.len++;
		if ((e = link_word_units(l, win.buf[k], win.n[k], l->unit)) != MT_OK)
			return e;
		if ((e = settle(l, defer ? PROTO_WINDOW - 1 : 0)) != MT_OK)
			return e;
	}
	if (win.failed) {  /* this frame's verdict, or an earlier one's */
		*status = win.status;
		*info = win.info;
		win.len = 0;
		return MT_OK;
	}
	/* a DATA frame still in flight counts as accepted until told not */
	*status = defer ? WIRE_ST_OK : win.status;
	*info = defer ? 0 : win.info;
	return MT_OK;
}

mt_err link_word_flush(struct link *l)
{
	return settle(l, 0);
}

static mt_err send_ping(struct link *l, const void *ctx, int again)
{
	(void)again;
	return link_word_record(l, l->unit, WIRE_REC_PING, *(const uint64_t *)ctx);
}

static int pong_for(uint64_t arg, const void *ctx)
{
	return arg == *(const uint64_t *)ctx;
}

mt_err link_word_ping(struct link *l)
{
	uint64_t n = ++l->pings, arg;

	return exchange(l, send_ping, &n, WIRE_REC_PONG, pong_for, &arg);
}

mt_err link_word_send(struct link *l, uint8_t kind, uint64_t arg)
{
	return link_word_record(l, l->unit, kind, arg);
}
