/* out.h - where a receiver writes a transfer: standard output, the one
 * -o file (several files concatenated), or one file per file in -d DIR.
 * Files are written under temp names beside their final names until the
 * whole stream checks out, then synced and renamed: on failure nothing is
 * left behind.  A device or FIFO given to -o is written in place. */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>
#include "mt.h"

struct out_file {
	char *final;             /* the name it gets once the stream checks out */
	char *tmp;               /* where it is written until then; NULL: in place */
};

struct out {
	const char *output;      /* -o FILE, or NULL */
	const char *dir;         /* -d DIR, or NULL */
	int force;               /* replace existing files */
	int fd;                  /* the file being written: 1 is stdout, -1 none */
	struct out_file *files;
	size_t n;
	const char *what;        /* after a failure: the file it is about */
	int errnum;              /* and its errno, or 0 */
};

/* Take the process's umask for the files created (call once). */
void out_setup(void);
/* Start the next file, named by the sender (its base name is used with
 * -d, made safe).  MT_EEXIST, MT_ECREATE, MT_EWRITE or MT_ENOMEM. */
mt_err out_begin(struct out *v, const char *sender_name);
/* Make every file durable and visible under its final name. */
mt_err out_commit(struct out *v);
/* Throw away whatever was written under temp names; free the names. */
void out_discard(struct out *v);
/* The name of the file being written, for messages. */
const char *out_name(const struct out *v);

#endif
