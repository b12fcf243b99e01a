/* recv.h - the receiver engine: one transfer from one sender. */
#ifndef RECV_H
#define RECV_H

#include <stdint.h>
#include <sys/types.h>
#include "mt.h"

struct recv_opts {
	const char *output;    /* -o FILE; NULL writes to stdout */
	int force;             /* replace an existing FILE */
	int timeout_ms;        /* drop a transfer silent this long */
	int wait_ms;           /* wait this long for a sender; < 0: forever */
};

struct recv_result {
	pid_t peer;            /* the sender served, or 0 */
	int errnum;            /* errno detail of err, or 0 */
	const char *what;      /* the file err is about, or NULL: the peer */
	uint64_t bytes_out;
	uint64_t hash;
};

/* Call once before announcing the PID: signals are set up from here on. */
mt_err recv_setup(void);

/* Wait for a sender, take its transfer, verify it and write it.  With
 * o->output, the file appears only if the whole stream checked out (temp
 * file, fsync, rename); on any failure nothing is left behind. */
mt_err recv_session(const struct recv_opts *o, struct recv_result *r);

#endif
