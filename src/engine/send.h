/* send.h - the sender engine: inputs in, verified transfer out. */
#ifndef SEND_H
#define SEND_H

#include <stdint.h>
#include <sys/types.h>
#include "mt.h"

/* The transport: by default a transfer that fits one short frame goes on
 * bits (a few milliseconds), anything larger on words whenever the
 * receiver offers them; --classic forces bits, --fast asks for words. */
enum { SEND_AUTO, SEND_CLASSIC, SEND_FAST };

struct send_opts {
	pid_t pid;
	int level;             /* zlib level 1..9; 0: the best for the link */
	int transport;         /* SEND_AUTO, SEND_CLASSIC or SEND_FAST */
	int timeout_ms;        /* give up after this long without an answer */
	const char *message;   /* -m: sent as TEXT and a newline; or NULL */
	int lines;             /* -l: each line of input a request of its own */
	char *const *files;    /* "-" is stdin; none at all means stdin */
	int nfiles;
	/* Called once per input when it has been read and sent: its name (""
	 * for stdin or -m), size and XXH3-64.  The transfer is confirmed only
	 * when send_run returns MT_OK.  May be NULL. */
	void (*file_done)(void *ctx, const char *name, uint64_t bytes, uint64_t hash);
	/* Called after each frame the receiver accepted: the bytes of input
	 * it has (estimated through the compression ratio so far) and the
	 * total, WIRE_SIZE_UNKNOWN (UINT64_MAX) if not known.  May be NULL. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	/* Called once if the receiver is busy with another sender and this
	 * one waits its turn.  May be NULL. */
	void (*waiting)(void *ctx);
	/* Called once if the receiver is seen stopped (SIGSTOP, Ctrl-Z) while
	 * we wait for its answer; the wait goes on as timeout_ms says.  May
	 * be NULL. */
	void (*stopped)(void *ctx);
	/* Finds the receiver, which may take a while (sigsend --wait): called
	 * after the inputs are opened and before any signal; sets *pid, or
	 * returns an error with errno detail in *errnum.  NULL: o->pid. */
	mt_err (*find)(void *ctx, pid_t *pid, int *errnum);
	void *ctx;
};

struct send_result {
	int errnum;            /* errno detail of err, or 0 */
	const char *what;      /* the file err is about, or NULL: the PID */
	uint64_t bytes_in;     /* uncompressed payload bytes */
	uint64_t wire_bits;    /* payload bits of the signals sent */
	uint64_t signals;      /* signals sent, retransmissions included */
	uint64_t resyncs;      /* frames sent again */
	uint64_t queries;      /* position queries (lost bits or answers) */
	uint64_t hash;         /* XXH3-64 of the whole stream */
	unsigned unit;         /* bytes per signal on the word transport, or 0:
	                          the classic bit transport was used */
	int short_frame;       /* the input went as one short frame */
	int no_room;           /* no fast transport: a signal queue limit too small */
	uint64_t reply_bytes;  /* of the receiver's replies (sigrecv -e) */
	int reply_status;      /* the last reply's command status, or -1: none */
};

/* A source of bytes to send: up to n within ms; 0 if none came yet, -1
 * (errno) on error; *eof once it is over.  A pause is seen and used (what
 * was read goes out, or a keepalive). */
struct send_src {
	ssize_t (*read)(void *ctx, void *buf, size_t n, int ms, int *eof);
	void *ctx;
};

/* Send everything to o->pid.  MT_OK only once the receiver has confirmed
 * the whole-stream hash and written the output.  Nothing is signalled
 * unless link_open() accepts the PID first. */
mt_err send_run(const struct send_opts *o, struct send_result *r);

struct link;
/* The receiver's reply, on a link the sender has turned to it: the output
 * of src as one stream, then RESULT with the status that status(ctx, ms)
 * gives once it is >= 0 (waited for ms at a time, the sender kept
 * informed).  *more: the sender has another request (sigsend -l). */
mt_err send_reply(struct link *l, const struct send_src *src, int (*status)(void *ctx, int ms),
                  int timeout_ms, struct send_result *r, int *more);

#endif
