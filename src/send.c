/* send.c - read, compress, hash, frame and transmit; see minitalk(7). */
#include "send.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "link.h"
#include "proto.h"
#include "wire.h"

#define CHUNK 65536
#define IDLE_FLUSH_MS 200    /* input idle this long: send what we have */
#define KEEPALIVE_MS 1000    /* and with nothing to send, say we are alive */

struct sender {
	const struct send_opts *o;
	struct send_result *r;
	struct link link;
	int connected;           /* the receiver has answered us at least once */
	int finished;            /* a final verdict came: the receiver awaits FIN */
	int said_waiting;
	int64_t last_answer;
	uint16_t seq;
	unsigned qid;            /* the last position query sent */
	uint8_t frame[WIRE_MAX_FRAME];
	uint8_t payload[WIRE_MAX_PAYLOAD];
	XXH3_state_t *xxh, *fxxh;  /* the whole stream; the current file */
	uint64_t fbytes;
	uint64_t total;          /* the whole input, or WIRE_SIZE_UNKNOWN */
	uint64_t zsent, zdone;   /* deflate output of earlier files; confirmed */
	z_stream z;
	int zinit;
};

/* Out of time?  A dead receiver is told apart from a silent one. */
static mt_err check_time(struct sender *s)
{
	if (!link_alive(&s->link))
		return MT_EGONE;
	if (mt_now_ms() - s->last_answer > s->o->timeout_ms)
		return MT_ETIMEOUT;
	return MT_OK;
}

/* The silence that makes the receiver drop a partial frame.  Before the
 * receiver has answered us, also wait while it is visibly busy with
 * another sender: waiting in line is not silence, and probing it then
 * would only disturb the transfer in progress. */
static mt_err keep_quiet(struct sender *s)
{
	long a0, a1;

	if (link_quiet(PROTO_QUIET_MS) < 0)
		return MT_EINTR;
	while (!s->connected && (a0 = link_activity(s->link.pid)) >= 0) {
		if (link_quiet(60 + rand() % 40) < 0)
			return MT_EINTR;
		a1 = link_activity(s->link.pid);
		if (a1 < 0 || a1 == a0)
			break;  /* idle (or stopped): time to knock again */
		if (!link_alive(&s->link))
			return MT_EGONE;
		s->last_answer = mt_now_ms();
		if (!s->said_waiting++ && s->o->waiting)
			s->o->waiting(s->o->ctx);
	}
	return check_time(s);
}

/* Ask where the receiver is (and with reset, make it drop the frame it
 * holds first).  Queries ride a queued signal that nothing can swallow;
 * answers to bits that arrive meanwhile are stale and dropped.  Asks again,
 * less and less often, while the receiver is slow to answer. */
static mt_err ask(struct sender *s, int reset, uint32_t *where)
{
	int ms = PROTO_ACK_MS, r, bit;
	uint32_t w;
	mt_err e;

	for (;;) {
		s->qid = (s->qid + 1) & PROTO_QID_MASK;
		if ((e = link_send_word(&s->link, s->qid | (reset ? PROTO_Q_RESET : 0))) != MT_OK)
			return e;
		for (;;) {
			r = link_wait(&s->link, ms, &bit, &w);
			if (r < 0)
				return MT_EINTR;
			if (r == LINK_TIMEOUT)
				break;
			if (r == LINK_WORD && PROTO_QID(w) == s->qid) {
				s->last_answer = mt_now_ms();
				*where = w;
				return MT_OK;
			}
		}
		if ((e = check_time(s)) != MT_OK)
			return e;
		ms = ms * 2 > PROTO_ASK_MAX_MS ? PROTO_ASK_MAX_MS : ms * 2;
	}
}

/* Send one encoded frame until the receiver returns a valid verdict.
 * Until the receiver has answered us it may not be listening to us at all
 * (it serves another sender), so trouble is met with silence and a fresh
 * start; after that, with queries (see proto.h). */
