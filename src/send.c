/* send.c - read, compress, hash, frame and transmit; see minitalk(7). */
#include "send.h"

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

#include "link.h"
#include "recv.h"
#include "wire.h"

#define CHUNK 65536
#define IDLE_FLUSH_MS 200    /* input idle this long: send what we have */
#define KEEPALIVE_MS 1000    /* and with nothing to send, say we are alive */

#define STORED_SPAN (1 << 20)  /* input sent stored before trying deflate again */
#define ADAPT_MIN 32768        /* input judged at a time */

struct sender {
	const struct send_opts *o;
	struct send_result *r;
	struct link *l;          /* &link, or the receiver's link for a reply */
	struct link link;
	int finished;            /* a final verdict came: the receiver awaits FIN */
	int reply;               /* the receiver answers each request (-e) */
	uint64_t req_bytes;      /* input of the current request */
	uint8_t info;            /* of the last verdict */
	int level, want_level;   /* deflate's level now, and for the next input */
	uint64_t in_mark, out_mark;  /* deflate's counts when last judged */
	uint64_t stored_until;   /* with level 0: input at which to try again */
	uint8_t frame[WIRE_MAX_FRAME];
	uint8_t payload[WIRE_MAX_PAYLOAD];
	XXH3_state_t *xxh, *fxxh;  /* the whole stream; the current file */
	uint64_t fbytes;
	uint64_t total;          /* the whole input, or WIRE_SIZE_UNKNOWN */
	uint64_t zsent, zdone;   /* deflate output of earlier files; confirmed */
	z_stream z;
	int zinit;
};

static mt_err status_err(uint8_t st)
{
	switch (st) {
	case WIRE_ST_OK: return MT_OK;
	case WIRE_ST_HASH: return MT_EHASH;
	case WIRE_ST_IO: return MT_EPEERIO;
	case WIRE_ST_EXISTS: return MT_EPEEREXIST;
	case WIRE_ST_VERSION: return MT_EVERSION;
	case WIRE_ST_DATA: return MT_EZLIB;
	case WIRE_ST_CREATE: return MT_EPEERCREATE;
	default: return MT_EPROTO;
	}
}

/* Input bytes the receiver has: the confirmed share of the compressed
 * output so far (including what deflate holds back), scaled by the input
 * it came from. */
static void report_progress(struct sender *s, size_t len)
{
	unsigned pending = 0;
	int bits;
	double out, in = (double)s->r->bytes_in;
	uint64_t done;

	(void)deflatePending(&s->z, &pending, &bits);
	out = (double)(s->zsent + s->z.total_out + pending);
	s->zdone += len;
	done = out > 0 ? (uint64_t)(in * (double)s->zdone / out) : 0;
	if (done > s->r->bytes_in)
		done = s->r->bytes_in;
	s->o->progress(s->o->ctx, done, s->total);
}

static mt_err send_frame(struct sender *s, uint8_t type, size_t len)
{
	size_t n = wire_encode(s->frame, type, s->l->txseq, s->payload, len);
	uint8_t st;
	mt_err e;

	if ((e = link_xmit(s->l, s->frame, n, 0, &st, &s->info)) != MT_OK)
		return e;
	s->l->txseq++;
	if (type == WIRE_DATA && s->o->progress)
		report_progress(s, len);
	s->finished = (type == WIRE_END && !s->reply) || type == WIRE_ABORT || st != WIRE_ST_OK;
	return status_err(st);
}

/* The default level on the fast transport: deflate's fastest, judged on
 * each piece of input as the data flows; input that does not shrink goes
 * stored (level 0) for a while, since there deflate only costs time.  A
 * level given with -1 ... -9 is kept. */
static void adapt_level(struct sender *s)
{
	unsigned pending = 0;
	int bits;
	uint64_t in, out;

	if (s->o->level || !s->l->unit)
		return;
	(void)deflatePending(&s->z, &pending, &bits);
	in = s->z.total_in - s->in_mark;
	out = s->z.total_out + pending - s->out_mark;
	if (in < ADAPT_MIN)
		return;  /* too little to judge */
	s->in_mark = s->z.total_in;
	s->out_mark = s->z.total_out + pending;
	if (s->level && in * 100 < out * 103) {
		s->want_level = 0;
		s->stored_until = s->r->bytes_in + STORED_SPAN;
	} else if (!s->level && s->r->bytes_in >= s->stored_until) {
		s->want_level = 1;
	}
}

/* Run deflate with the given flush mode, sending each full frame; with
 * Z_SYNC_FLUSH or Z_FINISH also the last, partial one. */
