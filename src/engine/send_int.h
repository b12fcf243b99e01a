/* send_int.h - the sender engine's state, shared by send.c (the engine:
 * deflate, hash, frames, sources) and send_session.c (sigsend's session:
 * handshake, short frames, requests and replies).  Not for use outside. */
#ifndef SEND_INT_H
#define SEND_INT_H

#include <stdint.h>
#include <xxhash.h>
#include <zlib.h>

#include "adapt.h"
#include "link.h"
#include "proto.h"
#include "send.h"
#include "wire.h"

#define CHUNK 65536
#define IDLE_FLUSH_MS 200    /* input idle this long: send what we have */
#define KEEPALIVE_MS 250     /* and with nothing to send, say we are alive */
#define KEEPALIVE_MIN_MS 50

struct sender {
	const struct send_opts *o;
	struct send_result *r;
	struct link *l;          /* &link, or the receiver's link for a reply */
	struct link link;
	int finished;            /* a final verdict came: the receiver awaits FIN */
	int reply;               /* the receiver answers each request (-e) */
	uint64_t req_bytes;      /* input of the current request */
	uint8_t info;            /* of the last verdict */
	struct adapt ad;         /* deflate's level, adaptive on the fast transport */
	uint8_t frame[WIRE_MAX_FRAME];
	uint8_t payload[WIRE_MAX_PAYLOAD];
	XXH3_state_t *xxh, *fxxh;  /* the whole stream; the current file */
	uint64_t fbytes;
	uint64_t total;          /* the whole input, or WIRE_SIZE_UNKNOWN */
	uint64_t zsent;          /* deflate output of earlier files */
	z_stream z;
	int zinit;
	/* Progress (send.c, report_progress): our own confirmed DATA frames
	 * inflated as the receiver inflates them, so the figure is exactly
	 * the input it has; zmark is zsent when the mirror last began a file. */
	z_stream zm;
	int zminit;              /* 1: set up; -1: failed, no more progress */
	uint64_t zmark, shown;   /* shown: the figure last reported, never less */
	/* the figure each DATA frame in flight will make true once confirmed
	 * (by the link's frame number): the fast transport has a window */
	struct { uint64_t frame, done; } prog[PROTO_WINDOW + 1];
	unsigned nprog;
};

/* A file descriptor as a source: a regular file is read straight on; a
 * pipe or terminal is polled, so that its pauses are seen.  With a
 * separator (sigsend -l), a read ends after it: one line per request. */
struct fd_src {
	int fd, regular, sep;
	int done;                /* read() said end of file */
	off_t size;              /* a regular file's, when opened */
	uint8_t buf[CHUNK];
	size_t have, off;        /* read ahead of the current line */
};


/* The engine (send.c). */
mt_err send_init(struct sender *s, const struct send_opts *o, struct send_result *r);
void send_end(struct sender *s);
/* A verdict's status as the sender's error. */
mt_err send_status_err(uint8_t st);
/* Encode s->payload (len bytes) as a frame of type, send it, and return
 * its verdict as an error; s->info holds the verdict's info. */
mt_err send_frame(struct sender *s, uint8_t type, size_t len);
/* One input, from src or from memory: FILE, then its DATA frames. */
mt_err send_one(struct sender *s, const struct send_src *src, uint64_t size,
                const char *name, const char *mem, size_t memlen);
/* Send len bytes at mem as one short frame (see wire.h), ws giving the
 * other fields; *st is its verdict.  MT_EREFUSED if it does not fit. */
mt_err send_short_xmit(struct sender *s, struct wire_short *ws, const uint8_t *mem,
                       size_t len, int once, uint8_t *st);
/* Read more into f's buffer once it is used up: 1 when there is data or
 * the end, 0 if none came within ms (a pipe), -1 (errno) on error or
 * when asked to stop (EINTR). */
int send_fd_fill(struct fd_src *f, int ms);
/* How often to say we are alive, with nothing to send, for a side whose
 * own timeout is timeout_ms (see send.c). */
int send_keepalive_ms(int timeout_ms);
/* A failed read of the input name ("" is stdin) as the sender's error. */
mt_err send_read_err(struct sender *s, const char *name);
/* struct fd_src as a send_src. */
ssize_t send_fd_read(void *ctx, void *buf, size_t n, int ms, int *eof);

#endif
