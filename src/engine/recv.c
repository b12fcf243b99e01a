/* recv.c - the receiver engine: check each frame, inflate, hash, and
 * write (a file, stdout, or a command's stdin).  The session around it
 * is in recv_session.c. */
#define _GNU_SOURCE
#include "recv_int.h"

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

mt_err recv_setup(int *errnum)
{
	return link_setup(LINK_RECEIVER, errnum);
}

void recv_withdraw(void)
{
	link_withdraw();
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
		file = out_name(&v->out);
	return fail_at(v, file, e, errnum, st);
}

/* An output failure from out.c as the verdict's status; when no file
 * could be made in the directory, the message says so. */
static uint8_t out_fail(struct receiver *v, mt_err e)
{
	uint8_t st = e == MT_EEXIST ? WIRE_ST_EXISTS : e == MT_EWRITE ? WIRE_ST_IO :
	             WIRE_ST_CREATE;

	fail_at(v, v->out.what, e, v->out.errnum, st);
	if (v->out.in_dir)
		snprintf(v->r->what, sizeof v->r->what, "%s: cannot create a file in %s",
		         v->out.what, v->out.in_dir);
	return st;
}

/* Bytes of the current file, written and hashed. */
static uint8_t out_write(struct receiver *v, const uint8_t *p, size_t n)
{
	mt_err e;

	if (v->cmd) {
		if ((e = cmd_write(v->cmd, p, n)) != MT_OK)
			return fail_at(v, cmd_what(v->cmd), e, errno, WIRE_ST_IO);
	} else if (n && mt_write(v->out.fd, p, n) < 0)
		return fail(v, errno == EINTR ? MT_EINTR : MT_EWRITE, errno, WIRE_ST_IO);
	XXH3_64bits_update(v->xxh, p, n);
	XXH3_64bits_update(v->fxxh, p, n);
	v->r->bytes_out += n;
	v->req_bytes += n;
	v->fbytes += n;
	return WIRE_ST_OK;
}

static void file_end(struct receiver *v)
{
	if (v->o->file_done)
		v->o->file_done(v->o->ctx, v->fname, v->fbytes, XXH3_64bits_digest(v->fxxh));
}

static uint8_t on_raw(struct receiver *v, const uint8_t *p, size_t n)
{
	uint8_t st = out_write(v, p, n);

	if (st == WIRE_ST_OK)
		file_end(v);
	return st;
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
		if (out_write(v, v->buf, n) != WIRE_ST_OK)
			return WIRE_ST_IO;
		if (zr == Z_STREAM_END) {
			v->zend = 1;
			if (v->z.avail_in)  /* bytes after the end of the stream */
				return fail(v, MT_EZLIB, 0, WIRE_ST_DATA);
			file_end(v);
			return WIRE_ST_OK;
		}
	} while (v->z.avail_out == 0 || v->z.avail_in);
	return WIRE_ST_OK;
}

/* Where a request's file goes: with -e, the first starts the command
 * (told who sends what, in the manner of ucspi's TCPREMOTEIP, the name
 * made safe as -d makes it); else out.c picks the file. */
static uint8_t file_begin(struct receiver *v, const char *name, uint64_t size)
{
	char peer[32], nm[WIRE_MAX_NAME + 16], sz[48], *env[4] = { peer, NULL, NULL, NULL };
	char safe[WIRE_MAX_NAME + 1];
	int k = 1;
	mt_err e;

	if (!v->o->exec) {
		if ((e = out_begin(&v->out, name)) != MT_OK)
			return out_fail(v, e);
		return WIRE_ST_OK;
	}
	if (v->cmd)
		return WIRE_ST_OK;  /* the next file of the request goes on */
	snprintf(peer, sizeof peer, "MINITALK_PEER=%ld", (long)v->peer);
	if (*name) {
		out_sanitize(name, safe, sizeof safe);
		snprintf(nm, sizeof nm, "MINITALK_NAME=%s", safe);
		env[k++] = nm;
	}
	if (size != WIRE_SIZE_UNKNOWN) {
		snprintf(sz, sizeof sz, "MINITALK_SIZE=%llu", (unsigned long long)size);
		env[k++] = sz;
	}
	if ((e = cmd_start(&v->cmd, v->o->exec, env)) != MT_OK)
		return fail_at(v, v->o->exec, e, errno, WIRE_ST_IO);
	cmd_linger(v->cmd, v->o->timeout_ms);  /* -w: the grace of its leftovers */
	return WIRE_ST_OK;
}

