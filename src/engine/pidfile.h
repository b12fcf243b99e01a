/* pidfile.h - sigrecv -P's pid file.  The first line is the PID, as
 * scripts read it (`read pid <FILE`, `head -n 1 FILE`); the second,
 * "start TICKS", is when that process started (in the system's own
 * units, os_start_time), so that a reader tells a stale
 * file whose PID has since been given to another process. */
#ifndef PIDFILE_H
#define PIDFILE_H

#include <stddef.h>
#include <sys/types.h>
#include "mt.h"

/* The start time of pid (0: ourselves); -1 where the system does not
 * tell it, or pid does not exist. */
int pidfile_start(pid_t pid, unsigned long long *start);

/* The text of our pid file into buf: "PID\n", then "start TICKS\n" where
 * the start time is known.  Its length, or -1 if it does not fit. */
int pidfile_text(char *buf, size_t n);

/* Parse a pid file's text: the PID (blanks around it forgiven), then
 * optionally "start TICKS".  MT_EPIDFILE if it holds no PID; MT_ESTALE
 * if it names a start time that the process of that PID does not have
 * (it is gone, or the PID is another process's now). */
mt_err pidfile_parse(const char *text, pid_t *pid);

#endif
