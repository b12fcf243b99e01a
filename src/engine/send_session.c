/* send_session.c - sigsend's session: the receiver found and checked,
 * the inputs opened, the handshake, a short frame where one fits, the
 * requests and, from a receiver that gives them, the replies. */
#include "send_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "recv.h"

/* With a reply granted: hand the turn over, take the reply (written to
 * stdout as it comes), and with more, take the turn back for the next
 * request. */
static mt_err take_reply(struct sender *s, int more)
{
	struct recv_result rr;
	mt_err e;

	if ((e = link_turn(s->l)) != MT_OK)
		return e;
	e = recv_reply(s->l, s->o->timeout_ms, more, &rr);
	s->r->reply_bytes += rr.bytes_out;
	s->r->reply_status = rr.status;
	s->finished = 0;  /* the receiver ends the session, or we go on */
	return e;
}

/* A small single input goes as one short frame (see wire.h): the whole
 * transfer in one frame, so a one-line message costs ~200 signals, not
 * ~900.  MT_EREFUSED: it does not fit, or an older receiver refused it;
 * then the usual frames follow, from the same input position. */
static mt_err send_short(struct sender *s, int fd, const char *name,
                         const char *mem, size_t len, int cpu)
{
	struct wire_short ws = { 0, WIRE_CAP_REPLY, 0xff, 0, "", NULL, 0 };
	uint8_t data[WIRE_SHORT_MAX];
	const char *base = strrchr(name, '/');
	size_t room;
	uint8_t st;
	mt_err e;

	snprintf(ws.name, sizeof ws.name, "%s", base ? base + 1 : name);
	room = WIRE_SHORT_MAX - WIRE_SHORT_FIXED - strlen(ws.name);
	if (s->total > room || (!mem && fd < 0))
		return MT_EREFUSED;
	if (!mem) {  /* pread: the input position stays where it was */
		ssize_t r = pread(fd, data, s->total + 1, lseek(fd, 0, SEEK_CUR));
		if (r < 0 || (uint64_t)r != s->total)
			return MT_EREFUSED;
		mem = (const char *)data;
	}
	len = (size_t)s->total;
	if (cpu >= 0 && cpu < 0xff) {
		ws.flags |= WIRE_HELLO_COLOCATE;
		ws.cpu = (uint8_t)cpu;
	}
	if ((e = send_short_xmit(s, &ws, (const uint8_t *)mem, len, 1, &st)) != MT_OK)
		return e;
	s->r->short_frame = 1;
	s->reply = (s->info & WIRE_CAP_REPLY) != 0;
	s->finished = !s->reply;
	if (st != WIRE_ST_OK)
		return send_status_err(st);
	if (s->o->file_done)
		s->o->file_done(s->o->ctx, name, len, ws.hash);
	return s->reply ? take_reply(s, 0) : MT_OK;
}

/* HELLO asks for what the options want; the verdict says what the
 * receiver grants. */
static mt_err hello(struct sender *s, int cpu)
{
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN, 0 };
	mt_err e;

	h.total = s->total;
	if (cpu >= 0) {
		h.flags |= WIRE_HELLO_COLOCATE;
		h.cpu = (uint16_t)cpu;
	}
	if (s->o->transport != SEND_CLASSIC && !(s->r->no_room = !link_can_fast(s->l->pid)) &&
	    link_new_key(s->l) == 0) {
		h.caps |= WIRE_CAP_FAST;
		h.key = s->l->key;
	}
	h.caps |= WIRE_CAP_REPLY;
	if ((e = send_frame(s, WIRE_HELLO, wire_hello_pack(s->payload, &h))) != MT_OK)
		return e;
	s->reply = (s->info & WIRE_CAP_REPLY) != 0;
	if ((h.caps & WIRE_CAP_FAST) && (s->info & WIRE_CAP_FAST)) {
		if ((e = link_go_fast(s->l)) != MT_OK)
			return e;
		s->r->unit = s->l->unit;
		if (s->l->unit && !s->o->level)
			s->ad.want = 1;
	}
	return MT_OK;
}

/* The end of a request: END with the stream's total and hash, and the
 * reply if one was granted. */
static mt_err end_request(struct sender *s, int more)
{
	struct wire_end end;
	mt_err e;

	end.total = s->req_bytes;
	end.hash = s->r->hash = XXH3_64bits_digest(s->xxh);
	if ((e = send_frame(s, WIRE_END, wire_end_pack(s->payload, &end))) != MT_OK)
		return e;
	return s->reply ? take_reply(s, more) : MT_OK;
}

/* sigsend -l: each line a request of its own, its reply printed before
 * the next line goes; BYE when the input ends. */
