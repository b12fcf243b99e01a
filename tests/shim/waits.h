/* waits.h - for LD_PRELOAD shims: sigwaitinfo and sigtimedwait wrapped,
 * each signal they return shown to the shim's on_wait(sig, si) before
 * the program sees it.  A shim defines on_wait, then includes this. */
#include <dlfcn.h>
#include <signal.h>

static void on_wait(int sig, siginfo_t *si);

int sigwaitinfo(const sigset_t *set, siginfo_t *si)
{
	int (*real)(const sigset_t *, siginfo_t *) =
		(int (*)(const sigset_t *, siginfo_t *))dlsym(RTLD_NEXT, "sigwaitinfo");
	int r = real(set, si);

	on_wait(r, si);
	return r;
}

int sigtimedwait(const sigset_t *set, siginfo_t *si, const struct timespec *ts)
{
	int (*real)(const sigset_t *, siginfo_t *, const struct timespec *) =
		(int (*)(const sigset_t *, siginfo_t *, const struct timespec *))
		dlsym(RTLD_NEXT, "sigtimedwait");
	int r = real(set, si, ts);

	on_wait(r, si);
	return r;
}
