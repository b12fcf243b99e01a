/* recv.c - take frames from the bit parser, inflate, hash and write. */
#define _GNU_SOURCE
#include "recv.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "link.h"
#include "proto.h"
#include "wire.h"

/* A process that signals us but says no HELLO this long is let go. */
#define HELLO_MS (3 * (PROTO_ACK_MS + PROTO_QUIET_MS))

struct outfile {
	char *final;             /* the name it gets once the stream checks out */
	char *tmp;               /* where it is written until then */
};

struct receiver {
	const struct recv_opts *o;
	struct recv_result *r;
	mt_err err;              /* the session's outcome once final */
	int fd;                  /* the file being written: 1 is stdout, -1 none */
	struct outfile *outs;    /* -o and -d: temp files and their final names */
	size_t nouts;
	z_stream z;
	int zinit, zend, nfiles;
	unsigned long nframes;   /* frames accepted: 0 means no session yet */
	int final;               /* the session's outcome is decided */
	XXH3_state_t *xxh, *fxxh;  /* the whole stream; the current file */
	uint64_t fbytes, total;
	char fname[WIRE_MAX_NAME + 1];
	uint8_t buf[65536];
};

static mode_t file_mode = 0666;

mt_err recv_setup(void)
{
	mode_t m = umask(0);

	umask(m);
	file_mode = 0666 & ~m;
	return link_setup();
}

/* Record the session's failure and return the status for the verdict;
 * a failure about an output names that file (fail_at) or, by default,
 * the one being written. */
static uint8_t fail_at(struct receiver *v, const char *file, mt_err e, int errnum,
                       uint8_t st)
{
	v->err = e;
	v->r->errnum = errnum;
	if (file)
		snprintf(v->r->what, sizeof v->r->what, "%s", file);
	return st;
}

static uint8_t fail(struct receiver *v, mt_err e, int errnum, uint8_t st)
{
	const char *file = NULL;

	if (st == WIRE_ST_IO || st == WIRE_ST_CREATE || st == WIRE_ST_EXISTS)
		file = v->nouts ? v->outs[v->nouts - 1].final : "stdout";
	return fail_at(v, file, e, errnum, st);
}

/* Close the file being written; with fsync, make its data durable
 * (devices and pipes cannot be synced, and need not be). */
static int out_close(struct receiver *v, int sync)
{
	int r = 0;

	if (v->fd > 1) {
		if (sync && fsync(v->fd) < 0 && errno != EINVAL && errno != ENOTSUP)
			r = -1;
		if (close(v->fd) < 0)
			r = -1;
	}
	v->fd = -1;
	return r;
}

/* Throw away whatever was written under temp names. */
static void out_discard(struct receiver *v)
{
	size_t i;

	out_close(v, 0);
	for (i = 0; i < v->nouts; i++) {
		if (v->outs[i].tmp)
			unlink(v->outs[i].tmp);
		free(v->outs[i].tmp);
		free(v->outs[i].final);
	}
	free(v->outs);
	v->outs = NULL;
	v->nouts = 0;
}

/* A name from the sender, made safe to create in -d DIR: its base name,
 * no leading dots, control characters replaced. */
static void sanitize(const char *in, char *out, size_t n)
{
	const char *b = strrchr(in, '/');
	size_t k = 0;

	for (b = b ? b + 1 : in; *b == '.'; b++)
		;
	for (; *b && k + 1 < n; b++)
		out[k++] = (unsigned char)*b < 0x20 || *b == 0x7f ? '_' : *b;
	out[k] = '\0';
	if (!k)
		snprintf(out, n, "%s", *in ? "file" : "stdin");
}

/* Where the next file of the stream goes: stdout, the one -o file (files
 * are concatenated), or a new file in -d DIR.  Files are written under a
 * temp name beside their final name until the whole stream checks out. */
