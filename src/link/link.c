/* link.c - signals: setup, sending (with the backlog of what came in
 * while a send waited for room), CPU placement.  Waiting for signals is
 * in link_wait.c, the checks of the peer in link_peer.c, the transports
 * in link_bit.c and link_word.c, the receiver's session loop in
 * link_serve.c. */
#define _GNU_SOURCE
#include "link_int.h"
#include "link_sig.h"

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

sigset_t link_bitset;
static pid_t self;
static uid_t self_uid;

/* Where a queued signal's payload sits in siginfo.  With si_code
 * negative the kernel keeps all the sender wrote of its part of siginfo
 * (48 bytes on 64-bit Linux) but si_signo and si_code, which name the
 * signal; si_pid we keep honest, since strays are told apart by it.  So a
 * payload goes from si_value on (LINK_VALUE bytes, where older builds put
 * all of it), then in si_uid and si_errno: no evidence of anything for a
 * queued signal, which any process may fill.  Whether those 8 arrive is
 * the probe's to find out (link_word.c). */
#define VALUE_AT offsetof(siginfo_t, si_value)
#define UID_AT offsetof(siginfo_t, si_uid)
#define ERRNO_AT offsetof(siginfo_t, si_errno)
_Static_assert(VALUE_AT + LINK_VALUE <= sizeof(siginfo_t), "siginfo too small");
_Static_assert(LINK_WIDE - LINK_VALUE == sizeof(uid_t) + sizeof(int), "si_uid, si_errno");

/* n bytes of payload into si; past LINK_VALUE they take si_uid and
 * si_errno, else those stay as they are (our uid, 0). */
static void payload_put(siginfo_t *si, const uint8_t *p, size_t n)
{
	uint8_t w[LINK_WIDE] = { 0 };

	memcpy(w, p, n < LINK_WIDE ? n : LINK_WIDE);
	memcpy((char *)si + VALUE_AT, w, LINK_VALUE);
	if (n > LINK_VALUE) {
		memcpy((char *)si + UID_AT, w + LINK_VALUE, sizeof(uid_t));
		memcpy((char *)si + ERRNO_AT, w + LINK_VALUE + sizeof(uid_t), sizeof(int));
	}
}

void link_payload_get(const siginfo_t *si, uint8_t *p)
{
	memcpy(p, (const char *)si + VALUE_AT, LINK_VALUE);
	memcpy(p + LINK_VALUE, (const char *)si + UID_AT, sizeof(uid_t));
	memcpy(p + LINK_VALUE + sizeof(uid_t), (const char *)si + ERRNO_AT, sizeof(int));
}

static void on_bit(int sig) { (void)sig; }

mt_err link_setup(unsigned roles, int *errnum)
{
	struct sigaction sa;

	sigemptyset(&link_bitset);
	sigaddset(&link_bitset, SIGUSR1);
	sigaddset(&link_bitset, SIGUSR2);
	sigaddset(&link_bitset, LINK_SIGWORD);
	sigaddset(&link_bitset, LINK_SIGDATA);
	sigaddset(&link_bitset, SIGALRM);
	self = getpid();
	self_uid = getuid();
	if (sigprocmask(SIG_BLOCK, &link_bitset, NULL) < 0)
		return MT_EINTERNAL;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_bit;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0 || sigaction(SIGUSR2, &sa, NULL) < 0 ||
	    sigaction(LINK_SIGWORD, &sa, NULL) < 0 || sigaction(LINK_SIGDATA, &sa, NULL) < 0 ||
	    sigaction(SIGALRM, &sa, NULL) < 0)
		return MT_EINTERNAL;
	return link_declare(roles, errnum);
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

/* Signals taken in while a send waited for room in the queue, oldest
 * first; link_wait hands them out before any new one. */
#define BACKLOG 4096  /* a window of frames in 8-byte signals, and more */
static struct { int signo, code; pid_t pid; uint8_t data[LINK_WIDE]; } backlog[BACKLOG];
static unsigned bl_head, bl_len;

void link_backlog_clear(void)
{
	bl_head = bl_len = 0;
}

/* RLIMIT_SIGPENDING counts the signals pending for the user, ours too:
 * a side that waits for room while the peer's signals (or our own tick)
 * sit in its queue would wait forever.  Take them in (the tick is only a
 * clock: dropped). */
static void drain(void)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	unsigned i;

	while (bl_len < BACKLOG && sigtimedwait(&link_bitset, &si, &zero) > 0) {
		if (si.si_signo == SIGALRM)
			continue;
		i = (bl_head + bl_len++) % BACKLOG;
		backlog[i].signo = si.si_signo;
		backlog[i].code = si.si_code;
		backlog[i].pid = si.si_pid;
		link_payload_get(&si, backlog[i].data);
	}
}

int link_backlog_take(siginfo_t *si)
{
	if (!bl_len)
		return 0;
	memset(si, 0, sizeof *si);
	si->si_signo = backlog[bl_head].signo;
	si->si_code = backlog[bl_head].code;
	si->si_pid = backlog[bl_head].pid;
	payload_put(si, backlog[bl_head].data, LINK_WIDE);
	bl_head = (bl_head + 1) % BACKLOG;
	bl_len--;
	return 1;
}

/* A queued signal with our true si_pid.  EAGAIN means the queue limit
 * is reached: take in what is queued for us, yield to the receiver so
 * that it drains, then try again. */
static mt_err queue(const struct link *l, siginfo_t *si)
{
	int64_t since = 0;
	unsigned tries = 0;
	struct timespec nap = { 0, 200000 };

	si->si_code = SI_QUEUE;
	si->si_pid = self;
	while (queue_once(l, si) < 0) {
		if (errno == EINTR && !mt_stop_signal)
			continue;
		if (errno != EAGAIN)
			return send_err();
		if (mt_stop_signal)
			return MT_EINTR;
		drain();
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

mt_err link_send_data(struct link *l, const uint8_t *p, size_t n)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	si.si_signo = LINK_SIGDATA;
	si.si_uid = self_uid;  /* unless the payload takes it */
	payload_put(&si, p, n);
	l->signals++;
	l->wire_bits += 8 * (n < LINK_WIDE ? n : LINK_WIDE);
	return queue(l, &si);
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
