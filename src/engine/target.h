/* target.h - what sigsend's TARGET operand names: a PID, the NAME of a
 * receiver (see names.h), or the PATH of a pid file; and waiting for the
 * receiver to appear.  No signal is sent here. */
#ifndef TARGET_H
#define TARGET_H

#include <sys/types.h>
#include "mt.h"

enum target_kind {
	TARGET_PID,       /* all digits, 1 to INT_MAX */
	TARGET_NAME,      /* a valid name */
	TARGET_FILE,      /* contains a '/': a pid file */
	TARGET_BADPID,    /* all digits, out of range */
	TARGET_INVALID    /* none of these */
};

/* What word is; for TARGET_PID, *pid is set. */
enum target_kind target_kind(const char *word, pid_t *pid);

/* The receiver's PID.  wait_ms <= 0: resolve word once (the caller checks
 * the PID with link_open).  wait_ms > 0: poll every few milliseconds until
 * word resolves to a process link_open accepts (a name registered, a pid
 * file written, a PID become a receiver): MT_EABSENT if not within
 * wait_ms, MT_EINTR once mt_stop_signal is set; an error that waiting
 * cannot cure (another PID namespace, not ours to signal) ends it at
 * once.  *errnum gets errno detail, or 0. */
mt_err target_find(const char *word, int wait_ms, pid_t *pid, int *errnum);

#endif
