/* send.c - the sender engine: read, compress, hash, frame and transmit;
 * see minitalk(7).  sigsend's session is in send_session.c. */
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


mt_err send_status_err(uint8_t st)
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

/* Show the figures of the frames the receiver has confirmed. */
static void progress_confirmed(struct sender *s)
{
	uint64_t done = s->shown;
	unsigned i, k = 0;

	for (i = 0; i < s->nprog; i++)
		if (s->prog[i].frame > s->l->frames_acked)
			s->prog[k++] = s->prog[i];
		else if (s->prog[i].done > done)
			done = s->prog[i].done;
	if (k == s->nprog)
		return;  /* nothing new confirmed */
	s->nprog = k;
	s->shown = done;
	s->o->progress(s->o->ctx, s->shown, s->total);
}

/* Input bytes the receiver has: a DATA frame is reported once its
 * verdict came (on the fast transport a few are in flight: their figures
 * wait in s->prog), so its payload, inflated here exactly as the receiver
 * inflates it, yields the bytes the receiver now holds of this file.  An
 * estimate from deflate's counters runs ahead (deflate takes in far more
 * than it has put out) and goes back when the data's ratio changes. */
static void report_progress(struct sender *s, size_t len)
{
	static uint8_t scratch[16384];  /* the inflated bytes are only counted */
	uint64_t done;
	int zr;

	if (!s->zminit) {
		memset(&s->zm, 0, sizeof s->zm);
		s->zminit = inflateInit2(&s->zm, -15) == Z_OK ? 1 : -1;
		s->zmark = s->zsent;
	} else if (s->zminit > 0 && s->zmark != s->zsent) {  /* a new file's stream */
		s->zminit = inflateReset(&s->zm) == Z_OK ? 1 : -1;
		s->zmark = s->zsent;
	}
	if (s->zminit < 0)
		return;
	s->zm.next_in = s->payload;
	s->zm.avail_in = (uInt)len;
	do {
		s->zm.next_out = scratch;
		s->zm.avail_out = sizeof scratch;
		zr = inflate(&s->zm, Z_NO_FLUSH);
	} while (zr == Z_OK && (s->zm.avail_in > 0 || s->zm.avail_out == 0));
	if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
		s->zminit = -1;  /* cannot happen with our own stream; stay silent */
		return;
	}
	/* Earlier files whole, and this one as far as inflated. */
	done = s->r->bytes_in - s->fbytes + s->zm.total_out;
	if (s->nprog == sizeof s->prog / sizeof s->prog[0])  /* cannot be: a window is less */
		memmove(s->prog, s->prog + 1, --s->nprog * sizeof s->prog[0]);
	s->prog[s->nprog].frame = s->l->frames_sent;
	s->prog[s->nprog++].done = done;
	progress_confirmed(s);
}

mt_err send_frame(struct sender *s, uint8_t type, size_t len)
{
	size_t n = wire_encode(s->frame, type, s->l->txseq, s->payload, len);
	uint8_t st;
	mt_err e;

	if ((e = link_xmit(s->l, s->frame, n, 0, &st, &s->info)) != MT_OK)
		return e;
	s->l->txseq++;
	if (type == WIRE_DATA && s->o->progress)
		report_progress(s, len);
	else if (s->nprog)  /* any other frame waited for every verdict */
		progress_confirmed(s);
	s->finished = (type == WIRE_END && !s->reply) || type == WIRE_ABORT || st != WIRE_ST_OK;
	return send_status_err(st);
}

/* Run deflate with the given flush mode, sending each full frame; with
 * Z_SYNC_FLUSH or Z_FINISH also the last, partial one (Z_BLOCK ends a
 * deflate block and keeps it for the next frame). */
static mt_err pump(struct sender *s, int flush)
{
	int zr, full, end;
	mt_err e;

	for (;;) {
		zr = deflate(&s->z, flush);
		if (zr == Z_STREAM_ERROR)
			return MT_EINTERNAL;
		full = s->z.avail_out == 0;
		end = flush == Z_FINISH ? zr == Z_STREAM_END : flush != Z_NO_FLUSH && !full;
		if (full || (end && flush != Z_BLOCK && s->z.avail_out < WIRE_MAX_PAYLOAD)) {
			if ((e = send_frame(s, WIRE_DATA, WIRE_MAX_PAYLOAD - s->z.avail_out)) != MT_OK)
				return e;
			s->z.next_out = s->payload;
			s->z.avail_out = WIRE_MAX_PAYLOAD;
		}
		if (end || (!full && flush == Z_NO_FLUSH && s->z.avail_in == 0))
			return MT_OK;
	}
}

