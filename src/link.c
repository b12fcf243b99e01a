/* link.c - signals: setup, peer checks, sending and waiting; the
 * receiver's session loop, which hands bits and data to the transports. */
#define _GNU_SOURCE
#include "link_int.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static sigset_t bitset;
static pid_t self;
static uid_t self_uid;

/* Where a queued signal's payload sits in siginfo: the bytes after si_pid
 * and si_uid, which the kernel keeps from sender to receiver. */
#define VALUE_AT offsetof(siginfo_t, si_value)
_Static_assert(VALUE_AT + LINK_WIDE <= sizeof(siginfo_t), "siginfo too small");

/* Timed waits: sigtimedwait arms a kernel timer every time it sleeps,
 * which costs a tenth of a round trip.  Instead a 5 ms interval timer
 * (SIGALRM, blocked and waited for with the bits) runs while a timed wait
 * is in progress, and sigwaitinfo waits with no timer of its own. */
#define TICK_US 5000
static int ticking;

static void tick(int on)
{
	struct itimerval it = { { 0, on ? TICK_US : 0 }, { 0, on ? TICK_US : 0 } };

	if (on != ticking && setitimer(ITIMER_REAL, &it, NULL) == 0)
		ticking = on;
}

static void on_bit(int sig) { (void)sig; }

mt_err link_setup(void)
{
	struct sigaction sa;

	sigemptyset(&bitset);
	sigaddset(&bitset, SIGUSR1);
	sigaddset(&bitset, SIGUSR2);
	sigaddset(&bitset, LINK_SIGWORD);
	sigaddset(&bitset, LINK_SIGDATA);
	sigaddset(&bitset, SIGALRM);
	self = getpid();
	self_uid = getuid();
	if (sigprocmask(SIG_BLOCK, &bitset, NULL) < 0)
		return MT_EINTERNAL;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_bit;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0 || sigaction(SIGUSR2, &sa, NULL) < 0 ||
	    sigaction(LINK_SIGWORD, &sa, NULL) < 0 || sigaction(LINK_SIGDATA, &sa, NULL) < 0 ||
	    sigaction(SIGALRM, &sa, NULL) < 0)
		return MT_EINTERNAL;
	return MT_OK;
}

/* Read /proc/PID/status: the state letter and whether both SIGUSR1 and
 * SIGUSR2 are caught.  Returns -1 if /proc cannot tell. */
static int proc_status(pid_t pid, char *state, int *listens, long *switches)
{
	char path[64], line[256];
	unsigned long long cgt = 0, want;
	long vol = -1, nonvol = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "re")))
		return -1;
	*state = '?';
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "State:", 6))
			sscanf(line + 6, " %c", state);
		else if (!strncmp(line, "SigCgt:", 7))
			cgt = strtoull(line + 7, NULL, 16);
		else if (!strncmp(line, "voluntary_ctxt_switches:", 24))
			vol = strtol(line + 24, NULL, 10);
		else if (!strncmp(line, "nonvoluntary_ctxt_switches:", 27))
			nonvol = strtol(line + 27, NULL, 10);
	}
	fclose(f);
	want = 1ULL << (SIGUSR1 - 1) | 1ULL << (SIGUSR2 - 1);
	/* Caught, not merely blocked: a shell blocks every signal while it
	 * forks, and would die of SIGUSR1 a moment later.  A receiver waiting
	 * in sigwaitinfo shows them unblocked but caught. */
	if (listens)
		*listens = (cgt & want) == want;
	if (switches)
		*switches = vol < 0 || nonvol < 0 ? -1 : vol + nonvol;
	return 0;
}

/* How many nested PID namespaces pid is seen in: the PIDs on the NSpid
 * line of /proc/PID/status (1 outside any container); 0 if unknown. */
static int pidns_depth(const char *pid)
{
	char path[64], line[512], *t;
	int n = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%s/status", pid);
	if (!(f = fopen(path, "re")))
		return 0;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "NSpid:", 6)) {
			for (t = strtok(line + 6, " \t\n"); t; t = strtok(NULL, " \t\n"))
				n++;
			break;
		}
	fclose(f);
	return n;
}

/* A process in a PID namespace below ours (in a container, seen from the
 * host) cannot see us: our signals reach it with si_pid 0, so it can
 * never answer.  Its NSpid line then lists more PIDs than ours. */
static int in_other_pidns(pid_t pid)
{
	char word[24];
	int d;

	snprintf(word, sizeof word, "%ld", (long)pid);
	d = pidns_depth(word);
	return d > 0 && d != pidns_depth("self");
}

