/* pingpong.c - the raw reference for `make bench`: two processes trading
 * signal round trips exactly the way sigsend and sigrecv trade one bit.
 *
 *   pingpong [-a] [-k] [-t] [-w WARMUP] same|cross [N]
 *
 * The parent (sender) sends SIGUSR1 for a 0 and SIGUSR2 for a 1, through a
 * pidfd like src/link/link.c (kill with -k), then waits for the echo; the child
 * (echoer) waits the same way and sends each bit straight back.  Both set
 * their signals up with the tool's own link_setup() (SIGUSR1, SIGUSR2, the
 * word signal and SIGALRM blocked and caught).  They wait as link.c does: a
 * deadline read from the clock, sigwaitinfo, and a 5 ms interval timer
 * (SIGALRM) that ends a wait past its deadline.  That is also the fastest
 * blocking wait: -t waits with sigtimedwait instead (the tool's idiom
 * before, which arms a kernel timer at every sleep).  Bits are
 * pseudo-random (-a: alternating 0 and 1).
 *
 * same:  both ends pinned to one CPU, the one the parent runs on at the
 * start (as the tool picks it); cross: that one and another.  Each process
 * sets its own affinity only.  After WARMUP round trips (default 1000), N
 * are timed (default 200000); the output is one line:
 *
 *   RATE round trips/s (MODE, CPUs A and B, N in SECS s, WAIT)
 *
 * Exit status: 0 done, 1 failure, 77 cross without two usable CPUs.
 * The child is killed (it is ours) and reaped on every path; it also dies
 * with the parent (PR_SET_PDEATHSIG) and gives up after 10 s of silence. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "link.h"
#include "link_int.h"  /* LINK_SIGWORD: the bench mimics the link */
#include "benchlib.h"

/* Generous: a loaded machine may leave a process unscheduled for a while,
 * and a signal cannot be lost here (one is in flight at a time). */
#define ECHO_MS  5000   /* sender: an echo later than this is a failure */
#define IDLE_MS 10000   /* echoer: silence this long means the parent is gone */

static sigset_t bitset;
static int timed;       /* -t: sigtimedwait */

static int64_t now_ms(void)
{
	return bench_now_ns() / 1000000;
}

/* The tool's own signal set-up (bench_setup), and the set it waits on
 * (link.c keeps its own private). */
static int setup(void)
{
	if (bench_setup() < 0)
		return -1;
	sigemptyset(&bitset);
	sigaddset(&bitset, SIGUSR1);
	sigaddset(&bitset, SIGUSR2);
	sigaddset(&bitset, LINK_SIGWORD);
	sigaddset(&bitset, SIGALRM);
	return 0;
}

struct peer {
	pid_t pid;
	int pidfd;
	int use_kill;
};

static int peer_open(struct peer *p, pid_t pid, int use_kill)
{
	p->pid = pid;
	p->pidfd = -1;
	p->use_kill = use_kill;
#ifdef SYS_pidfd_open
	if (!use_kill)
		p->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
	return 0;
}

/* As link_send(). */
static int send_bit(const struct peer *p, int bit)
{
	int sig = bit ? SIGUSR2 : SIGUSR1;

#ifdef SYS_pidfd_send_signal
	if (p->pidfd >= 0)
		return (int)syscall(SYS_pidfd_send_signal, p->pidfd, sig, NULL, 0);
#endif
	return kill(p->pid, sig);
}

/* As link_wait(): a deadline in ms read from the clock, then sigwaitinfo
 * woken by the timer's ticks (or sigtimedwait on what is left, with -t);
 * strays dropped.  Returns the bit, -1 on timeout or error. */
static int wait_bit(const struct peer *p, int ms)
{
	static const struct timespec zero = { 0, 0 };
	int64_t deadline = now_ms() + ms, left;
	struct timespec ts;
	siginfo_t si;
	int r;

	for (;;) {
		if (mt_stop_signal)
			return -1;
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		if (timed) {
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (long)(left % 1000) * 1000000L;
			r = sigtimedwait(&bitset, &si, &ts);
		} else if (left == 0) {
			r = sigtimedwait(&bitset, &si, &zero);  /* what is there */
		} else {
			r = sigwaitinfo(&bitset, &si);
		}
		if (r > 0) {
			if (r == SIGALRM || r == LINK_SIGWORD || si.si_pid != p->pid)
				continue;
			return r == SIGUSR2;
		}
		if (errno != EINTR)
			return -1;
	}
}

