/* recv.h - the receiver engine: one transfer from one sender. */
#ifndef RECV_H
#define RECV_H

#include <stdint.h>
#include <sys/types.h>
#include "mt.h"

struct recv_opts {
	const char *output;    /* -o FILE; NULL writes to stdout */
	const char *dir;       /* -d DIR: each file as DIR/NAME (not with -o) */
	int force;             /* replace an existing FILE */
	int timeout_ms;        /* drop a transfer silent this long */
	int wait_ms;           /* wait this long for a sender; < 0: forever */
	const char *exec;      /* -e: run this shell command on each request,
	                          its output the reply (--echo: cat) */
	/* Called at the end of each file in the stream: the sender's base name
	 * ("" for a stream), its size and XXH3-64; confirmed only when
	 * recv_session returns MT_OK.  May be NULL. */
	void (*file_done)(void *ctx, const char *name, uint64_t bytes, uint64_t hash);
	/* Called after each frame written: bytes so far and the total the
	 * sender announced (UINT64_MAX if unknown).  May be NULL. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	/* Called with the sender's PID when it has been accepted, and with 0
	 * when its session is over (sigrecv -N shows busy or idle).  May be
	 * NULL. */
	void (*session)(void *ctx, pid_t peer);
	void *ctx;
};

struct recv_result {
	pid_t peer;            /* the sender served, or 0 */
	int64_t start_ms;      /* when it was accepted (mt_now_ms) */
	int errnum;            /* errno detail of err, or 0 */
	char what[4096];       /* the file err is about, or "": the peer */
	uint64_t bytes_out;
	uint64_t wire_bits;    /* payload bits of the signals from the sender */
	unsigned unit;         /* bytes per signal on the word transport, or 0 */
	uint64_t hash;
	uint64_t reply_bytes;  /* sent back as replies (-e) */
	int status;            /* the (last) command's status, or -1 */
};

/* Call once before announcing the PID: signals are set up from here on,
 * and the process is registered as a receiver (see link_setup: errors
 * MT_ENAMEDIR, MT_ECREATE with *errnum).  recv_withdraw removes the
 * registration, at exit. */
mt_err recv_setup(int *errnum);
void recv_withdraw(void);

/* Wait for a sender, take its transfer, verify it and write it.  With
 * o->output or o->dir, files appear only if the whole stream checked out
 * (temp files, fsync, rename); on any failure nothing is left behind. */
mt_err recv_session(const struct recv_opts *o, struct recv_result *r);

struct link;
/* sigsend's side of a reply, on a link just turned to the receiver: the
 * reply written to stdout as it comes, its hash checked, the command's
 * status in r->status.  With more, the turn comes back for the next
 * request; else the session ends. */
mt_err recv_reply(struct link *l, int timeout_ms, int more, struct recv_result *r);

#endif
