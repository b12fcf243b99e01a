/* nowide.c - LD_PRELOAD shim for tests: a receiver that keeps only the 24
 * bytes of a queued signal from si_value on (an older build, or a kernel
 * that fills si_errno and si_uid itself), not the 32 the fast transport
 * probes for.  Data signals (41) arrive with si_errno and si_uid cleared. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

static void cut(int sig, siginfo_t *si)
{
	if (sig == 41 && si) {
		si->si_errno = 0;
		si->si_uid = 0;
	}
}

int sigwaitinfo(const sigset_t *set, siginfo_t *si)
{
	int (*real)(const sigset_t *, siginfo_t *) =
		(int (*)(const sigset_t *, siginfo_t *))dlsym(RTLD_NEXT, "sigwaitinfo");
	int r = real(set, si);

	cut(r, si);
	return r;
}

int sigtimedwait(const sigset_t *set, siginfo_t *si, const struct timespec *ts)
{
	int (*real)(const sigset_t *, siginfo_t *, const struct timespec *) =
		(int (*)(const sigset_t *, siginfo_t *, const struct timespec *))
		dlsym(RTLD_NEXT, "sigtimedwait");
	int r = real(set, si, ts);

	cut(r, si);
	return r;
}