static mt_err pump(struct sender *s, int flush)
{
	int zr, full, end;
	mt_err e;

	for (;;) {
		zr = deflate(&s->z, flush);
		if (zr == Z_STREAM_ERROR)
			return MT_EINTERNAL;
		full = s->z.avail_out == 0;
		end = flush == Z_FINISH ? zr == Z_STREAM_END : flush == Z_SYNC_FLUSH && !full;
		if (full || (end && s->z.avail_out < WIRE_MAX_PAYLOAD)) {
			if ((e = send_frame(s, WIRE_DATA, WIRE_MAX_PAYLOAD - s->z.avail_out)) != MT_OK)
				return e;
			s->z.next_out = s->payload;
			s->z.avail_out = WIRE_MAX_PAYLOAD;
		}
		if (end || (!full && flush == Z_NO_FLUSH && s->z.avail_in == 0))
			return MT_OK;
	}
}

static mt_err feed(struct sender *s, const void *buf, size_t n)
{
	/* Between inputs deflate holds no input, so the level may change;
	 * if its output does not fit, it is tried again next time. */
	adapt_level(s);
	if (s->want_level != s->level &&
	    deflateParams(&s->z, s->want_level, Z_DEFAULT_STRATEGY) == Z_OK)
		s->level = s->want_level;
	XXH3_64bits_update(s->xxh, buf, n);
	XXH3_64bits_update(s->fxxh, buf, n);
	s->r->bytes_in += n;
	s->req_bytes += n;
	s->fbytes += n;
	s->z.next_in = (Bytef *)(uintptr_t)buf;
	s->z.avail_in = (uInt)n;
	return pump(s, Z_NO_FLUSH);
}

/* A file descriptor as a source: a regular file is read straight on; a
 * pipe or terminal is polled, so that its pauses are seen.  With a
 * separator (sigsend -l), a read ends after it: one line per request. */
struct fd_src {
	int fd, regular, sep;
	int done;                /* read() said end of file */
	uint8_t buf[CHUNK];
	size_t have, off;        /* read ahead of the current line */
};

static ssize_t fd_read(void *ctx, void *buf, size_t n, int ms, int *eof)
{
	struct fd_src *f = ctx;
	struct pollfd p = { .fd = f->fd, .events = POLLIN };
	uint8_t *nl;
	ssize_t r;

	if (f->off == f->have) {
		if (!f->regular && (r = poll(&p, 1, ms)) <= 0)
			return r < 0 && errno != EINTR ? -1 : mt_stop_signal ? (errno = EINTR, -1) : 0;
		r = read(f->fd, f->buf, sizeof f->buf);
		if (r < 0)
			return errno == EINTR && !mt_stop_signal ? 0 : -1;
		*eof = f->done = r == 0;
		f->have = (size_t)r;
		f->off = 0;
	}
	n = n < f->have - f->off ? n : f->have - f->off;
	if (f->sep >= 0 && (nl = memchr(f->buf + f->off, f->sep, n)))
		n = (size_t)(nl - (f->buf + f->off)) + 1;
	memcpy(buf, f->buf + f->off, n);
	f->off += n;
	if (f->sep >= 0 && n && ((uint8_t *)buf)[n - 1] == f->sep)
		*eof = 1;  /* this request ends here; the next one reads on */
	return (ssize_t)n;
}

/* Read a source to its end.  It may pause: then what is buffered goes
 * out as a partial frame (so `tail -f log | sigsend` shows lines as they
 * come), and with nothing to flush a query keeps the receiver from
 * timing out on a live but slow producer. */
static mt_err feed_src(struct sender *s, const struct send_src *src, const char *name)
{
	static uint8_t buf[CHUNK];
	int unflushed = 0, eof = 0;
	ssize_t n;
	mt_err e;

	while (!eof) {
		n = src->read(src->ctx, buf, sizeof buf, unflushed ? IDLE_FLUSH_MS : KEEPALIVE_MS, &eof);
		if (mt_stop_signal)
			return MT_EINTR;
		if (n < 0) {
			s->r->errnum = errno;
			s->r->what = *name ? name : "stdin";
			return errno == EINTR ? MT_EINTR : MT_EREAD;
		}
		if (n > 0 && (e = feed(s, buf, (size_t)n)) != MT_OK)
			return e;
		if (n > 0 || eof) {
			unflushed |= n > 0;
			continue;
		}
		e = unflushed ? pump(s, Z_SYNC_FLUSH) : link_keepalive(s->l);
		if (e != MT_OK)
			return e;
		unflushed = 0;
	}
	return MT_OK;
}

/* One input, from src or from memory: a FILE frame, then its raw deflate
 * stream in DATA frames. */
