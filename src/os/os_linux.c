/* os_linux.c - the signal and file services of os.h with Linux's own
 * calls: sigwaitinfo, pidfds, rt_sigqueueinfo (32-byte words), O_TMPFILE,
 * renameat2, getrandom.  The default build on Linux; os_posix.c is the
 * portable one.  Process facts are in os_proc.c. */
#define _GNU_SOURCE
#include "config.h"
#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

const int os_words = 1;

static sigset_t waitset;
static pid_t self;
static uid_t self_uid;

/* Where a queued signal's payload sits in siginfo.  With si_code
 * negative the kernel keeps all the sender wrote of its part of siginfo
 * (48 bytes on 64-bit Linux) but si_signo and si_code, which name the
 * signal; si_pid we keep honest, since strays are told apart by it.  So a
 * payload goes from si_value on (24 bytes, where the oldest builds put all
 * of it), then in si_uid and si_errno (where 32-byte builds stop), then in
 * the padding between si_code and the union (4 bytes where the union is
 * 8-aligned, none on 32-bit systems): no evidence of anything for a queued
 * signal, which any process may fill.  Whether those 12 arrive is the word
 * transport's probe to find out. */
#define VALUE_AT offsetof(siginfo_t, si_value)
#define UID_AT offsetof(siginfo_t, si_uid)
#define ERRNO_AT offsetof(siginfo_t, si_errno)
#define PAD_AT (offsetof(siginfo_t, si_code) + sizeof(int))
#define PAD_LEN (offsetof(siginfo_t, si_pid) - PAD_AT)
#define VALUE_LEN 24
#define MID_LEN (VALUE_LEN + sizeof(uid_t) + sizeof(int))
_Static_assert(VALUE_AT + VALUE_LEN <= sizeof(siginfo_t), "siginfo too small");
_Static_assert(OS_WIDE == MID_LEN + 4 && PAD_LEN <= 4, "si_uid, si_errno, the padding");

/* n bytes of payload into si; past VALUE_LEN they take si_uid and
 * si_errno, else those stay as they are (our uid, 0), and past MID_LEN
 * the padding. */
static void payload_put(siginfo_t *si, const uint8_t *p, size_t n)
{
	uint8_t w[OS_WIDE] = { 0 };

	memcpy(w, p, n < OS_WIDE ? n : OS_WIDE);
	memcpy((char *)si + VALUE_AT, w, VALUE_LEN);
	if (n > VALUE_LEN) {
		memcpy((char *)si + UID_AT, w + VALUE_LEN, sizeof(uid_t));
		memcpy((char *)si + ERRNO_AT, w + VALUE_LEN + sizeof(uid_t), sizeof(int));
	}
	if (n > MID_LEN)
		memcpy((char *)si + PAD_AT, w + MID_LEN, PAD_LEN);
}

static void payload_get(const siginfo_t *si, uint8_t *p)
{
	memcpy(p, (const char *)si + VALUE_AT, VALUE_LEN);
	memcpy(p + VALUE_LEN, (const char *)si + UID_AT, sizeof(uid_t));
	memcpy(p + VALUE_LEN + sizeof(uid_t), (const char *)si + ERRNO_AT, sizeof(int));
	memset(p + MID_LEN, 0, OS_WIDE - MID_LEN);
	memcpy(p + MID_LEN, (const char *)si + PAD_AT, PAD_LEN);
}

int os_words_here(void)
{
	return OS_SIGWORD >= SIGRTMIN && OS_SIGDATA <= SIGRTMAX;
}

static void on_signal(int sig) { (void)sig; }

/* Blocked, and waited for with sigwaitinfo; the handler is never run,
 * but it makes them caught in /proc/PID/status while we wait (a blocked
 * signal with SIG_DFL would kill us the moment it is unblocked). */