/* Wait until the next line has begun, or the input has ended (*more 0),
 * keeping the session alive meanwhile: a request starts (and the
 * receiver's command runs) only for a line that is there. */
static mt_err line_ahead(struct sender *s, struct fd_src *in, int *more)
{
	int r;
	mt_err e;

	while ((r = send_fd_fill(in, send_keepalive_ms(s->o->timeout_ms))) == 0)
		if ((e = link_keepalive(s->l)) != MT_OK)
			return e;
	if (r < 0)
		return send_read_err(s, "");
	*more = in->off < in->have;
	return MT_OK;
}

static mt_err run_lines(struct sender *s, struct fd_src *in)
{
	struct send_src src = { send_fd_read, in };
	int more;
	mt_err e;

	in->sep = '\n';
	for (;;) {
		if ((e = line_ahead(s, in, &more)) != MT_OK)
			return e;
		if (!more)
			break;
		if ((e = send_one(s, &src, WIRE_SIZE_UNKNOWN, "", NULL, 0)) != MT_OK)
			return e;
		if ((e = end_request(s, 1)) != MT_OK)
			return e;
		if (XXH3_64bits_reset(s->xxh) != XXH_OK)
			return MT_EINTERNAL;
		s->req_bytes = 0;
	}
	if ((e = send_frame(s, WIRE_BYE, 0)) == MT_OK)
		s->finished = 1;
	return e;
}

/* Ready in to read fd from its start. */
static void src_open(struct fd_src *in, int fd)
{
	struct stat st;

	memset(in, 0, offsetof(struct fd_src, buf));
	in->fd = fd;
	in->sep = -1;
	in->regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	in->size = in->regular ? st.st_size : 0;
}

/* A pipe's size is not known: read ahead, for up to IDLE_FLUSH_MS, until
 * its end or more than a short frame holds, so that `echo hi | sigsend`
 * is one short frame like -m hi.  What was read stays in in's buffer. */
static mt_err peek(struct sender *s, struct fd_src *in)
{
	struct pollfd p = { .fd = in->fd, .events = POLLIN };
	int64_t end = mt_now_ms() + IDLE_FLUSH_MS, left;
	ssize_t r;

	while (!in->done && in->have <= WIRE_SHORT_MAX && (left = end - mt_now_ms()) > 0) {
		if ((r = poll(&p, 1, (int)left)) == 0)
			break;
		if (r > 0)
			r = read(in->fd, in->buf + in->have, sizeof in->buf - in->have);
		if (r < 0 && (errno != EINTR || mt_stop_signal))
			return send_read_err(s, "");
		if (r == 0)
			in->done = 1;
		else if (r > 0)
			in->have += (size_t)r;
	}
	if (in->done)
		s->total = in->have;
	return MT_OK;
}

static mt_err run(struct sender *s, int *fds, int nin, const char *msg, size_t msglen)
{
	const struct send_opts *o = s->o;
	struct fd_src *in = NULL;
	struct send_src src;
	const char *name;
	mt_err e;
	int i, cpu = link_pin(-1);

	if (nin && !(in = calloc(1, sizeof *in)))
		return MT_ENOMEM;
	if (nin)
		src_open(in, fds[0]);
	/* One small input is one short frame on bits, unless --fast asks
	 * for words (a reply would then come on bits too). */
	if (nin + (msg != NULL) == 1 && o->transport != SEND_FAST && !o->lines) {
		name = msg ? "" : o->nfiles && strcmp(o->files[0], "-") ? o->files[0] : "";
		if (!msg && !in->regular && (e = peek(s, in)) != MT_OK)
			goto out;
		e = s->total == WIRE_SIZE_UNKNOWN ? MT_EREFUSED :
		    send_short(s, msg || !in->regular ? -1 : fds[0], name,
		               msg ? msg : in->regular ? NULL : (const char *)in->buf,
		               msg ? msglen : in->have, cpu);
		if (e != MT_EREFUSED)
			goto out;
	}
	if ((e = hello(s, cpu)) != MT_OK)
		goto out;
	if (msg && (e = send_one(s, NULL, msglen, "", msg, msglen)) != MT_OK)
		goto out;
	src.read = send_fd_read;
	src.ctx = in;
	for (i = 0, e = MT_OK; i < nin && e == MT_OK; i++) {
		name = o->nfiles ? o->files[i] : "-";
		if (i)
			src_open(in, fds[i]);
		if (o->lines && s->reply) {
			e = run_lines(s, in);
			goto out;
		}
		e = send_one(s, &src, in->regular ? (uint64_t)in->size : WIRE_SIZE_UNKNOWN,
		             strcmp(name, "-") ? name : "", NULL, 0);
		if (e == MT_EREAD)  /* best effort: tell the receiver to discard */
			(void)send_frame(s, WIRE_ABORT, 0);
	}
	if (e == MT_OK)
		e = end_request(s, 0);
out:
	free(in);
	return e;
}