static mt_err check(pid_t pid)
{
	char state;
	int listens;

	if (kill(pid, 0) < 0)
		return errno == EPERM ? MT_EPERM : MT_ENOPEER;
	if (proc_status(pid, &state, &listens, NULL) < 0)
		return errno == ENOENT && access("/proc/self/status", R_OK) == 0 ?
		       MT_ENOPEER : MT_OK;  /* no /proc: nothing more to check */
	if (state == 'Z' || state == 'X')
		return MT_ENOPEER;
	if (!listens)
		return MT_ENOTRECV;
	return in_other_pidns(pid) ? MT_EOTHERNS : MT_OK;
}

mt_err link_open(struct link *l, pid_t pid)
{
	mt_err e;

	l->pid = pid;
	l->pidfd = -1;
	if (pid <= 0)
		return MT_ENOPEER;
	if (pid == getpid())
		return MT_ESELF;
	if (LINK_SIGWORD < SIGRTMIN || LINK_SIGWORD > SIGRTMAX)
		return MT_EINTERNAL;  /* the word signal carries the queries */
#ifdef SYS_pidfd_open
	l->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (l->pidfd < 0 && errno == ESRCH)
		return MT_ENOPEER;
	if (l->pidfd >= 0)
		(void)fcntl(l->pidfd, F_SETFD, FD_CLOEXEC);
#endif
	/* Checked after the pidfd is held: if it still lives afterwards, the
	 * /proc entry we read was its own. */
	if ((e = check(pid)) == MT_OK && !link_alive(l))
		e = MT_ENOPEER;
	if (e != MT_OK)
		link_close(l);
	return e;
}

void link_close(struct link *l)
{
	free(l->rx);
	l->rx = NULL;
	if (l->pidfd >= 0)
		close(l->pidfd);
	l->pidfd = -1;
	l->pid = 0;
}

int link_can_fast(void)
{
	return LINK_SIGWORD >= SIGRTMIN && LINK_SIGDATA <= SIGRTMAX;
}

static mt_err send_err(void)
{
	return errno == ESRCH ? MT_EGONE : errno == EPERM ? MT_EPERM :
	       errno == EINTR ? MT_EINTR : MT_EINTERNAL;
}

mt_err link_send_bit(struct link *l, int bit)
{
	int sig = bit ? SIGUSR2 : SIGUSR1, r;

#ifdef SYS_pidfd_send_signal
	if (l->pidfd >= 0)
		r = (int)syscall(SYS_pidfd_send_signal, l->pidfd, sig, NULL, 0);
	else
#endif
		r = kill(l->pid, sig);
	if (r < 0)
		return send_err();
	l->signals++;
	l->wire_bits++;
	return MT_OK;
}

static int queue_once(const struct link *l, siginfo_t *si)
{
#ifdef SYS_pidfd_send_signal
	if (l->pidfd >= 0)
		return (int)syscall(SYS_pidfd_send_signal, l->pidfd, si->si_signo, si, 0);
#endif
#ifdef SYS_rt_sigqueueinfo
	return (int)syscall(SYS_rt_sigqueueinfo, l->pid, si->si_signo, si);
#else
	return sigqueue(l->pid, si->si_signo, si->si_value);  /* 8 bytes only */
#endif
}

/* A queued signal with our true identity.  EAGAIN means the queue limit
 * is reached: yield to the receiver so that it drains, then try again. */
static mt_err queue(const struct link *l, siginfo_t *si)
{
	int64_t since = 0;
	unsigned tries = 0;
	struct timespec nap = { 0, 200000 };

	si->si_code = SI_QUEUE;
	si->si_pid = self;
	si->si_uid = self_uid;
	while (queue_once(l, si) < 0) {
		if (errno == EINTR && !mt_stop_signal)
			continue;
		if (errno != EAGAIN)
			return send_err();
		if (mt_stop_signal)
			return MT_EINTR;
		if (!since)
			since = mt_now_ms();
		if (++tries % 64) {
			sched_yield();
			continue;
		}
		if (!link_alive(l))
			return MT_EGONE;
		if (mt_now_ms() - since > l->timeout_ms)
			return MT_ETIMEOUT;
		nanosleep(&nap, NULL);
	}
	return MT_OK;
}

mt_err link_send_word(struct link *l, uint32_t word)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	si.si_signo = LINK_SIGWORD;
	si.si_value.sival_int = (int)word;
	l->signals++;
	l->wire_bits += 32;
	return queue(l, &si);
}

mt_err link_send_data(struct link *l, const uint8_t *p, size_t n)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	si.si_signo = LINK_SIGDATA;
	memcpy((char *)&si + VALUE_AT, p, n < LINK_WIDE ? n : LINK_WIDE);
	l->signals++;
	l->wire_bits += 8 * (n < LINK_WIDE ? n : LINK_WIDE);
	return queue(l, &si);
}