static mt_err xmit(struct sender *s, size_t n, uint8_t *status)
{
	struct proto_tx tx;
	enum proto_tx_action act = TX_MORE;
	uint32_t where;
	mt_err e;
	int bit, r;

	proto_tx_start(&tx, s->frame, n);
	while (act != TX_DONE) {
		if (act == TX_RESYNC) {
			if (!s->connected) {
				if ((e = keep_quiet(s)) != MT_OK)
					return e;
			} else if ((e = ask(s, 1, &where)) != MT_OK) {
				return e;
			}
			proto_tx_restart(&tx);
			s->r->resyncs++;
		} else if (act == TX_QUERY) {
			s->r->queries++;
			if ((e = ask(s, 0, &where)) != MT_OK)
				return e;
			if ((act = proto_tx_where(&tx, where)) != TX_MORE)
				continue;
		}
		if ((e = link_send(&s->link, proto_tx_bit(&tx))) != MT_OK)
			return e;
		s->r->wire_bits++;
		do
			r = link_wait(&s->link, PROTO_ACK_MS, &bit, &where);
		while (r == LINK_WORD);  /* a late answer to an earlier query */
		if (r < 0)
			return MT_EINTR;
		if (r == LINK_BIT) {
			s->connected = 1;
			s->last_answer = mt_now_ms();
			act = proto_tx_reply(&tx, bit);
		} else if (!s->connected) {
			if ((e = check_time(s)) != MT_OK)
				return e;
			act = TX_RESYNC;
		} else {
			act = TX_QUERY;
		}
	}
	*status = tx.status;
	return MT_OK;
}

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
	size_t n = wire_encode(s->frame, type, s->seq, s->payload, len);
	uint8_t st;
	mt_err e;

	if ((e = xmit(s, n, &st)) != MT_OK)
		return e;
	s->seq++;
	if (type == WIRE_DATA && s->o->progress)
		report_progress(s, len);
	s->finished = type == WIRE_END || type == WIRE_ABORT || st != WIRE_ST_OK;
	return status_err(st);
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
	XXH3_64bits_update(s->xxh, buf, n);
	XXH3_64bits_update(s->fxxh, buf, n);
	s->r->bytes_in += n;
	s->fbytes += n;
	s->z.next_in = (Bytef *)(uintptr_t)buf;
	s->z.avail_in = (uInt)n;
	return pump(s, Z_NO_FLUSH);
}

/* Read an input to its end.  A pipe may idle: then what is buffered goes
 * out as a partial frame (so `tail -f log | sigsend` shows lines as they
 * come), and with nothing to flush a query keeps the receiver from
 * timing out on a live but slow producer. */
static mt_err feed_fd(struct sender *s, int fd, const char *name, int regular)
{
	static uint8_t buf[CHUNK];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int unflushed = 0, r;
	uint32_t where;
	ssize_t n;
	mt_err e;

	for (;;) {
		if (!regular) {
			r = poll(&p, 1, unflushed ? IDLE_FLUSH_MS : KEEPALIVE_MS);
			if (r < 0 && errno != EINTR)
				goto fail;
			if (mt_stop_signal)
				return MT_EINTR;
			if (r == 0) {
				e = unflushed ? pump(s, Z_SYNC_FLUSH) : ask(s, 0, &where);
				if (e != MT_OK)
					return e;
				unflushed = 0;
				continue;
			}
			if (r < 0)
				continue;
		}
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			return MT_OK;
		if (n < 0) {
			if (errno == EINTR && !mt_stop_signal)
				continue;
			goto fail;
		}
		if ((e = feed(s, buf, (size_t)n)) != MT_OK)
			return e;
		unflushed = 1;
	}
fail:
	s->r->errnum = errno;
	s->r->what = *name ? name : "stdin";
	return errno == EINTR ? MT_EINTR : MT_EREAD;
}