int os_sig_setup(const int *sigs, size_t n)
{
	struct sigaction sa;
	size_t i;

	if (OS_SIGWORD < SIGRTMIN || OS_SIGWORD > SIGRTMAX) {
		errno = EINVAL;  /* the word signal carries the queries */
		return -1;
	}
	self = getpid();
	self_uid = getuid();
	sigemptyset(&waitset);
	sigaddset(&waitset, SIGALRM);
	for (i = 0; i < n; i++)
		sigaddset(&waitset, sigs[i]);
	if (sigprocmask(SIG_BLOCK, &waitset, NULL) < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return -1;
	return 0;
}

/* sigwaitinfo when there is no deadline: sigtimedwait arms a kernel
 * timer every time it sleeps, a tenth of a round trip. */
int os_sig_wait(struct os_sig *s, int ms)
{
	struct timespec ts;
	siginfo_t si;
	int r;

	if (ms < 0) {
		r = sigwaitinfo(&waitset, &si);
	} else {
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (long)(ms % 1000) * 1000000L;
		r = sigtimedwait(&waitset, &si, &ts);
		if (r < 0 && errno == EAGAIN)
			return 0;
	}
	if (r < 0)
		return -1;
	s->signo = si.si_signo;
	s->code = si.si_code;
	s->pid = si.si_pid;
	payload_get(&si, s->data);
	return 1;
}

/* A zeroed kernel sigaction is SIG_DFL on every architecture, also for
 * the signals glibc keeps for itself (32 and 33): its signal() refuses
 * them, but an ignoring parent still passes them on. */
void os_sig_default_all(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++) {
#ifdef SYS_rt_sigaction
		static const unsigned long zero[8];

		if (syscall(SYS_rt_sigaction, sig, zero, NULL, (NSIG - 1) / 8) == 0)
			continue;
#endif
		(void)signal(sig, SIG_DFL);
	}
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

int os_proc_open(struct os_proc *p, pid_t pid)
{
	p->pid = pid;
	p->fd = -1;
#ifdef SYS_pidfd_open
	p->fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (p->fd < 0 && errno == ESRCH)
		return -1;
	if (p->fd >= 0)
		(void)fcntl(p->fd, F_SETFD, FD_CLOEXEC);
#endif
	return 0;
}

void os_proc_close(struct os_proc *p)
{
	if (p->fd >= 0)
		(void)close(p->fd);
	p->fd = -1;
}

int os_proc_alive(const struct os_proc *p)
{
	struct os_desc d;

	if (p->fd >= 0) {
		struct pollfd pf = { .fd = p->fd, .events = POLLIN };
		return poll(&pf, 1, 0) == 0;  /* readable once it has exited */
	}
	if (kill(p->pid, 0) < 0 && errno == ESRCH)
		return 0;
	return !(os_describe(p->pid, &d) == 0 && (d.state == 'Z' || d.state == 'X'));
}

int os_proc_kill(struct os_proc *p, int sig)
{
#ifdef SYS_pidfd_send_signal
	if (p->fd >= 0)
		return (int)syscall(SYS_pidfd_send_signal, p->fd, sig, NULL, 0);
#endif
	return kill(p->pid, sig);
}

int os_proc_queue(const struct os_proc *p, int sig, const uint8_t *data, size_t n)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	si.si_signo = sig;
	si.si_code = SI_QUEUE;
	si.si_pid = self ? self : getpid();
	si.si_uid = self_uid;  /* unless the payload takes it */
	payload_put(&si, data, n);
#ifdef SYS_pidfd_send_signal
	if (p->fd >= 0)
		return (int)syscall(SYS_pidfd_send_signal, p->fd, sig, &si, 0);
#endif
#ifdef SYS_rt_sigqueueinfo
	return (int)syscall(SYS_rt_sigqueueinfo, p->pid, sig, &si);
#else
	return sigqueue(p->pid, sig, si.si_value);  /* 8 bytes only */
#endif
}

long os_queue_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_SIGPENDING, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return -1;
	return rl.rlim_cur > (rlim_t)LONG_MAX ? LONG_MAX : (long)rl.rlim_cur;
}

int os_random(void *buf, size_t n)
{
	ssize_t r;
	int fd;

	do
		r = getrandom(buf, n, 0);
	while (r < 0 && errno == EINTR);
	if (r == (ssize_t)n)
		return 0;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	r = read(fd, buf, n);
	(void)close(fd);
	if (r != (ssize_t)n) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int os_pipe(int fd[2])
{
	return pipe2(fd, O_CLOEXEC);
}

/* Each unnamed file costs a descriptor until the commit, and without
 * /proc/self/fd to link them through, older kernels let only
 * CAP_DAC_READ_SEARCH link them (os_unnamed_link): then none. */
size_t os_unnamed_max(void)
{
	return access("/proc/self/fd", X_OK) == 0 ? 256 : 0;
}

int os_unnamed(int dirfd)
{
	return openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
}

/* linkat through the descriptor needs CAP_DAC_READ_SEARCH, through
 * /proc/self/fd it does not. */
int os_unnamed_link(int fd, int dirfd, const char *name)
{
	char proc[64];

	if (linkat(fd, "", dirfd, name, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != ENOENT && errno != EPERM)
		return -1;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
}

int os_rename_noreplace(int dirfd, const char *from, const char *to)
{
	int r = renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE);

	if (r < 0 && errno == EINVAL)
		errno = ENOSYS;  /* a file system that cannot */
	return r;
}
