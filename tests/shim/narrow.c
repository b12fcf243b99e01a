/* narrow.c - LD_PRELOAD shim for tests: a system whose queued signals
 * deliver only the POSIX sigqueue value (8 bytes), not the 24 bytes the
 * fast transport probes for.  Data signals (41) lose all bytes past the
 * first 8 of si_value on their way in. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

static void cut(int sig, siginfo_t *si)
{
	if (sig == 41 && si)
		memset((char *)si + offsetof(siginfo_t, si_value) + 8, 0, 16);
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
