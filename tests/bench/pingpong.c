/* pingpong.c - the raw reference for `make bench`: two processes trading
 * signal round trips exactly the way sigsend and sigrecv trade one bit.
 *
 *   pingpong [-a] [-k] [-t] [-w WARMUP] same|cross [N]
 *
 * The parent (sender) sends SIGUSR1 for a 0 and SIGUSR2 for a 1, through a
 * pidfd like src/link.c (kill with -k), then waits for the echo; the child
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
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "link.h"
#include "link_int.h"  /* LINK_SIGWORD: the bench mimics the link */

/* Generous: a loaded machine may leave a process unscheduled for a while,
 * and a signal cannot be lost here (one is in flight at a time). */
#define ECHO_MS  5000   /* sender: an echo later than this is a failure */
#define IDLE_MS 10000   /* echoer: silence this long means the parent is gone */

#define TICK_US  5000   /* link.c's interval timer */

static sigset_t bitset;
static volatile sig_atomic_t stop_signal;
static int timed;       /* -t: sigtimedwait */

static void on_stop(int sig) { stop_signal = sig; }

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t now_ms(void)
{
	return now_ns() / 1000000;
}

/* The tool's own signal set-up, and the set it waits on (link.c keeps its
 * own private); INT/TERM/HUP end the run cleanly. */
static int setup(void)
{
	struct sigaction sa;
	int stops[] = { SIGINT, SIGTERM, SIGHUP }, i;

	if (link_setup() != MT_OK)
		return -1;
	sigemptyset(&bitset);
	sigaddset(&bitset, SIGUSR1);
	sigaddset(&bitset, SIGUSR2);
	sigaddset(&bitset, LINK_SIGWORD);
	sigaddset(&bitset, SIGALRM);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;  /* no SA_RESTART: waits return EINTR */
	for (i = 0; i < 3; i++)
		if (sigaction(stops[i], &sa, NULL) < 0)
			return -1;
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

/* link.c's interval timer, in each process for the whole run (a transfer
 * keeps it running too: every wait there is a timed one). */
static int tick(void)
{
	struct itimerval it = { { 0, TICK_US }, { 0, TICK_US } };

	return timed ? 0 : setitimer(ITIMER_REAL, &it, NULL);
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
		if (stop_signal)
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

/* CPUs to use, as link_pin(-1) chooses: the one we run on now, and for
 * the other end (cross) the next one of our affinity mask.  Returns how
 * many CPUs we may use, at most 2. */
static int pick_cpus(int *a, int *b)
{
	cpu_set_t set;
	int i, n = 0, cur = sched_getcpu();

	*a = *b = -1;
	if (sched_getaffinity(0, sizeof set, &set) < 0)
		return 0;
	if (cur >= 0 && cur < CPU_SETSIZE && CPU_ISSET(cur, &set)) {
		*a = cur;
		n = 1;
	}
	for (i = 0; i < CPU_SETSIZE && n < 2; i++) {
		int c = *a < 0 ? i : (*a + 1 + i) % CPU_SETSIZE;

		if (CPU_ISSET(c, &set) && c != *a) {
			if (n++ == 0)
				*a = c;
			else
				*b = c;
		}
	}
	return n;
}

static int pin_self(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set);
}

static int echoer(pid_t parent, int cpu, long total, int use_kill)
{
	struct peer p;
	long i;
	int bit;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent) {
		fprintf(stderr, "pingpong: echoer: parent gone\n");
		return 1;
	}
	if (pin_self(cpu) < 0 || tick() < 0) {
		perror("pingpong: echoer: sched_setaffinity/setitimer");
		return 1;
	}
	peer_open(&p, parent, use_kill);
	for (i = 0; i < total; i++) {
		if ((bit = wait_bit(&p, IDLE_MS)) < 0) {
			if (!stop_signal)
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
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 100000000)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	long n = 200000, warm = 1000, i;
	int alternate = 0, use_kill = 0, cross, c, cpu_a, cpu_b, bit, got, status;
	int ok = 0, reaped = 0, failed;
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

	if (pick_cpus(&cpu_a, &cpu_b) < 1 + cross) {
		fprintf(stderr, "pingpong: %s needs %d usable CPUs\n", argv[optind], 1 + cross);
		return cross ? 77 : 1;
	}
	if (!cross)
		cpu_b = cpu_a;
	/* Before fork: the child starts with the signals blocked. */
	if (setup() < 0) {
		perror("pingpong: signal setup");
		return 1;
	}
	if (pin_self(cpu_a) < 0) {
		perror("pingpong: sched_setaffinity");
		return 1;
	}
	fflush(NULL);
	if ((child = fork()) < 0) {
		perror("pingpong: fork");
		return 1;
	}
	if (child == 0)
		_exit(echoer(parent, cpu_b, warm + n, use_kill));

	peer_open(&p, child, use_kill);
	if ((failed = tick() < 0))
		perror("pingpong: setitimer");
	for (i = 0; !failed && i < warm + n; i++) {
		if (i == warm)
			t0 = now_ns();
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
			if (!stop_signal)
				fprintf(stderr, "pingpong: %s (%d ms) after %ld round trips\n",
				        got < 0 ? "no echo" : "wrong echo", ECHO_MS, i);
			failed = 1;
			break;
		}
	}
	t1 = now_ns();
	if (!failed) {
		/* The echoer is done: collect its status. */
		if (waitpid(child, &status, 0) == child) {
			reaped = 1;
			ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
			if (!ok)
				fprintf(stderr, "pingpong: echoer failed\n");
		}
	}
	if (!reaped) {
		/* Did the echoer die first?  Say how; then kill it anyway (it is
		 * our own child, and only it) and reap it. */
		if (waitpid(child, &status, WNOHANG) == child) {
			if (WIFSIGNALED(status))
				fprintf(stderr, "pingpong: echoer killed by signal %d\n",
				        WTERMSIG(status));
			else if (WIFEXITED(status) && WEXITSTATUS(status))
				fprintf(stderr, "pingpong: echoer exited with %d\n",
				        WEXITSTATUS(status));
		} else {
			kill(child, SIGKILL);
			while (waitpid(child, &status, 0) < 0 && errno == EINTR)
				;
		}
	}
	if (p.pidfd >= 0)
		close(p.pidfd);
	if (stop_signal) {
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
		return 1;
	}
	if (!ok)
		return 1;
	printf("%.0f round trips/s (%s, CPUs %d and %d, %ld in %.3f s, %s)\n",
	       n / ((t1 - t0) / 1e9), cross ? "cross" : "same", cpu_a, cpu_b, n,
	       (t1 - t0) / 1e9, timed ? "sigtimedwait" : "sigwaitinfo");
	return 0;
}
