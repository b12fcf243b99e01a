/* stopfirst.c - LD_PRELOAD shim for tests: a sender that stops itself
 * (SIGSTOP) as soon as the receiver has answered its first bit, before
 * it has said HELLO, so that a test can have the receiver let it go and
 * take another sender meanwhile.  Only once; SIGCONT resumes it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <unistd.h>

static void stop_once(int sig, const siginfo_t *si)
{
	static int done;

	if (!done && (sig == SIGUSR1 || sig == SIGUSR2) && si && si->si_pid != getpid()) {
		done = 1;
		raise(SIGSTOP);
	}
}

int sigwaitinfo(const sigset_t *set, siginfo_t *si)
{
	int (*real)(const sigset_t *, siginfo_t *) =
		(int (*)(const sigset_t *, siginfo_t *))dlsym(RTLD_NEXT, "sigwaitinfo");
	int r = real(set, si);

	stop_once(r, si);
	return r;
}

int sigtimedwait(const sigset_t *set, siginfo_t *si, const struct timespec *ts)
{
	int (*real)(const sigset_t *, siginfo_t *, const struct timespec *) =
		(int (*)(const sigset_t *, siginfo_t *, const struct timespec *))
		dlsym(RTLD_NEXT, "sigtimedwait");
	int r = real(set, si, ts);

	stop_once(r, si);
	return r;
}
