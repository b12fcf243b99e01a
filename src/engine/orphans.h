/* orphans.h - what sigrecv's commands leave behind.  The process makes
 * itself a child subreaper where the system has one (os_adopt_orphans):
 * a process a command started comes to it, not to init, when its parent
 * dies, even if it left the command's process group and session (setsid).
 * These find, signal and reap such children; elsewhere they find none. */
#ifndef ORPHANS_H
#define ORPHANS_H

#include <stddef.h>
#include <sys/types.h>

/* Become the subreaper of our descendants (once is enough). */
void orphans_adopt(void);
/* Whether we have any child at all, running or exited. */
int orphans_any(void);
/* Reap every exited child, except keep (0: none), whose status its owner
 * collects. */
void orphans_reap(pid_t keep);
/* Send sig to every child of ours not yet in done[] (done may be NULL),
 * adding it there (up to cap); SIGTERM comes with SIGCONT, as a stopped
 * process acts on it only then. */
void orphans_signal(int sig, pid_t *done, size_t *ndone, size_t cap);

#endif