static mt_err end_block(void *ctx)
{
	return pump(ctx, Z_BLOCK);
}

/* Between inputs deflate holds no input, so the level may change: the
 * default level on the fast transport adapts (adapt.h); a level given
 * with -1 ... -9 is kept. */
static mt_err feed(struct sender *s, const void *buf, size_t n)
{
	mt_err e;

	if ((e = adapt_before(&s->ad, &s->z, !s->o->level && s->l->unit, end_block, s)) != MT_OK)
		return e;
	XXH3_64bits_update(s->xxh, buf, n);
	XXH3_64bits_update(s->fxxh, buf, n);
	s->r->bytes_in += n;
	s->req_bytes += n;
	s->fbytes += n;
	s->z.next_in = (Bytef *)(uintptr_t)buf;
	s->z.avail_in = (uInt)n;
	return pump(s, Z_NO_FLUSH);
}

int send_fd_fill(struct fd_src *f, int ms)
{
	struct pollfd p = { .fd = f->fd, .events = POLLIN };
	ssize_t r;

	if (f->off < f->have || f->done)
		return 1;
	if (!f->regular && (r = poll(&p, 1, ms)) <= 0)
		return r < 0 && errno != EINTR ? -1 : mt_stop_signal ? (errno = EINTR, -1) : 0;
	r = read(f->fd, f->buf, sizeof f->buf);
	if (r < 0)
		return errno == EINTR && !mt_stop_signal ? 0 : -1;
	f->done = r == 0;
	f->have = (size_t)r;
	f->off = 0;
	return 1;
}