/* One input: a FILE frame, then its raw deflate stream in DATA frames. */
static mt_err send_one(struct sender *s, int fd, const char *name,
                       const char *mem, size_t memlen)
{
	struct wire_file wf;
	struct stat st;
	const char *base = strrchr(name, '/');
	mt_err e;

	wf.size = mem ? memlen : WIRE_SIZE_UNKNOWN;
	if (!mem && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		wf.size = (uint64_t)st.st_size;
	base = base ? base + 1 : name;
	strncpy(wf.name, base, WIRE_MAX_NAME);
	wf.name[WIRE_MAX_NAME] = '\0';
	if ((e = send_frame(s, WIRE_FILE, wire_file_pack(s->payload, &wf))) != MT_OK)
		return e;
	s->zsent += s->z.total_out;
	if (deflateReset(&s->z) != Z_OK || XXH3_64bits_reset(s->fxxh) != XXH_OK)
		return MT_EINTERNAL;
	s->fbytes = 0;
	s->z.next_out = s->payload;
	s->z.avail_out = WIRE_MAX_PAYLOAD;
	if (mem)
		e = feed(s, mem, memlen);
	else
		e = feed_fd(s, fd, name, !fstat(fd, &st) && S_ISREG(st.st_mode));
	if (e != MT_OK)
		return e;
	if ((e = pump(s, Z_FINISH)) == MT_OK && s->o->file_done)
		s->o->file_done(s->o->ctx, name, s->fbytes, XXH3_64bits_digest(s->fxxh));
	return e;
}

static mt_err run(struct sender *s, int *fds, int nin)
{
	const struct send_opts *o = s->o;
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN };
	struct wire_end end;
	char *msg = NULL;
	size_t msglen = 0;
	mt_err e;
	int i, r;

	h.total = s->total;
	if ((r = link_pin(-1)) >= 0) {
		h.flags |= WIRE_HELLO_COLOCATE;
		h.cpu = (uint16_t)r;
	}
	if ((e = send_frame(s, WIRE_HELLO, wire_hello_pack(s->payload, &h))) != MT_OK)
		return e;
	if (o->message) {
		msglen = strlen(o->message) + 1;
		if (!(msg = malloc(msglen)))
			return MT_ENOMEM;
		memcpy(msg, o->message, msglen - 1);
		msg[msglen - 1] = '\n';
		e = send_one(s, -1, "", msg, msglen);
		free(msg);
		if (e != MT_OK)
			return e;
	}
	for (i = 0; i < nin; i++) {
		const char *name = o->nfiles ? o->files[i] : "-";
		e = send_one(s, fds[i], strcmp(name, "-") ? name : "", NULL, 0);
		if (e == MT_EREAD)  /* best effort: tell the receiver to discard */
			(void)send_frame(s, WIRE_ABORT, 0);
		if (e != MT_OK)
			return e;
	}
	end.total = s->r->bytes_in;
	end.hash = s->r->hash = XXH3_64bits_digest(s->xxh);
	return send_frame(s, WIRE_END, wire_end_pack(s->payload, &end));
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

mt_err send_run(const struct send_opts *o, struct send_result *r)
{
	struct sender *s;
	int nin = o->message ? 0 : o->nfiles ? o->nfiles : 1, i, *fds;
	mt_err e;

	memset(r, 0, sizeof *r);
	srand((unsigned)getpid());  /* senders waiting in line knock at different times */
	if ((e = link_setup()) != MT_OK)
		return e;
	if (!(s = calloc(1, sizeof *s)) || !(fds = calloc((size_t)nin + 1, sizeof *fds))) {
		free(s);
		return MT_ENOMEM;
	}
	s->o = o;
	s->r = r;
	if ((e = open_peer(s, fds, nin)) != MT_OK)
		goto out;
	s->total = input_size(o, fds, nin);
	if (!(s->xxh = XXH3_createState()) || XXH3_64bits_reset(s->xxh) != XXH_OK ||
	    !(s->fxxh = XXH3_createState())) {
		e = MT_ENOMEM;
		goto close;
	}
	if (deflateInit2(&s->z, o->level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
		e = MT_ENOMEM;
		goto close;
	}
	s->zinit = 1;
	s->last_answer = mt_now_ms();
	e = run(s, fds, nin);
	if (s->finished)
		(void)link_send(&s->link, PROTO_FIN);  /* let the receiver go at once */
	link_unpin();
close:
	for (i = 0; i < nin; i++)
		if (fds[i] > 0)
			close(fds[i]);
	if (s->zinit)
		deflateEnd(&s->z);
	XXH3_freeState(s->xxh);
	XXH3_freeState(s->fxxh);
out:
	link_close(&s->link);
	free(fds);
	free(s);
	return e;
}
