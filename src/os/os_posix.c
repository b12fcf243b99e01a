/* os_posix.c - the signal and file services of os.h with what macOS and
 * the BSDs have too (./configure --enable-portable, and every host but
 * Linux).  Signals are caught by an SA_SIGINFO handler that only records
 * them, and taken in pselect, the one moment they are unblocked; no
 * queued words (only the classic transport exists); output files get a
 * temp name and are linked into place.  Process facts are in os_proc_*.c.
 */
#include "config.h"
#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#if defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>   /* getentropy, where unistd.h does not declare it */
#endif
#endif

const int os_words = 0;

/* What the handler recorded, oldest first.  Our signals are blocked but
 * in pselect, and the handler blocks them all while it runs, so the ring
 * is never written and read at once.  Standard signals merge while
 * pending anyway: a full ring drops only what the protocol recovers. */
#define RING 64
static struct { int signo, code; pid_t pid; } ring[RING];
static volatile sig_atomic_t ring_head, ring_len;
static sigset_t ours, open_mask;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	int i;

	(void)uc;
	if (ring_len == RING)
		return;
	i = (ring_head + ring_len) % RING;
	ring[i].signo = sig;
	ring[i].code = si ? si->si_code : 0;
	ring[i].pid = si ? si->si_pid : 0;
	ring_len++;
}

int os_words_here(void)
{
	return 0;
}

static int take(struct os_sig *s)
{
	if (!ring_len)
		return 0;
	memset(s, 0, sizeof *s);
	s->signo = ring[ring_head].signo;
	s->code = ring[ring_head].code;
	s->pid = ring[ring_head].pid;
	ring_head = (ring_head + 1) % RING;
	ring_len--;
	return 1;
}

int os_sig_setup(const int *sigs, size_t n)
{
	struct sigaction sa;
	sigset_t old;
	size_t i;

	sigemptyset(&ours);
	sigaddset(&ours, SIGALRM);
	for (i = 0; i < n; i++)
		if (sigs[i] != OS_SIGWORD && sigs[i] != OS_SIGDATA)
			sigaddset(&ours, sigs[i]);
	if (sigprocmask(SIG_BLOCK, &ours, &old) < 0)
		return -1;
	/* pselect opens exactly ours: the rest of the mask stays as it was */
	open_mask = old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sa.sa_mask = ours;
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* No words here; where the signals exist anyway (Linux, the
		 * BSDs), a stray one is discarded rather than fatal. */
		if (sigs[i] == OS_SIGWORD || sigs[i] == OS_SIGDATA) {
			if (sigs[i] < NSIG)
				(void)signal(sigs[i], SIG_IGN);
			continue;
		}
		sigdelset(&open_mask, sigs[i]);
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return -1;
	}
	sigdelset(&open_mask, SIGALRM);
	return 0;
}

int os_sig_wait(struct os_sig *s, int ms)
{
	struct timespec ts;
	int r;

	if (take(s))
		return 1;
	if (ms < 0) {
		/* no deadline: sigsuspend, a little cheaper than pselect */
		(void)sigsuspend(&open_mask);
		return take(s) ? 1 : -1;  /* errno is EINTR */
	}
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	r = pselect(0, NULL, NULL, NULL, &ts, &open_mask);
	if (take(s))
		return 1;
	if (r == 0)
		return 0;
	if (r > 0)
		errno = EINTR;  /* nothing to select: cannot happen */
	return -1;
}

/* signal() refuses the signals a C library keeps for itself (glibc's 32
 * and 33 on Linux), which an ignoring parent still passes on: there
 * only the kernel's own call resets them. */
void os_sig_default_all(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++) {
#if defined(__linux__) && defined(SYS_rt_sigaction)
		static const unsigned long zero[8];

		if (syscall(SYS_rt_sigaction, sig, zero, NULL, (NSIG - 1) / 8) == 0)
			continue;
#endif
		(void)signal(sig, SIG_DFL);
	}
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

/* No handle on a process here: a PID is all there is.  Its start time,
 * where the system tells it, stands in: a PID given to a new process
 * has a new one, and os_proc_alive then says the old one is gone (a
 * window remains between that check and a signal; minitalk(7) says so). */
int os_proc_open(struct os_proc *p, pid_t pid)
{
	unsigned long long start;

	p->pid = pid;
	p->fd = -1;
	p->start = 0;
	p->checked_ms = 0;
	if (os_start_time(pid, &start) == 0)
		p->start = start;
	else if (kill(pid, 0) < 0 && errno == ESRCH)
		return -1;
	return 0;
}

void os_proc_close(struct os_proc *p)
{
	p->fd = -1;
}

int os_proc_alive(const struct os_proc *p)
{
	unsigned long long start;
	struct os_desc d;

	if (kill(p->pid, 0) < 0 && errno == ESRCH)
		return 0;
	if (p->start && os_start_time(p->pid, &start) == 0 && start != p->start)
		return 0;  /* the PID is another process's now */
	return !(os_describe(p->pid, &d) == 0 && (d.state == 'Z' || d.state == 'X'));
}

/* How often kill looks whether the PID is still the peer's: a look
 * costs about as much as a signal round trip, so not at every bit. */
#define RECHECK_MS 5

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int os_proc_kill(struct os_proc *p, int sig)
{
	unsigned long long start;
	long long now;

	if (p->start && (now = now_ms()) - p->checked_ms >= RECHECK_MS) {
		if (os_start_time(p->pid, &start) == 0 && start != p->start) {
			errno = ESRCH;  /* the PID is another process's now */
			return -1;
		}
		p->checked_ms = now;
	}
	return kill(p->pid, sig);
}

int os_proc_queue(const struct os_proc *p, int sig, const uint8_t *data, size_t n)
{
	(void)p, (void)sig, (void)data, (void)n;
	errno = ENOSYS;
	return -1;
}

long os_queue_limit(void)
{
	return -1;
}

int os_random(void *buf, size_t n)
{
	ssize_t r;
	int fd;

	if (getentropy(buf, n) == 0)
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
	if (pipe(fd) < 0)
		return -1;
	(void)fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* No unnamed files: the output gets a temp name, so that a receiver
 * killed by SIGKILL leaves it behind (minitalk(7) says so). */
size_t os_unnamed_max(void)
{
	return 0;
}

int os_unnamed(int dirfd)
{
	(void)dirfd;
	errno = EOPNOTSUPP;
	return -1;
}

int os_unnamed_link(int fd, int dirfd, const char *name)
{
	(void)fd, (void)dirfd, (void)name;
	errno = EOPNOTSUPP;
	return -1;
}

/* renameatx_np(RENAME_EXCL) where the system has it (macOS); else the
 * caller's link and unlink, which never replace either. */
int os_rename_noreplace(int dirfd, const char *from, const char *to)
{
#ifdef RENAME_EXCL
	return renameatx_np(dirfd, from, dirfd, to, RENAME_EXCL);
#else
	(void)dirfd, (void)from, (void)to;
	errno = ENOSYS;
	return -1;
#endif
}
