/* send_reply.c - the sender engine the other way: sigrecv sends its
 * command's output back as the reply, one short frame where it fits,
 * else FILE and DATA frames and a RESULT with the command's status. */
#include "send_int.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* A reply that is over within its first pause (the output at its end,
 * the command exited) and fits goes as one short frame, as a request
 * does; only as the first frame the sender takes, since a short frame has
 * no sequence number of its own.  MT_EREFUSED: the *have bytes read go
 * first in the usual stream. */
static mt_err reply_short(struct sender *s, const struct send_src *src,
                          int (*status)(void *ctx, int ms), uint8_t *buf, size_t *have)
{
	struct wire_short ws = { 0, 0, 0, 0, "", NULL, 0 };
	size_t room = WIRE_SHORT_MAX - WIRE_SHORT_FIXED;
	int64_t end = mt_now_ms() + IDLE_FLUSH_MS;  /* the sender waits meanwhile */
	int eof = 0, st, ms;
	ssize_t r;
	uint8_t vst;
	mt_err e;

	*have = 0;
	while (*have <= room && !eof) {
		if ((ms = (int)(end - mt_now_ms())) <= 0)
			return MT_EREFUSED;  /* a trickle: the reply streams */
		r = src->read(src->ctx, buf + *have, room + 1 - *have, ms, &eof);
		if (r < 0)
			return send_read_err(s, "");
		if (r == 0 && !eof)
			return MT_EREFUSED;  /* a pause: the reply streams */
		*have += (size_t)r;
	}
	ms = (int)(end - mt_now_ms());
	if (s->l->txseq || *have > room || (st = status(src->ctx, ms > 0 ? ms : 0)) < 0)
		return MT_EREFUSED;
	ws.cpu = (uint8_t)st;  /* in a reply: the command's status */
	if ((e = send_short_xmit(s, &ws, buf, *have, 0, &vst)) != MT_OK)
		return e;
	s->r->reply_status = st;
	return send_status_err(vst);
}

mt_err send_reply(struct link *l, const struct send_src *src, int (*status)(void *ctx, int ms),
                  int timeout_ms, struct send_result *r, int *more)
{
	struct send_opts o = { .timeout_ms = timeout_ms };
	struct sender *s = calloc(1, sizeof *s);
	uint8_t buf[WIRE_SHORT_MAX + 1];
	struct wire_end end;
	size_t have;
	int st = -1;
	mt_err e;

	memset(r, 0, sizeof *r);
	r->reply_status = -1;
	*more = 0;
	if (!s)
		return MT_ENOMEM;
	s->l = l;
	if ((e = send_init(s, &o, r)) != MT_OK)
		goto out;
	if ((e = reply_short(s, src, status, buf, &have)) != MT_EREFUSED) {
		*more = (s->info & WIRE_INFO_MORE) != 0;
		goto out;
	}
	e = send_one(s, src, WIRE_SIZE_UNKNOWN, "", (const char *)buf, have);
	/* The output is over; the command may still run: keep the sender
	 * informed until it exits. */
	while (e == MT_OK && (st = status(src->ctx, send_keepalive_ms(timeout_ms))) < 0)
		e = mt_stop_signal ? MT_EINTR : link_keepalive(l);
	if (e == MT_OK) {
		end.total = r->bytes_in;
		end.hash = r->hash = XXH3_64bits_digest(s->xxh);
		r->reply_status = st;
		e = send_frame(s, WIRE_RESULT, wire_result_pack(s->payload, &end, (uint8_t)st));
		*more = (s->info & WIRE_INFO_MORE) != 0;
	}
out:
	r->wire_bits = l->wire_bits;
	r->signals = l->signals;
	send_end(s);
	free(s);
	return e;
}
