/* names.h - receivers found by name.  Each user has a private directory
 * ($XDG_RUNTIME_DIR/minitalk, else $TMPDIR/minitalk-UID, /tmp by default;
 * where another user holds that name, ${XDG_CACHE_HOME:-$HOME/.cache}/
 * minitalk-HOST-UID instead; mode 0700) with one file per name, holding "PID idle" or "PID busy".  The receiver holds a
 * write lock (fcntl) on its file for as long as it runs: the kernel drops
 * it when the process dies, however it dies, so a file nobody has locked
 * is stale, and a recycled PID is never taken for the receiver.  These
 * are POSIX record locks, which a process loses when it closes any
 * descriptor of the file: a registered receiver must never open its own
 * name file again (it has no reason to). */
#ifndef NAMES_H
#define NAMES_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>
#include "mt.h"

#define NAMES_MAX 64

/* 1 if s may be a name: 1 to NAMES_MAX of A-Z a-z 0-9 . _ -, not starting
 * with . or -, and not all digits (that is a PID). */
int names_valid(const char *s);

/* The directory's path into buf; -1 if it does not fit.  The one place
 * that chooses it (both ends compute the same): the shared place if it is
 * ours or missing, the private place if another user holds the shared
 * one, or if it is missing and the private one exists.  Nothing is made
 * or checked here (see names_register). */
int names_dir(char *buf, size_t n);

struct names_reg {
	int fd;                /* the locked name file; -1: none */
	char path[PATH_MAX];
};

/* Register name for this process, creating the directory if need be.
 * The file appears complete or not at all.  MT_ENAMETAKEN (and the
 * holder's PID in *holder, 0 if unknown) if a live receiver has it; a
 * stale file is replaced.  MT_ENAMEDIR if the directory is not private;
 * MT_ECREATE with *errnum if it or the file cannot be made. */
mt_err names_register(struct names_reg *g, const char *name, pid_t *holder, int *errnum);
/* Mark the registration busy serving peer (a sender's PID) or idle (0):
 * one write of the whole line in place, which readers see whole. */
void names_set_busy(struct names_reg *g, pid_t peer);
/* Remove the name, if it is still ours.  Safe to call twice. */
void names_unregister(struct names_reg *g);

/* The PID (as this process sees it) of the live receiver called name,
 * and whom it serves (0: idle).  MT_ENONAME if there is none (or only a stale
 * file, or no directory yet); MT_EOTHERNS if its holder cannot be seen
 * from our PID namespace; MT_ENAMEDIR if the directory is not private. */
mt_err names_lookup(const char *name, pid_t *pid, pid_t *peer, int *errnum);

/* Call each() for every live name, in the order of strcmp; stale files,
 * and names whose holder our PID namespace cannot see, are skipped.  No
 * directory: no names, MT_OK. */
mt_err names_list(void (*each)(void *ctx, const char *name, pid_t pid, int busy),
                  void *ctx, int *errnum);

#endif