ssize_t send_fd_read(void *ctx, void *buf, size_t n, int ms, int *eof)
{
	struct fd_src *f = ctx;
	uint8_t *nl;
	int r;

	if (f->off == f->have) {
		if ((r = send_fd_fill(f, ms)) <= 0)
			return r;
		*eof = f->done;
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

/* The peer gives up after its own timeout, which we do not know: every
 * KEEPALIVE_MS keeps one of a second or more informed (the default is
 * 10 s), and a quarter of ours one as short as ours, down to 50 ms.  Once
 * a second (as it was) let a sigsend -w 1 time out on a command that
 * paused for longer. */
int send_keepalive_ms(int timeout_ms)
{
	int ms = timeout_ms / 4;

	return ms > KEEPALIVE_MS ? KEEPALIVE_MS : ms < KEEPALIVE_MIN_MS ? KEEPALIVE_MIN_MS : ms;
}

/* Read a source to its end.  It may pause: then what is buffered goes
 * out as a partial frame (so `tail -f log | sigsend` shows lines as they
 * come), and with nothing to flush a query keeps the receiver from
 * timing out on a live but slow producer. */
mt_err send_read_err(struct sender *s, const char *name)
{
	s->r->errnum = errno;
	s->r->what = *name ? name : "stdin";
	return errno == EINTR ? MT_EINTR : MT_EREAD;
}

static mt_err feed_src(struct sender *s, const struct send_src *src, const char *name,
                       int unflushed)
{
	static uint8_t buf[CHUNK];
	int eof = 0;
	ssize_t n;
	mt_err e;

	while (!eof) {
		n = src->read(src->ctx, buf, sizeof buf,
		              unflushed ? IDLE_FLUSH_MS : send_keepalive_ms(s->o->timeout_ms), &eof);
		if (mt_stop_signal)
			return MT_EINTR;
		if (n < 0)
			return send_read_err(s, name);
		if (n > 0 && (e = feed(s, buf, (size_t)n)) != MT_OK)
			return e;
		if (n > 0 || eof) {
			unflushed |= n > 0;
			continue;
		}
		e = unflushed ? pump(s, Z_SYNC_FLUSH) : link_keepalive(s->l);
		if (e != MT_OK)
			return e;
		if (!unflushed && s->nprog)  /* the keepalive took every verdict */
			progress_confirmed(s);
		unflushed = 0;
	}
	return MT_OK;
}

/* One input, from memory, or from src, or bytes already read from src
 * and then the rest: a FILE frame, then its raw deflate stream in DATA
 * frames. */
mt_err send_one(struct sender *s, const struct send_src *src, uint64_t size,
                       const char *name, const char *mem, size_t memlen)
{
	struct wire_file wf;
	const char *base = strrchr(name, '/');
	mt_err e;

	wf.size = size;
	base = base ? base + 1 : name;
	strncpy(wf.name, base, WIRE_MAX_NAME);
	wf.name[WIRE_MAX_NAME] = '\0';
	if ((e = send_frame(s, WIRE_FILE, wire_file_pack(s->payload, &wf))) != MT_OK)
		return e;
	s->zsent += s->z.total_out;
	if (deflateReset(&s->z) != Z_OK || XXH3_64bits_reset(s->fxxh) != XXH_OK)
		return MT_EINTERNAL;
	s->fbytes = 0;
	adapt_mark(&s->ad, &s->z);
	s->z.next_out = s->payload;
	s->z.avail_out = WIRE_MAX_PAYLOAD;
	e = mem ? feed(s, mem, memlen) : MT_OK;
	if (e == MT_OK && src)  /* bytes read ahead are flushed at the first pause */
		e = feed_src(s, src, name, mem && memlen);
	if (e != MT_OK)
		return e;
	if ((e = pump(s, Z_FINISH)) == MT_OK && s->o->file_done)
		s->o->file_done(s->o->ctx, name, s->fbytes, XXH3_64bits_digest(s->fxxh));
	return e;
}

/* Send len bytes at mem as one short frame, hashed, deflated if that is
 * shorter, ws giving the other fields; *st is its verdict.  MT_EREFUSED
 * if it does not fit. */
mt_err send_short_xmit(struct sender *s, struct wire_short *ws, const uint8_t *mem,
                       size_t len, int once, uint8_t *st)
{
	size_t n;
	mt_err e;

	static uint8_t z[WIRE_SHORT_MAX];

	ws->data = mem;
	ws->len = len;
	ws->hash = XXH3_64bits(mem, len);
	s->z.next_in = (Bytef *)(uintptr_t)mem;
	s->z.avail_in = (uInt)len;
	s->z.next_out = z;
	s->z.avail_out = sizeof z;
	if (deflate(&s->z, Z_FINISH) == Z_STREAM_END && s->z.total_out < len) {
		ws->flags |= WIRE_SHORT_DEFLATE;
		ws->data = z;
		ws->len = s->z.total_out;
	}
	if (deflateReset(&s->z) != Z_OK || !(n = wire_short_encode(s->frame, ws)))
		return MT_EREFUSED;
	if ((e = link_xmit(s->l, s->frame, n, once, st, &s->info)) != MT_OK)
		return e;
	s->l->txseq++;
	s->r->bytes_in = len;
	s->r->hash = ws->hash;
	return MT_OK;
}

/* The engine's state: hashes and deflate, at level 9 for the classic
 * transport or adaptive (see adapt.h) unless a level is given. */
mt_err send_init(struct sender *s, const struct send_opts *o, struct send_result *r)
{
	s->o = o;
	s->r = r;
	if (!(s->xxh = XXH3_createState()) || XXH3_64bits_reset(s->xxh) != XXH_OK ||
	    !(s->fxxh = XXH3_createState()))
		return MT_ENOMEM;
	s->ad.level = s->ad.want = o->level ? o->level : 9;
	if (deflateInit2(&s->z, s->ad.level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return MT_ENOMEM;
	s->zinit = 1;
	if (s->l->unit && !o->level)
		s->ad.want = 1;
	return MT_OK;
}

void send_end(struct sender *s)
{
	if (s->zinit)
		deflateEnd(&s->z);
	s->zinit = 0;
	if (s->zminit > 0)
		inflateEnd(&s->zm);
	s->zminit = 0;
	XXH3_freeState(s->xxh);
	XXH3_freeState(s->fxxh);
}