static mt_err send_one(struct sender *s, const struct send_src *src, uint64_t size,
                       const char *name, const char *mem, size_t memlen)
{
	struct wire_file wf;
	const char *base = strrchr(name, '/');
	mt_err e;

	wf.size = mem ? memlen : size;
	base = base ? base + 1 : name;
	strncpy(wf.name, base, WIRE_MAX_NAME);
	wf.name[WIRE_MAX_NAME] = '\0';
	if ((e = send_frame(s, WIRE_FILE, wire_file_pack(s->payload, &wf))) != MT_OK)
		return e;
	s->zsent += s->z.total_out;
	if (deflateReset(&s->z) != Z_OK || XXH3_64bits_reset(s->fxxh) != XXH_OK)
		return MT_EINTERNAL;
	s->fbytes = 0;
	s->in_mark = s->out_mark = 0;
	s->z.next_out = s->payload;
	s->z.avail_out = WIRE_MAX_PAYLOAD;
	e = mem ? feed(s, mem, memlen) : feed_src(s, src, name);
	if (e != MT_OK)
		return e;
	if ((e = pump(s, Z_FINISH)) == MT_OK && s->o->file_done)
		s->o->file_done(s->o->ctx, name, s->fbytes, XXH3_64bits_digest(s->fxxh));
	return e;
}

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
	struct wire_short ws = { 0, 0, 0xff, 0, "", NULL, 0 };
	uint8_t data[WIRE_SHORT_MAX], z[WIRE_SHORT_MAX];
	const char *base = strrchr(name, '/');
	size_t room, n;
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
	ws.data = (const uint8_t *)mem;
	ws.len = len;
	ws.hash = XXH3_64bits(mem, len);
	s->z.next_in = (Bytef *)(uintptr_t)mem;
	s->z.avail_in = (uInt)len;
	s->z.next_out = z;
	s->z.avail_out = sizeof z;
	if (deflate(&s->z, Z_FINISH) == Z_STREAM_END && s->z.total_out < len) {
		ws.flags |= WIRE_SHORT_DEFLATE;
		ws.data = z;
		ws.len = s->z.total_out;
	}
	if (deflateReset(&s->z) != Z_OK)
		return MT_EINTERNAL;
	if (cpu >= 0 && cpu < 0xff) {
		ws.flags |= WIRE_HELLO_COLOCATE;
		ws.cpu = (uint8_t)cpu;
	}
	ws.caps = WIRE_CAP_REPLY;
	if (!(n = wire_short_encode(s->frame, &ws)))
		return MT_EREFUSED;
	if ((e = link_xmit(s->l, s->frame, n, 1, &st, &s->info)) != MT_OK)
		return e;
	s->l->txseq++;
	s->reply = (s->info & WIRE_CAP_REPLY) != 0;
	s->finished = !s->reply;
	s->r->bytes_in = len;
	s->r->hash = ws.hash;
	if (st != WIRE_ST_OK)
		return status_err(st);
	if (s->o->file_done)
		s->o->file_done(s->o->ctx, name, len, ws.hash);
	return s->reply ? take_reply(s, 0) : MT_OK;
}

/* HELLO asks for what the options want; the verdict says what the
 * receiver grants. */
