/* stopfirst.c - LD_PRELOAD shim for tests: a sender that stops itself
 * (SIGSTOP) as soon as the receiver has answered its first bit, before
 * it has said HELLO, so that a test can have the receiver let it go and
 * take another sender meanwhile.  Only once; SIGCONT resumes it. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>

static void on_wait(int sig, siginfo_t *si)
{
	static int done;

	if (!done && (sig == SIGUSR1 || sig == SIGUSR2) && si && si->si_pid != getpid()) {
		done = 1;
		raise(SIGSTOP);
	}
}

#include "waits.h"