/* Wait for a bit, a word or the deadline (< 0: none), retried on EINTR
 * unless a terminating signal asked us to stop.  With ticks (during a
 * transfer) the deadline is seen at the next SIGALRM; without (a receiver
 * idle between senders) one sigtimedwait sleeps until it, so that an idle
 * receiver is not woken 200 times a second and does not look busy to a
 * sender waiting in line. */
static int wait_bit(int64_t deadline, siginfo_t *si, int ticks)
{
	struct timespec ts = { 0, 0 };
	int64_t left;
	int r;

	tick(ticks && deadline >= 0);
	for (;;) {
		if (mt_stop_signal)
			return -1;
		left = deadline < 0 ? -1 : deadline - mt_now_ms();
		if (left >= 0 && (left == 0 || !ticks)) {
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (long)(left % 1000) * 1000000L;
			r = sigtimedwait(&bitset, si, &ts);
			if (r < 0 && errno == EAGAIN)
				return 0;
		} else if (left < 0 && deadline >= 0) {
			/* past the deadline, still take what is already there */
			ts.tv_sec = ts.tv_nsec = 0;
			r = sigtimedwait(&bitset, si, &ts);
			if (r < 0 && errno == EAGAIN)
				return 0;
		} else {
			r = sigwaitinfo(&bitset, si);
		}
		if (r == SIGALRM)
			continue;
		if (r > 0)
			return 1;
		if (errno != EINTR)
			return -1;
	}
}

static int64_t deadline_of(int ms)
{
	return ms < 0 ? -1 : mt_now_ms() + ms;
}

int link_wait(const struct link *l, int ms, struct link_msg *m)
{
	int64_t deadline = deadline_of(ms);
	siginfo_t si;
	int r;

	while ((r = wait_bit(deadline, &si, 1)) > 0) {
		if (si.si_pid != l->pid)
			continue;  /* a stray: ignored */
		if (si.si_signo == LINK_SIGDATA || si.si_signo == LINK_SIGWORD) {
			if (si.si_code != SI_QUEUE)
				continue;
			if (si.si_signo == LINK_SIGWORD) {
				m->word = (uint32_t)si.si_value.sival_int;
				return LINK_WORD;
			}
			memcpy(m->data, (char *)&si + VALUE_AT, LINK_WIDE);
			return LINK_DATA;
		}
		m->bit = si.si_signo == SIGUSR2;
		return LINK_BIT;
	}
	return r;
}

int link_wait_first(int ms, pid_t *pid, int *bit)
{
	int64_t deadline = deadline_of(ms);
	siginfo_t si;
	int r;

	while ((r = wait_bit(deadline, &si, 0)) > 0) {
		if (si.si_signo != SIGUSR1 && si.si_signo != SIGUSR2)
			continue;
		*pid = si.si_pid;
		*bit = si.si_signo == SIGUSR2;
		return LINK_BIT;
	}
	return r;
}

int link_quiet(int ms)
{
	int64_t deadline = deadline_of(ms);
	siginfo_t si;
	int r;

	while ((r = wait_bit(deadline, &si, 1)) > 0)
		;
	return r;
}

int link_alive(const struct link *l)
{
	char state;

	if (l->pidfd >= 0) {
		struct pollfd p = { .fd = l->pidfd, .events = POLLIN };
		return poll(&p, 1, 0) == 0;  /* readable once it has exited */
	}
	if (kill(l->pid, 0) < 0 && errno == ESRCH)
		return 0;
	return !(proc_status(l->pid, &state, NULL, NULL) == 0 &&
	         (state == 'Z' || state == 'X'));
}

static cpu_set_t saved_cpus;
static int pinned;

int link_pin(int cpu)
{
	cpu_set_t one;

	if (pinned)
		link_unpin();
	if (cpu < 0 && (cpu = sched_getcpu()) < 0)
		return -1;
	if (cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof saved_cpus, &saved_cpus) < 0 ||
	    !CPU_ISSET(cpu, &saved_cpus))
		return -1;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof one, &one) < 0)
		return -1;
	pinned = 1;
	return cpu;
}

void link_unpin(void)
{
	if (pinned)
		(void)sched_setaffinity(0, sizeof saved_cpus, &saved_cpus);
	pinned = 0;
}

int link_stopped(const struct link *l)
{
	char state;

	return proc_status(l->pid, &state, NULL, NULL) == 0 && (state == 'T' || state == 't');
}

long link_activity(pid_t pid)
{
	char state;
	long n;

	if (proc_status(pid, &state, NULL, &n) < 0 || state == 'T' || state == 't')
		return -1;
	return n;
}

mt_err link_check_time(struct link *l)
{
	if (!link_alive(l))
		return MT_EGONE;
	if (mt_now_ms() - l->last_answer > l->timeout_ms)
		return MT_ETIMEOUT;
	return MT_OK;
}
