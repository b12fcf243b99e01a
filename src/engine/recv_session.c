/* recv_session.c - sigrecv's sessions: accept a sender, serve its
 * frames, and with -e send each reply back; and sigsend's side of a
 * reply, the same engine the other way. */
#define _GNU_SOURCE
#include "recv_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "send.h"

static ssize_t cmd_src(void *c, void *buf, size_t n, int ms, int *eof)
{
	return cmd_read(c, buf, n, ms, eof);
}

static int cmd_done(void *c, int ms)
{
	return cmd_status(c, ms);
}

/* The sender has handed us the turn: send the command's output back as
 * the reply, then end the session, or (sigsend -l) hand the turn back
 * for the next request. */
static mt_err reply(struct receiver *v, struct link *l)
{
	struct send_src src = { cmd_src, v->cmd };
	struct send_result sr;
	mt_err e;

	if (!v->cmd)
		return MT_EPROTO;
	e = send_reply(l, &src, cmd_done, v->o->timeout_ms, &sr, &v->more);
	if (e == MT_EREAD) {  /* the command's output: its pipe, or its spool */
		snprintf(v->r->what, sizeof v->r->what, "%s", cmd_what(v->cmd));
		v->r->errnum = sr.errnum;
	}
	cmd_free(v->cmd);  /* ends it if it still runs (the sender left) */
	v->cmd = NULL;
	v->r->reply_bytes += sr.bytes_in;
	v->r->status = sr.reply_status;
	if (e != MT_OK)
		return e;
	if (!v->more) {
		link_fin(l);
		return MT_OK;
	}
	v->nfiles = 0;
	v->zend = 0;
	v->req_bytes = 0;
	if (XXH3_64bits_reset(v->xxh) != XXH_OK)
		return MT_EINTERNAL;
	v->err = MT_EPROTO;
	return link_turn(l);
}

/* Take frames from the link until the session ends: a final verdict
 * (then FIN, or the sender's leaving), or a failure of the link.  With
 * replies the turn goes back and forth: sigrecv sends a reply when the
 * turn comes to it; sigsend's reply is over when the turn comes back. */
static mt_err serve(struct receiver *v, struct link *l)
{
	const struct wire_frame *f;
	int final, hello;
	uint8_t st, info;
	mt_err e;

	v->err = MT_EPROTO;
	for (;;) {
		if ((e = link_recv(l, &f)) != MT_OK)
			return e;
		if (!f && l->turned) {
			l->turned = 0;
			if (v->replying)
				return v->err;
			if ((e = reply(v, l)) != MT_OK || !v->more)
				return e;
			continue;
		}
		if (!f)
			return v->err;
		hello = f->type == WIRE_HELLO;  /* info's bits mean what the frame says */
		st = recv_frame(v, f, &final, &info);
		v->final |= final;
		if ((e = link_answer(l, st, info, final)) != MT_OK)
			return e;
		if (hello && (info & WIRE_CAP_FAST))
			link_expect_fast(l, v->key);
	}
}

mt_err recv_reply(struct link *l, int timeout_ms, int more, struct recv_result *r)
{
	struct recv_opts o = { .timeout_ms = timeout_ms };
	struct receiver *v = recv_new(&o, r);
	mt_err e;

	if (!v)
		return MT_ENOMEM;
	v->replying = 1;
	v->more = more;
	v->nframes = 1;  /* no HELLO: the session is under way */
	v->final = 0;
	e = serve(v, l);
	recv_free(v);
	return e;
}

/* A command whose sender took no reply (an older sigsend): its output is
 * dropped, and it is given the timeout to finish. */
static void cmd_drain(struct receiver *v)
{
	static uint8_t sink[65536];
	int64_t end = mt_now_ms() + v->o->timeout_ms;
	int eof = 0;

	cmd_end_input(v->cmd);
	while (!eof && !mt_stop_signal && mt_now_ms() < end)
		if (cmd_read(v->cmd, sink, sizeof sink, 100, &eof) < 0)
			break;
	v->r->status = cmd_status(v->cmd, (int)(end > mt_now_ms() ? end - mt_now_ms() : 0));
}

mt_err recv_session(const struct recv_opts *o, struct recv_result *r)
{
	struct receiver *v = recv_new(o, r);
	struct link l;
	mt_err e;

	if (!v)
		return MT_ENOMEM;
	do {
		if ((e = link_accept(&l, o->wait_ms, o->timeout_ms)) != MT_OK)
			break;
		r->peer = v->peer = l.pid;
		r->start_ms = mt_now_ms();
		if (o->session)
			o->session(o->ctx, l.pid);
		e = serve(v, &l);
		r->wire_bits = l.heard_bits;
		r->unit = l.unit;
		link_end(&l);
		if (o->session)
			o->session(o->ctx, 0);
	} while (v->nframes == 0 && (e == MT_EGONE || e == MT_ETIMEOUT));
	if (v->cmd && e == MT_OK && !v->reply)
		cmd_drain(v);
	recv_free(v);
	return e;
}
