/* out.h - where a receiver writes a transfer: standard output, the one
 * -o file (several files concatenated), or one file per file in -d DIR.
 * Files are written as unnamed files in their directory (O_TMPFILE), held
 * open until the whole stream checks out, then synced and linked under
 * their final names: on failure, even SIGKILL, nothing is left behind.
 * Where the file system has no unnamed files, or with more files in one
 * transfer than can be held open (256, or a quarter of RLIMIT_NOFILE), a
 * file is written under a temp name beside its final name and renamed.
 * A device or FIFO given to -o is written in place. */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>
#include "mt.h"

struct out_file {
	char *final;             /* the name it gets once the stream checks out */
	char *tmp;               /* its temp name in the directory, or NULL */
	int fd;                  /* open: an unnamed file (until the commit), or
	                            the one being written; -1 once closed */
	int unnamed;             /* fd is an O_TMPFILE file: link it at the end */
};

struct out {
	const char *output;      /* -o FILE, or NULL */
	const char *dir;         /* -d DIR, or NULL */
	int force;               /* replace existing files */
	int fd;                  /* the file being written: 1 is stdout, -1 none */
	int dirfd;               /* the directory the files go in (O_PATH), or -1 */
	char *dirpath;           /* its name, for messages */
	struct out_file *files;
	size_t n, nunnamed;
	const char *what;        /* after a failure: the file it is about */
	const char *in_dir;      /* and, when no file could be made in the
	                            directory, that directory; else NULL */
	int errnum;              /* and its errno, or 0 */
};

/* Set up v for one transfer to output (-o), dir (-d) or, with neither,
 * standard output; nothing is opened yet. */
void out_init(struct out *v, const char *output, const char *dir, int force);
/* A name from the sender made safe as a file name, as sigrecv -d makes
 * it and MINITALK_NAME gives it: its base name, no leading dots, control
 * characters replaced by '_'; "stdin" for "", "file" if nothing is left.
 * n is at least 8. */
void out_sanitize(const char *in, char *out, size_t n);
/* Start the next file, named by the sender (its base name is used with
 * -d, made safe).  MT_EEXIST, MT_EDUPNAME, MT_ECREATE, MT_EWRITE or
 * MT_ENOMEM. */
mt_err out_begin(struct out *v, const char *sender_name);
/* Make every file durable and visible under its final name. */
mt_err out_commit(struct out *v);
/* Throw away whatever is not yet under its final name; free the names. */
void out_discard(struct out *v);
/* The name of the file being written, for messages. */
const char *out_name(const struct out *v);

#endif