static uint8_t out_begin(struct receiver *v, const char *sender_name)
{
	const char *o = v->o->output, *dir = v->o->dir;
	char name[WIRE_MAX_NAME + 1], *final = NULL, *tmp = NULL, *d, *b;
	struct outfile *outs;
	struct stat st;
	size_t i;

	if (!o && !dir) {
		v->fd = 1;
		return WIRE_ST_OK;
	}
	if (o && v->nouts)
		return WIRE_ST_OK;  /* -o: the next file goes on in the same one */
	if (out_close(v, 1) < 0)
		return fail(v, MT_EWRITE, errno, WIRE_ST_IO);
	if (!(outs = realloc(v->outs, (v->nouts + 1) * sizeof *outs)))
		return fail(v, MT_ENOMEM, 0, WIRE_ST_CREATE);
	v->outs = outs;
	if (dir) {
		sanitize(sender_name, name, sizeof name);
		if (asprintf(&final, "%s/%s", dir, name) < 0)
			final = NULL;
	} else {
		final = strdup(o);
	}
	d = final ? strdup(final) : NULL;
	b = final ? strdup(final) : NULL;
	if (!d || !b || asprintf(&tmp, "%s/.%s.XXXXXX", dirname(d), basename(b)) < 0)
		tmp = NULL;
	free(d);
	free(b);
	outs[v->nouts].final = final;
	outs[v->nouts].tmp = NULL;
	if (!final || !tmp) {
		free(tmp);
		v->nouts += final != NULL;
		return fail(v, MT_ENOMEM, 0, WIRE_ST_CREATE);
	}
	v->nouts++;
	if (o && stat(final, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* -o /dev/null, a FIFO: written as it is, never renamed over */
		free(tmp);
		if (S_ISDIR(st.st_mode))
			return fail(v, MT_ECREATE, EISDIR, WIRE_ST_CREATE);
		if ((v->fd = open(final, O_WRONLY | O_CLOEXEC)) < 0)
			return fail(v, MT_ECREATE, errno, WIRE_ST_CREATE);
		return WIRE_ST_OK;
	}
	for (i = 0; i + 1 < v->nouts; i++)
		if (!strcmp(outs[i].final, final))
			break;
	if (i + 1 < v->nouts || (lstat(final, &st) == 0 && (!v->o->force ||
	    (!S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode))))) {
		free(tmp);  /* refuse now, before anything is written */
		return fail(v, MT_EEXIST, 0, WIRE_ST_EXISTS);
	}
	if ((v->fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		free(tmp);
		return fail(v, MT_ECREATE, errno, WIRE_ST_CREATE);
	}
	outs[v->nouts - 1].tmp = tmp;
	(void)fchmod(v->fd, file_mode);
	return WIRE_ST_OK;
}

static void sync_dir_of(const char *path)
{
	char *d = strdup(path);
	int fd;

	if (d && (fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(d);
}

/* Make the verified output durable and visible under its final names. */
static uint8_t out_commit(struct receiver *v)
{
	struct outfile *f;
	size_t i;
	int r;

	if (out_close(v, 1) < 0)
		return fail(v, MT_EWRITE, errno, WIRE_ST_IO);
	for (i = 0; i < v->nouts; i++) {
		f = &v->outs[i];
		if (!f->tmp)
			continue;  /* written in place */
		if (v->o->force) {
			r = rename(f->tmp, f->final);
		} else {
			r = renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->final, RENAME_NOREPLACE);
			if (r < 0 && (errno == EINVAL || errno == ENOSYS) &&
			    (r = link(f->tmp, f->final)) == 0)
				unlink(f->tmp);
		}
		if (r < 0)
			return errno == EEXIST ?
			       fail_at(v, f->final, MT_EEXIST, 0, WIRE_ST_EXISTS) :
			       fail_at(v, f->final, MT_ECREATE, errno, WIRE_ST_CREATE);
		free(f->tmp);
		f->tmp = NULL;
		sync_dir_of(f->final);
	}
	return WIRE_ST_OK;
}

static uint8_t on_data(struct receiver *v, const struct wire_frame *f)
{
	int zr;
	size_t n;

	if (!v->nfiles || v->zend)
		return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
	v->z.next_in = (Bytef *)(uintptr_t)f->payload;
	v->z.avail_in = f->len;
	do {
		v->z.next_out = v->buf;
		v->z.avail_out = sizeof v->buf;
		zr = inflate(&v->z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
			return fail(v, MT_EZLIB, 0, WIRE_ST_DATA);
		n = sizeof v->buf - v->z.avail_out;
		if (zr == Z_BUF_ERROR && n == 0)
			break;  /* no progress possible: the frame is used up */
		if (n && mt_write(v->fd, v->buf, n) < 0)
			return fail(v, errno == EINTR ? MT_EINTR : MT_EWRITE, errno, WIRE_ST_IO);
		XXH3_64bits_update(v->xxh, v->buf, n);
		XXH3_64bits_update(v->fxxh, v->buf, n);
		v->r->bytes_out += n;
		v->fbytes += n;
		if (zr == Z_STREAM_END) {
			v->zend = 1;
			if (v->z.avail_in)  /* bytes after the end of the stream */
				return fail(v, MT_EZLIB, 0, WIRE_ST_DATA);
			if (v->o->file_done)
				v->o->file_done(v->o->ctx, v->fname, v->fbytes,
				                XXH3_64bits_digest(v->fxxh));
			return WIRE_ST_OK;
		}
	} while (v->z.avail_out == 0 || v->z.avail_in);
	return WIRE_ST_OK;
}

/* Handle a new frame; *final says whether the session ends with it. */
static uint8_t on_frame(struct receiver *v, const struct wire_frame *f, int *final)
{
	struct wire_hello h;
	struct wire_file wf;
	struct wire_end e;
	uint8_t st;

	*final = 1;
	/* HELLO first and only first; sequence numbers wrap after 65535. */
	if ((v->nframes++ == 0) != (f->type == WIRE_HELLO))
		return fail(v, MT_EPROTO, 0, WIRE_ST_SEQ);
	switch (f->type) {
	case WIRE_HELLO:
		if (wire_hello_parse(f->payload, f->len, &h) < 0)
			return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
		if (h.version != WIRE_VERSION)
			return fail(v, MT_EVERSION, 0, WIRE_ST_VERSION);
		v->total = h.total;
		if (h.flags & WIRE_HELLO_COLOCATE)
			(void)link_pin(h.cpu);  /* join the sender; undone after the session */
		break;
	case WIRE_FILE:
		if (wire_file_parse(f->payload, f->len, &wf) < 0 ||
		    (v->nfiles && !v->zend))
			return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
		if ((st = out_begin(v, wf.name)) != WIRE_ST_OK)
			return st;
		if (inflateReset(&v->z) != Z_OK || XXH3_64bits_reset(v->fxxh) != XXH_OK)
			return fail(v, MT_EINTERNAL, 0, WIRE_ST_DATA);
		v->fbytes = 0;
		memcpy(v->fname, wf.name, sizeof v->fname);
		v->nfiles++;
		v->zend = 0;
		break;
	case WIRE_DATA:
		if ((st = on_data(v, f)) != WIRE_ST_OK)
			return st;
		if (v->o->progress)
			v->o->progress(v->o->ctx, v->r->bytes_out, v->total);
		break;
	case WIRE_END:
		if (wire_end_parse(f->payload, f->len, &e) < 0 || !v->nfiles || !v->zend)
			return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
		v->r->hash = XXH3_64bits_digest(v->xxh);
		if (e.total != v->r->bytes_out || e.hash != v->r->hash)
			return fail(v, MT_EHASH, 0, WIRE_ST_HASH);
		if ((st = out_commit(v)) == WIRE_ST_OK)
			v->err = MT_OK;
		return st;
	case WIRE_ABORT:
		return fail(v, MT_EABORTED, 0, WIRE_ST_OK);
	}
	*final = 0;
	return WIRE_ST_OK;
}

/* Wait for the first bit of a sender we may answer.  Signals from a
 * process that is not a minitalk sender are ignored: it is never
 * signalled back (SIGUSR1 would kill most programs). */
static int await_sender(struct receiver *v, struct link *l, int *bit)
{
	int64_t deadline = v->o->wait_ms < 0 ? -1 : mt_now_ms() + v->o->wait_ms;
	pid_t pid;
	int r, ms;

	for (;;) {
		ms = deadline < 0 ? -1 : (int)(deadline - mt_now_ms());
		if (deadline >= 0 && ms < 0)
			ms = 0;
		if ((r = link_wait_any(ms, &pid, bit)) <= 0)
			return r;
		/* Every frame starts with a 0: a 1 is a late FIN or a stray. */
		if (*bit == 0 && link_open(l, pid) == MT_OK)
			return 1;
	}
}

/* Answer every bit and query from the peer until the session ends: FIN
 * after the final verdict, the peer gone, or too long a silence. */
static mt_err serve(struct receiver *v, struct link *l, int bit)
{
	struct proto_rx *rx = malloc(sizeof *rx);
	int64_t last = mt_now_ms(), now;
	int reply, final, kind = LINK_BIT;
	enum proto_rx_event ev;
	uint32_t word = 0;
	mt_err e;
	uint8_t st;

	if (!rx)
		return MT_ENOMEM;
	proto_rx_init(rx);
	v->err = MT_EPROTO;
	for (;;) {
		if (kind == LINK_WORD) {
			if (word & PROTO_Q_RESET)
				proto_rx_silence(rx);
			e = link_send_word(l, proto_rx_where(rx, word & PROTO_QID_MASK));
			if (e != MT_OK)
				goto out;
		} else {
			v->r->wire_bits++;
			ev = proto_rx_bit(rx, bit, &reply);
			if (reply >= 0 && (e = link_send(l, reply)) != MT_OK)
				goto out;
			if (ev == RX_FIN)
				break;
			if (ev == RX_FRAME) {
				st = on_frame(v, &rx->frame, &final);
				proto_rx_verdict(rx, st, 0, final);
				v->final |= final;
			}
		}
		for (;;) {
			kind = link_wait(l, PROTO_TICK_MS, &bit, &word);
			if (kind < 0) {
				e = MT_EINTR;
				goto out;
			}
			now = mt_now_ms();
			if (kind != LINK_TIMEOUT)
				break;
			if (v->final) {  /* linger for FIN, or a resent final frame */
				if (!link_alive(l) || now - last >= v->o->timeout_ms ||
				    (now - last >= PROTO_LINGER_MS && !link_stopped(l)))
					goto done;  /* a stopped sender may yet need the verdict */
				continue;
			}
			if (!link_alive(l)) {
				e = MT_EGONE;
				goto out;
			}
			if (now - last >= v->o->timeout_ms ||
			    (rx->next_seq == 0 && now - last >= HELLO_MS)) {
				e = MT_ETIMEOUT;
				goto out;
			}
			if (rx->next_seq == 0 && now - last >= PROTO_RESET_MS)
				proto_rx_silence(rx);
		}
		last = now;
	}
done:
	e = v->err;
out:
	if (v->final && (e == MT_EGONE || e == MT_ETIMEOUT))
		e = v->err;  /* it left after the final verdict: fine */
	free(rx);
	return e;
}

mt_err recv_session(const struct recv_opts *o, struct recv_result *r)
{
	struct receiver *v = calloc(1, sizeof *v);
	struct link l = { 0, -1 };
	mt_err e;
	int bit, got;

	memset(r, 0, sizeof *r);
	if (!v)
		return MT_ENOMEM;
	v->o = o;
	v->r = r;
	v->fd = -1;
	if (!(v->xxh = XXH3_createState()) || XXH3_64bits_reset(v->xxh) != XXH_OK ||
	    !(v->fxxh = XXH3_createState()) ||
	    inflateInit2(&v->z, -15) != Z_OK) {
		e = MT_ENOMEM;
		goto out;
	}
	v->zinit = 1;
	do {
		got = await_sender(v, &l, &bit);
		if (got <= 0) {
			e = got < 0 ? MT_EINTR : MT_ETIMEOUT;
			goto out;
		}
		r->peer = l.pid;
		r->start_ms = mt_now_ms();
		if (o->session)
			o->session(o->ctx, 1);
		e = serve(v, &l, bit);
		if (o->session)
			o->session(o->ctx, 0);
		link_close(&l);
		link_unpin();
	} while (v->nframes == 0 && (e == MT_EGONE || e == MT_ETIMEOUT));
out:
	out_discard(v);  /* after a commit, only frees the names */
	if (v->zinit)
		inflateEnd(&v->z);
	XXH3_freeState(v->xxh);
	XXH3_freeState(v->fxxh);
	free(v);
	return e;
}