static int echoer(pid_t parent, int cpu, long total, int use_kill)
{
	struct peer p;
	long i;
	int bit;

	/* link.c's interval timer, in each process for the whole run (a
	 * transfer keeps it running too: every wait there is a timed one). */
	if (bench_child("pingpong: echoer", parent, cpu, !timed) < 0)
		return 1;
	peer_open(&p, parent, use_kill);
	for (i = 0; i < total; i++) {
		if ((bit = wait_bit(&p, IDLE_MS)) < 0) {
			if (!mt_stop_signal)
				fprintf(stderr, "pingpong: echoer: nothing after %ld round trips\n", i);
			return 1;
		}
		if (send_bit(&p, bit) < 0) {
			perror("pingpong: echoer: send");
			return 1;
		}
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: pingpong [-a] [-k] [-t] [-w WARMUP] same|cross [N]\n");
	exit(2);
}

static long parse_count(const char *s)
{
	long long v = bench_count(s, 0, 100000000);

	if (v < 0)
		usage();
	return (long)v;
}

int main(int argc, char **argv)
{
	long n = 200000, warm = 1000, i;
	int alternate = 0, use_kill = 0, cross, c, cpu_a, cpu_b, bit, got;
	int ok = 0, failed, st;
	uint32_t x = 2463534242u;  /* xorshift32 */
	int64_t t0 = 0, t1;
	struct peer p;
	pid_t parent = getpid(), child;

	while ((c = getopt(argc, argv, "aktw:")) != -1) {
		switch (c) {
		case 'a': alternate = 1; break;
		case 'k': use_kill = 1; break;
		case 't': timed = 1; break;
		case 'w': warm = parse_count(optarg); break;
		default: usage();
		}
	}
	if (optind >= argc || optind + 2 < argc)
		usage();
	if (!strcmp(argv[optind], "same"))
		cross = 0;
	else if (!strcmp(argv[optind], "cross"))
		cross = 1;
	else
		usage();
	if (optind + 1 < argc)
		n = parse_count(argv[optind + 1]);
	if (n < 1)
		usage();

	if ((st = bench_cpus("pingpong", cross, &cpu_a, &cpu_b)))
		return st;
	/* Before fork: the child starts with the signals blocked. */
	if (setup() < 0) {
		perror("pingpong: signal setup");
		return 1;
	}
	if ((child = bench_fork("pingpong", cpu_a)) < 0)
		return 1;
	if (child == 0)
		_exit(echoer(parent, cpu_b, warm + n, use_kill));

	peer_open(&p, child, use_kill);
	if ((failed = bench_tick(!timed) < 0))
		perror("pingpong: setitimer");
	for (i = 0; !failed && i < warm + n; i++) {
		if (i == warm)
			t0 = bench_now_ns();
		if (alternate) {
			bit = (int)(i & 1);
		} else {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			bit = (int)(x >> 31);
		}
		if (send_bit(&p, bit) < 0) {
			perror("pingpong: send");
			failed = 1;
			break;
		}
		if ((got = wait_bit(&p, ECHO_MS)) != bit) {
			if (!mt_stop_signal)
				fprintf(stderr, "pingpong: %s (%d ms) after %ld round trips\n",
				        got < 0 ? "no echo" : "wrong echo", ECHO_MS, i);
			failed = 1;
			break;
		}
	}
	t1 = bench_now_ns();
	/* With no failure the echoer is done: collect its status. */
	ok = bench_reap("pingpong", "echoer", child, !failed);
	if (p.pidfd >= 0)
		close(p.pidfd);
	if (bench_stopped() || !ok)
		return 1;
	printf("%.0f round trips/s (%s, CPUs %d and %d, %ld in %.3f s, %s)\n",
	       n / ((t1 - t0) / 1e9), cross ? "cross" : "same", cpu_a, cpu_b, n,
	       (t1 - t0) / 1e9, timed ? "sigtimedwait" : "sigwaitinfo");
	return 0;
}