static mt_err hello(struct sender *s, int cpu)
{
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN };
	mt_err e;

	h.total = s->total;
	if (cpu >= 0) {
		h.flags |= WIRE_HELLO_COLOCATE;
		h.cpu = (uint16_t)cpu;
	}
	if (s->o->fast)
		h.caps |= WIRE_CAP_FAST;
	h.caps |= WIRE_CAP_REPLY;
	if ((e = send_frame(s, WIRE_HELLO, wire_hello_pack(s->payload, &h))) != MT_OK)
		return e;
	s->reply = (s->info & WIRE_CAP_REPLY) != 0;
	if (s->o->fast && (s->info & WIRE_CAP_FAST)) {
		if ((e = link_go_fast(s->l)) != MT_OK)
			return e;
		s->r->unit = s->l->unit;
		if (s->l->unit && !s->o->level)
			s->want_level = 1;
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
static mt_err run_lines(struct sender *s, struct fd_src *in)
{
	struct send_src src = { fd_read, in };
	mt_err e;

	in->sep = '\n';
	for (;;) {
		if (in->off == in->have && in->done)
			break;
		if ((e = send_one(s, &src, WIRE_SIZE_UNKNOWN, "", NULL, 0)) != MT_OK)
			return e;
		if (s->fbytes == 0 && in->done)
			break;  /* nothing after the last newline */
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

static mt_err run(struct sender *s, int *fds, int nin, const char *msg, size_t msglen)
{
	const struct send_opts *o = s->o;
	struct fd_src *in = NULL;
	struct send_src src;
	struct stat st;
	mt_err e;
	int i, cpu = link_pin(-1);

	if (nin + (msg != NULL) == 1 && s->total != WIRE_SIZE_UNKNOWN && !o->fast && !o->lines) {
		const char *name = msg ? "" : o->nfiles && strcmp(o->files[0], "-") ? o->files[0] : "";
		e = send_short(s, msg ? -1 : fds[0], name, msg, msglen, cpu);
		if (e != MT_EREFUSED)
			return e;
	}
	if ((e = hello(s, cpu)) != MT_OK)
		return e;
	if (msg && (e = send_one(s, NULL, msglen, "", msg, msglen)) != MT_OK)
		return e;
	if (nin && !(in = calloc(1, sizeof *in)))
		return MT_ENOMEM;
	src.read = fd_read;
	src.ctx = in;
	for (i = 0, e = MT_OK; i < nin && e == MT_OK; i++) {
		const char *name = o->nfiles ? o->files[i] : "-";
		memset(in, 0, offsetof(struct fd_src, buf));
		in->fd = fds[i];
		in->sep = -1;
		in->regular = fstat(fds[i], &st) == 0 && S_ISREG(st.st_mode);
		if (o->lines && s->reply) {
			e = run_lines(s, in);
			free(in);
			return e;
		}
		e = send_one(s, &src, in->regular ? (uint64_t)st.st_size : WIRE_SIZE_UNKNOWN,
		             strcmp(name, "-") ? name : "", NULL, 0);
		if (e == MT_EREAD)  /* best effort: tell the receiver to discard */
			(void)send_frame(s, WIRE_ABORT, 0);
	}
	free(in);
	return e == MT_OK ? end_request(s, 0) : e;
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
		if ((e = link_open(&s->link, pid)) != MT_OK)
			return e;
		return open_inputs(o, s->r, fds, nin);
	}
	if ((e = open_inputs(o, s->r, fds, nin)) != MT_OK)
		return e;
	if ((e = o->find(o->ctx, &pid, &s->r->errnum)) == MT_OK)
		e = link_open(&s->link, pid);
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

/* The engine's state: hashes and deflate, at level 9 for the classic
 * transport or adaptive (see adapt_level) unless a level is given. */
static mt_err sender_init(struct sender *s, const struct send_opts *o, struct send_result *r)
{
	s->o = o;
	s->r = r;
	if (!(s->xxh = XXH3_createState()) || XXH3_64bits_reset(s->xxh) != XXH_OK ||
	    !(s->fxxh = XXH3_createState()))
		return MT_ENOMEM;
	s->level = s->want_level = o->level ? o->level : 9;
	if (deflateInit2(&s->z, s->level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return MT_ENOMEM;
	s->zinit = 1;
	if (s->l->unit && !o->level)
		s->want_level = 1;
	return MT_OK;
}

static void sender_end(struct sender *s)
{
	if (s->zinit)
		deflateEnd(&s->z);
	s->zinit = 0;
	XXH3_freeState(s->xxh);
	XXH3_freeState(s->fxxh);
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
	if ((e = link_setup()) != MT_OK)
		return e;
	if (!(s = calloc(1, sizeof *s)) || !(fds = calloc((size_t)nin + 1, sizeof *fds))) {
		free(s);
		return MT_ENOMEM;
	}
	s->o = o;
	s->r = r;
	s->l = &s->link;
	if ((e = open_peer(s, fds, nin)) != MT_OK)
		goto out;
	s->total = input_size(o, fds, nin);
	if ((e = sender_init(s, o, r)) != MT_OK)
		goto close;
	s->l->timeout_ms = o->timeout_ms;
	s->l->last_answer = mt_now_ms();
	s->l->waiting = o->waiting;
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
	sender_end(s);
	free(msg);
out:
	link_close(s->l);
	free(fds);
	free(s);
	return e;
}

mt_err send_reply(struct link *l, const struct send_src *src, int (*status)(void *ctx, int ms),
                  int timeout_ms, struct send_result *r, int *more)
{
	struct send_opts o = { .timeout_ms = timeout_ms };
	struct sender *s = calloc(1, sizeof *s);
	struct wire_end end;
	int st = -1;
	mt_err e;

	memset(r, 0, sizeof *r);
	r->reply_status = -1;
	*more = 0;
	if (!s)
		return MT_ENOMEM;
	s->l = l;
	if ((e = sender_init(s, &o, r)) == MT_OK)
		e = send_one(s, src, WIRE_SIZE_UNKNOWN, "", NULL, 0);
	/* The output is over; the command may still run: keep the sender
	 * informed until it exits. */
	while (e == MT_OK && (st = status(src->ctx, KEEPALIVE_MS)) < 0)
		e = mt_stop_signal ? MT_EINTR : link_keepalive(l);
	if (e == MT_OK) {
		end.total = r->bytes_in;
		end.hash = r->hash = XXH3_64bits_digest(s->xxh);
		r->reply_status = st;
		e = send_frame(s, WIRE_RESULT, wire_result_pack(s->payload, &end, (uint8_t)st));
		*more = (s->info & WIRE_INFO_MORE) != 0;
	}
	r->wire_bits = l->wire_bits;
	r->signals = l->signals;
	sender_end(s);
	free(s);
	return e;
}
