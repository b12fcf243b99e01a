/* src/ - the root of the layers (README, "How it works"): cli/ above
 * engine/, above link/, above proto/ (and the platform seam os/); an
 * #include or a call only ever points down (tests/e2e/layers.sh).  mt.c
 * and mt.h stand under them all: they use only libc, and every floor may
 * use them.
 *
 * mt.h - what every minitalk module shares: the error enum, its exit
 * codes, and EINTR-safe I/O.  The core returns these; only main() prints. */
#ifndef MT_H
#define MT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Exit codes, as documented in sigsend(1) and sigrecv(1) (sysexits.h). */
enum {
	EXIT_USAGE = 64, EXIT_DATA = 65, EXIT_NOINPUT = 66, EXIT_NOPEER = 69,
	EXIT_INTERNAL = 70, EXIT_CANTCREAT = 73, EXIT_IO = 74,
	EXIT_TIMEOUT = 75, EXIT_PROTO = 76, EXIT_PERM = 77
};

/* Every failure the core can report.  mt_strerror() gives the reason text,
 * mt_exit_code() the exit status; errno-style detail travels separately. */
typedef enum {
	MT_OK = 0,
	MT_ENOPEER,     /* no such process */
	MT_ENOTRECV,    /* process is not a minitalk receiver (or sender) */
	MT_ESELF,       /* that is our own PID */
	MT_EPERM,       /* not allowed to signal it */
	MT_EGONE,       /* the peer died during the transfer */
	MT_ETIMEOUT,    /* the peer stopped answering */
	MT_EPROTO,      /* the peer broke the protocol */
	MT_EVERSION,    /* the peer speaks another protocol version */
	MT_EHASH,       /* whole-stream hash mismatch */
	MT_EZLIB,       /* compressed data is corrupt */
	MT_ENOINPUT,    /* cannot open an input (errno) */
	MT_EREAD,       /* reading input failed (errno) */
	MT_EWRITE,      /* writing output failed (errno) */
	MT_ECREATE,     /* cannot create the output file (errno) */
	MT_EEXIST,      /* output exists and no --force */
	MT_EPEERIO,     /* the receiver could not write the output */
	MT_EPEERCREATE, /* the receiver could not create the output */
	MT_EPEEREXIST,  /* the receiver's output exists, no --force there */
	MT_EABORTED,    /* the sender abandoned the transfer */
	MT_EINTR,       /* interrupted by a terminating signal */
	MT_ENOMEM,
	MT_EREFUSED,    /* the peer cannot parse a short frame: use long ones */
	MT_EINTERNAL,
	MT_ENONAME,     /* no live receiver registered under that name */
	MT_EPIDFILE,    /* the pid file holds no PID */
	MT_ENAMEDIR,    /* the name directory is not ours alone */
	MT_ENAMETAKEN,  /* a live receiver holds that name */
	MT_EABSENT,     /* the receiver did not appear in time (--wait) */
	MT_EOTHERNS,    /* the peer is in another PID namespace */
	MT_ENOANSWER,   /* the peer runs as a user who may not signal us back */
	MT_EDUPNAME,    /* sigrecv -d: a name came twice in one transfer */
	MT_ESTALE       /* a pid file whose PID is another process now */
} mt_err;

const char *mt_strerror(mt_err e);
int mt_exit_code(mt_err e);

/* Set by the CLIs' INT/TERM/HUP handlers; long waits return MT_EINTR
 * once it is non-zero. */
extern volatile int mt_stop_signal;

/* write(2) that survives EINTR (unless mt_stop_signal is set) and short
 * counts; returns 0 or -1 with errno set. */
int mt_write(int fd, const void *buf, size_t n);

/* Monotonic clock in milliseconds. */
int64_t mt_now_ms(void);

#endif
