/* link.h - everything about signals: one bit per signal, SIGUSR1 = 0 and
 * SIGUSR2 = 1, waited for synchronously with both blocked, and only from
 * the peer we talk to; plus 32-bit words on a queued real-time signal
 * (SIGRTMIN) for the protocol's position queries.  Also the checks made
 * before signalling anyone. */
#ifndef LINK_H
#define LINK_H

#include <sys/types.h>
#include "mt.h"

struct link {
	pid_t pid;
	int pidfd;   /* -1 where the kernel has no pidfd_open */
};

/* Block SIGUSR1/SIGUSR2 and give them a handler too: a process sleeping
 * in sigtimedwait shows them unblocked in /proc, but still caught. */
mt_err link_setup(void);

/* Take pid as our peer, if we may signal it: it must exist, not be us, be
 * ours to signal, not be a zombie, and (where /proc tells) catch or block
 * both SIGUSR1 and SIGUSR2.  No signal is sent; kill(pid, 0) only probes.
 * The pidfd is opened first and the process checked through it, so a
 * recycled PID is never taken for the one checked, nor signalled later. */
mt_err link_open(struct link *l, pid_t pid);
void link_close(struct link *l);

/* Send one bit, or one word.  MT_EGONE if the peer has exited. */
mt_err link_send(const struct link *l, int bit);
mt_err link_send_word(const struct link *l, uint32_t word);

/* The real-time signal that carries words: a fixed number, since the C
 * libraries disagree on SIGRTMIN (34 with glibc, 35 with musl). */
#define LINK_SIGWORD 40

/* What link_wait returns: LINK_BIT (0 or 1 in *bit) or LINK_WORD. */
enum { LINK_TIMEOUT = 0, LINK_BIT = 1, LINK_WORD = 2 };

/* Wait up to ms milliseconds (ms < 0: forever) for a bit or a word from
 * the peer; signals from anyone else are dropped.  Returns LINK_BIT,
 * LINK_WORD, LINK_TIMEOUT, or -1 if mt_stop_signal was set. */
int link_wait(const struct link *l, int ms, int *bit, uint32_t *word);
/* Wait for a bit from any process and say which (words are dropped). */
int link_wait_any(int ms, pid_t *pid, int *bit);

/* Keep silent for ms, discarding whatever arrives; -1 if interrupted. */
int link_quiet(int ms);

/* 1 while the peer lives (a zombie does not), 0 once it has exited. */
int link_alive(const struct link *l);
/* 1 if the peer is stopped (SIGSTOP, a debugger), as far as /proc tells. */
int link_stopped(const struct link *l);

/* Run on one CPU with the peer, since a signal round trip within a CPU
 * costs a fraction of one that must wake another.  cpu < 0 pins to the
 * CPU we run on now.  Returns the CPU, or -1 (then nothing changed).
 * Only this process's own affinity is touched; link_unpin restores it. */
int link_pin(int cpu);
void link_unpin(void);

/* A number that grows while pid is being scheduled (its context switches),
 * or -1 where that cannot be known or the process is stopped.  A sender
 * uses it to tell a receiver busy with another sender from a silent one. */
long link_activity(pid_t pid);

#endif