/* A file of the stream begins (a FILE frame, or a short frame's one):
 * where it goes, and its own inflater, hash and count. */
static uint8_t file_start(struct receiver *v, const char *name, uint64_t size)
{
	uint8_t st;

	if ((st = file_begin(v, name, size)) != WIRE_ST_OK)
		return st;
	if (inflateReset(&v->z) != Z_OK || XXH3_64bits_reset(v->fxxh) != XXH_OK)
		return fail(v, MT_EINTERNAL, 0, WIRE_ST_DATA);
	v->fbytes = 0;
	snprintf(v->fname, sizeof v->fname, "%s", name);
	v->nfiles++;
	v->zend = 0;
	return WIRE_ST_OK;
}

/* The end of a request whose stream checked out: files are made visible;
 * the command has all its input.  With a reply, the session goes on. */
static uint8_t request_done(struct receiver *v, int *final)
{
	mt_err e;

	if (v->cmd)
		cmd_end_input(v->cmd);
	else if ((e = out_commit(&v->out)) != MT_OK)
		return out_fail(v, e);
	v->err = MT_OK;
	*final = !v->reply;
	return WIRE_ST_OK;
}

/* The end of a reply whose stream checked out (sigsend): the command's
 * status; the session ends, or (sigsend -l) goes on. */
static uint8_t reply_done(struct receiver *v, uint8_t status, int *final, uint8_t *info)
{
	v->r->status = status;
	v->err = MT_OK;
	*final = !v->more;
	*info = v->more ? WIRE_INFO_MORE : 0;
	return WIRE_ST_OK;
}

/* A short frame: a whole transfer of one small input (see wire.h). */
static uint8_t on_short(struct receiver *v, const struct wire_frame *f, int *final,
                        uint8_t *info)
{
	struct wire_short ws;
	struct wire_frame data;
	uint8_t st;

	if (wire_short_parse(f->payload, f->len, &ws) < 0)
		return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
	if (ws.flags & WIRE_HELLO_COLOCATE)
		(void)link_pin(ws.cpu);
	v->reply = !v->replying && v->o->exec && (ws.caps & WIRE_CAP_REPLY);
	*info = v->reply ? WIRE_CAP_REPLY : 0;
	if ((st = file_start(v, ws.name, ws.flags & WIRE_SHORT_DEFLATE ?
	                     WIRE_SIZE_UNKNOWN : ws.len)) != WIRE_ST_OK)
		return st;
	if (ws.flags & WIRE_SHORT_DEFLATE) {
		data.payload = ws.data;
		data.len = (uint16_t)ws.len;
		if ((st = on_data(v, &data)) != WIRE_ST_OK)
			return st;
		if (!v->zend)
			return fail(v, MT_EZLIB, 0, WIRE_ST_DATA);
	} else if ((st = on_raw(v, ws.data, ws.len)) != WIRE_ST_OK) {
		return st;
	}
	v->r->hash = XXH3_64bits_digest(v->xxh);
	if (v->r->hash != ws.hash)
		return fail(v, MT_EHASH, 0, WIRE_ST_HASH);
	if (v->replying)  /* a whole reply: the command's status in cpu */
		return reply_done(v, ws.cpu, final, info);
	return request_done(v, final);
}

/* Handle a new frame; *final says whether the session ends with it,
 * *info what goes with the verdict (HELLO: the capabilities granted). */
