/* pingpong.c - the raw reference for `make bench`: two processes trading
 * signal round trips exactly the way sigsend and sigrecv trade one bit.
 *
 *   pingpong [-a] [-k] [-w WARMUP] same|cross [N]
 *
 * The parent (sender) sends SIGUSR1 for a 0 and SIGUSR2 for a 1, through a
 * pidfd like src/link.c (kill with -k), then waits for the echo with
 * sigtimedwait and a deadline; the child (echoer) waits the same way and
 * sends each bit straight back.  Both have SIGUSR1, SIGUSR2 and SIGRTMIN
 * blocked and caught by an empty handler, as after link_setup().  Bits are
 * pseudo-random (-a: alternating 0 and 1).
 *
 * same:  both ends pinned to one CPU; cross: to two different CPUs.  Each
 * process sets its own affinity only.  After WARMUP round trips (default
 * 1000) N are timed (default 200000); the output is one line:
 *
 *   RATE round trips/s (MODE, CPUs A and B, N in SECS s)
 *
 * Exit status: 0 done, 1 failure, 77 cross without two usable CPUs.
 * The child is killed (it is ours) and reaped on every path; it also dies
 * with the parent (PR_SET_PDEATHSIG) and gives up after 2 s of silence. */
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ECHO_MS  1000   /* sender: an echo later than this is a failure */
#define IDLE_MS  2000   /* echoer: silence this long means the parent is gone */

static sigset_t bitset;
static volatile sig_atomic_t stop_signal;

static void on_bit(int sig) { (void)sig; }
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

/* As link_setup(): block the three signals and give them a handler. */
static int setup(void)
{
	struct sigaction sa;
	int stops[] = { SIGINT, SIGTERM, SIGHUP }, i;

	sigemptyset(&bitset);
	sigaddset(&bitset, SIGUSR1);
	sigaddset(&bitset, SIGUSR2);
	sigaddset(&bitset, SIGRTMIN);
	if (sigprocmask(SIG_BLOCK, &bitset, NULL) < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_bit;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0 || sigaction(SIGUSR2, &sa, NULL) < 0 ||
	    sigaction(SIGRTMIN, &sa, NULL) < 0)
		return -1;
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

/* As link_wait(): a deadline in ms read from the clock, sigtimedwait on
 * what is left, strays dropped.  Returns the bit, -1 on timeout or error. */
static int wait_bit(const struct peer *p, int ms)
{
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
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (long)(left % 1000) * 1000000L;
		r = sigtimedwait(&bitset, &si, &ts);
		if (r > 0) {
			if (si.si_pid != p->pid || r == SIGRTMIN)
				continue;
			return r == SIGUSR2;
		}
		if (errno != EINTR)
			return -1;
	}
}

/* CPUs we may run on: the first two of our affinity mask. */
static int pick_cpus(int *a, int *b)
{
	cpu_set_t set;
	int i, n = 0;

	*a = *b = -1;
	if (sched_getaffinity(0, sizeof set, &set) < 0)
		return 0;
	for (i = 0; i < CPU_SETSIZE && n < 2; i++)
		if (CPU_ISSET(i, &set)) {
			if (n++ == 0)
				*a = i;
			else
				*b = i;
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

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		return 1;
	if (pin_self(cpu) < 0) {
		perror("pingpong: echoer: sched_setaffinity");
		return 1;
	}
	peer_open(&p, parent, use_kill);
	for (i = 0; i < total; i++) {
		if ((bit = wait_bit(&p, IDLE_MS)) < 0)
			return 1;
		if (send_bit(&p, bit) < 0)
			return 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: pingpong [-a] [-k] [-w WARMUP] same|cross [N]\n");
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
	int ok = 0, reaped = 0;
	uint32_t x = 2463534242u;  /* xorshift32 */
	int64_t t0 = 0, t1;
	struct peer p;
	pid_t parent = getpid(), child;

	while ((c = getopt(argc, argv, "akw:")) != -1) {
		switch (c) {
		case 'a': alternate = 1; break;
		case 'k': use_kill = 1; break;
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
	for (i = 0; i < warm + n; i++) {
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
			break;
		}
		if ((got = wait_bit(&p, ECHO_MS)) != bit) {
			if (!stop_signal)
				fprintf(stderr, "pingpong: %s after %ld round trips\n",
				        got < 0 ? "no echo" : "wrong echo", i);
			break;
		}
	}
	t1 = now_ns();
	if (i == warm + n) {
		/* The echoer is done: collect its status. */
		if (waitpid(child, &status, 0) == child) {
			reaped = 1;
			ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
			if (!ok)
				fprintf(stderr, "pingpong: echoer failed\n");
		}
	}
	if (!reaped) {
		kill(child, SIGKILL);  /* our own child, and only it */
		while (waitpid(child, &status, 0) < 0 && errno == EINTR)
			;
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
	printf("%.0f round trips/s (%s, CPUs %d and %d, %ld in %.3f s)\n",
	       n / ((t1 - t0) / 1e9), cross ? "cross" : "same", cpu_a, cpu_b, n,
	       (t1 - t0) / 1e9);
	return 0;
}