static int is_dir(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Open every input before the first signal: a missing file is reported
 * without disturbing the receiver. */
static mt_err open_inputs(const struct send_opts *o, struct send_result *r,
                          int *fds, int nin)
{
	int i;

	for (i = 0; i < nin; i++) {
		const char *name = o->nfiles ? o->files[i] : "-";
		fds[i] = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) : 0;
		if (fds[i] > 0 && is_dir(fds[i])) {
			close(fds[i]);
			fds[i] = -1;
			errno = EISDIR;  /* read(2) would say so only after the first signal */
		}
		if (fds[i] < 0) {
			r->errnum = errno;
			r->what = name;
			while (i-- > 0)
				if (fds[i] > 0)
					close(fds[i]);
			return MT_ENOINPUT;
		}
	}
	return MT_OK;
}

/* The receiver is checked before any signal, and before the inputs: a
 * bad PID is the first error.  But a receiver that o->find may wait for
 * comes after them, so that a missing input is reported at once. */
static mt_err open_peer(struct sender *s, int *fds, int nin)
{
	const struct send_opts *o = s->o;
	pid_t pid = o->pid;
	mt_err e;
	int i;

	if (!o->find) {
		if ((e = link_open(&s->link, pid, LINK_RECEIVER)) != MT_OK)
			return e;
		return open_inputs(o, s->r, fds, nin);
	}
	if ((e = open_inputs(o, s->r, fds, nin)) != MT_OK)
		return e;
	if ((e = o->find(o->ctx, &pid, &s->r->errnum)) == MT_OK)
		e = link_open(&s->link, pid, LINK_RECEIVER);
	for (i = 0; e != MT_OK && i < nin; i++)
		if (fds[i] > 0)
			close(fds[i]);
	return e;
}

static uint64_t input_size(const struct send_opts *o, const int *fds, int nin)
{
	uint64_t total = o->message ? strlen(o->message) + 1 : 0;
	struct stat st;
	int i;

	for (i = 0; i < nin; i++) {
		if (fstat(fds[i], &st) < 0 || !S_ISREG(st.st_mode))
			return WIRE_SIZE_UNKNOWN;
		total += (uint64_t)st.st_size;
	}
	return total;
}

mt_err send_run(const struct send_opts *o, struct send_result *r)
{
	struct sender *s;
	int nin = o->message ? 0 : o->nfiles ? o->nfiles : 1, i, *fds;
	char *msg = NULL;
	size_t msglen = 0;
	mt_err e;

	memset(r, 0, sizeof *r);
	r->reply_status = -1;
	srand((unsigned)getpid());  /* senders waiting in line knock at different times */
	if (!(s = calloc(1, sizeof *s)) || !(fds = calloc((size_t)nin + 1, sizeof *fds))) {
		free(s);
		return MT_ENOMEM;
	}
	s->o = o;
	s->r = r;
	s->l = &s->link;
	/* Our signals, and the proof a receiver asks of a sender, before
	 * anything else: a sender waiting for its receiver (--wait) is one. */
	if ((e = link_setup(LINK_SENDER, &r->errnum)) != MT_OK)
		goto out;
	if ((e = open_peer(s, fds, nin)) != MT_OK)
		goto out;
	s->total = input_size(o, fds, nin);
	if ((e = send_init(s, o, r)) != MT_OK)
		goto close;
	s->l->timeout_ms = o->timeout_ms;
	s->l->last_answer = mt_now_ms();
	s->l->waiting = o->waiting;
	s->l->stopped = o->stopped;
	s->l->ctx = o->ctx;
	if (o->message) {
		msglen = strlen(o->message) + 1;
		if (!(msg = malloc(msglen))) {
			e = MT_ENOMEM;
			goto close;
		}
		memcpy(msg, o->message, msglen - 1);
		msg[msglen - 1] = '\n';
	}
	e = run(s, fds, nin, msg, msglen);
	if (s->finished)
		link_fin(s->l);  /* let the receiver go at once */
	link_unpin();
	r->wire_bits = s->l->wire_bits;
	r->signals = s->l->signals;
	r->resyncs = s->l->resyncs;
	r->queries = s->l->queries;
close:
	for (i = 0; i < nin; i++)
		if (fds[i] > 0)
			close(fds[i]);
	send_end(s);
	free(msg);
out:
	link_close(s->l);
	link_withdraw();
	free(fds);
	free(s);
	return e;
}