uint8_t recv_frame(struct receiver *v, const struct wire_frame *f, int *final,
                   uint8_t *info)
{
	struct wire_hello h;
	struct wire_file wf;
	struct wire_end e;
	uint8_t st;

	*final = 1;
	*info = 0;
	/* HELLO (or SHORT) first and only first; sequence numbers wrap after
	 * 65535.  A reply has no HELLO, and may be one SHORT. */
	if ((v->nframes++ == 0) != (f->type == WIRE_HELLO || f->type == WIRE_SHORT) &&
	    !(v->replying && f->type != WIRE_HELLO))
		return fail(v, MT_EPROTO, 0, WIRE_ST_SEQ);
	switch (f->type) {
	case WIRE_SHORT:
		return on_short(v, f, final, info);
	case WIRE_HELLO:
		if (wire_hello_parse(f->payload, f->len, &h) < 0)
			return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
		if (h.version != WIRE_VERSION)
			return fail(v, MT_EVERSION, 0, WIRE_ST_VERSION);
		v->total = h.total;
		if (h.flags & WIRE_HELLO_COLOCATE)
			(void)link_pin(h.cpu);  /* join the sender; undone after the session */
		if ((h.caps & WIRE_CAP_FAST) && link_can_fast(v->peer)) {
			*info |= WIRE_CAP_FAST;
			v->key = h.key;
		}
		v->reply = v->o->exec && (h.caps & WIRE_CAP_REPLY);
		if (v->reply)
			*info |= WIRE_CAP_REPLY;
		break;
	case WIRE_FILE:
		if (wire_file_parse(f->payload, f->len, &wf) < 0 ||
		    (v->nfiles && !v->zend))
			return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
		if ((st = file_start(v, wf.name, wf.size)) != WIRE_ST_OK)
			return st;
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
		if (e.total != v->req_bytes || e.hash != v->r->hash)
			return fail(v, MT_EHASH, 0, WIRE_ST_HASH);
		return request_done(v, final);
	case WIRE_RESULT:
		if (!v->replying || wire_result_parse(f->payload, f->len, &e, &st) < 0 ||
		    !v->nfiles || !v->zend)
			return fail(v, MT_EPROTO, 0, WIRE_ST_DATA);
		v->r->hash = XXH3_64bits_digest(v->xxh);
		if (e.total != v->req_bytes || e.hash != v->r->hash)
			return fail(v, MT_EHASH, 0, WIRE_ST_HASH);
		return reply_done(v, st, final, info);
	case WIRE_BYE:
		/* Only between requests: within one, the sender gave up on it,
		 * and what arrived of it is not a verified transfer. */
		if (v->nfiles)
			return fail(v, MT_EPROTO, 0, WIRE_ST_SEQ);
		v->err = MT_OK;
		return WIRE_ST_OK;
	case WIRE_ABORT:
		return fail(v, MT_EABORTED, 0, WIRE_ST_OK);
	}
	*final = 0;
	return WIRE_ST_OK;
}

struct receiver *recv_new(const struct recv_opts *o, struct recv_result *r)
{
	struct receiver *v = calloc(1, sizeof *v);

	memset(r, 0, sizeof *r);
	r->status = -1;
	if (!v)
		return NULL;
	v->o = o;
	v->r = r;
	out_init(&v->out, o->output, o->dir, o->force);
	if (!(v->xxh = XXH3_createState()) || XXH3_64bits_reset(v->xxh) != XXH_OK ||
	    !(v->fxxh = XXH3_createState()) || inflateInit2(&v->z, -15) != Z_OK) {
		XXH3_freeState(v->xxh);
		XXH3_freeState(v->fxxh);
		free(v);
		return NULL;
	}
	return v;
}

void recv_free(struct receiver *v)
{
	out_discard(&v->out);  /* after a commit, only frees the names */
	cmd_free(v->cmd);
	inflateEnd(&v->z);
	XXH3_freeState(v->xxh);
	XXH3_freeState(v->fxxh);
	free(v);
}

