/* recv_int.h - the receiver engine's state, shared by recv.c (frames in,
 * payload out) and recv_session.c (sigrecv's sessions, replies both
 * ways).  Not for use outside. */
#ifndef RECV_INT_H
#define RECV_INT_H

#include <stdint.h>
#include <xxhash.h>
#include <zlib.h>

#include "cmd.h"
#include "out.h"
#include "recv.h"
#include "wire.h"

struct receiver {
	const struct recv_opts *o;
	struct recv_result *r;
	mt_err err;              /* the session's outcome once final */
	struct out out;          /* where the payload goes */
	struct cmd *cmd;         /* -e: or to this command's stdin */
	pid_t peer;
	uint64_t key;            /* the fast transport's, from HELLO */
	int reply;               /* the sender takes a reply (-e granted) */
	int replying;            /* this is sigsend taking a reply */
	int more;                /* sigsend -l: another request follows */
	uint64_t req_bytes;      /* of the current request */
	z_stream z;
	int zinit, zend, nfiles;
	unsigned long nframes;   /* frames accepted: 0 means no session yet */
	int final;               /* the session's outcome is decided */
	XXH3_state_t *xxh, *fxxh;  /* the whole stream; the current file */
	uint64_t fbytes, total;
	char fname[WIRE_MAX_NAME + 1];
	uint8_t buf[65536];
};

/* Handle a new frame; *final says whether the session ends with it,
 * *info what goes with the verdict (HELLO: the capabilities granted). */
uint8_t recv_frame(struct receiver *v, const struct wire_frame *f, int *final, uint8_t *info);
struct receiver *recv_new(const struct recv_opts *o, struct recv_result *r);
void recv_free(struct receiver *v);

#endif
