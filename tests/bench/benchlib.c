/* benchlib.c - see benchlib.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "link.h"
#include "benchlib.h"

static void on_stop(int sig) { mt_stop_signal = sig; }

int64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int bench_setup(void)
{
	struct sigaction sa;
	int stops[] = { SIGINT, SIGTERM, SIGHUP }, i, errnum;

	if (link_setup(LINK_SENDER | LINK_RECEIVER, &errnum) != MT_OK)
		return -1;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;  /* no SA_RESTART: waits return EINTR */
	for (i = 0; i < 3; i++)
		if (sigaction(stops[i], &sa, NULL) < 0)
			return -1;
	return 0;
}

/* Returns how many CPUs we may use, at most 2. */
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

int bench_cpus(const char *prog, int cross, int *cpu_a, int *cpu_b)
{
	if (pick_cpus(cpu_a, cpu_b) < 1 + cross) {
		fprintf(stderr, "%s: %s needs %d usable CPUs\n", prog,
		        cross ? "cross" : "same", 1 + cross);
		return cross ? 77 : 1;
	}
	if (!cross)
		*cpu_b = *cpu_a;
	return 0;
}

/* Pin this process to cpu (< 0: leave it unpinned).  0 or -1. */
static int bench_pin(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return 0;  /* unpinned */
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set);
}

pid_t bench_fork(const char *prog, int cpu)
{
	pid_t child;

	if (bench_pin(cpu) < 0) {
		fprintf(stderr, "%s: sched_setaffinity: %s\n", prog, strerror(errno));
		return -1;
	}
	fflush(NULL);
	if ((child = fork()) < 0)
		fprintf(stderr, "%s: fork: %s\n", prog, strerror(errno));
	return child;
}

int bench_tick(int on)
{
	struct itimerval it = { { 0, BENCH_TICK_US }, { 0, BENCH_TICK_US } };

	return on ? setitimer(ITIMER_REAL, &it, NULL) : 0;
}

int bench_child(const char *who, pid_t parent, int cpu, int ticks)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent) {
		fprintf(stderr, "%s: parent gone\n", who);
		return -1;
	}
	if (bench_pin(cpu) < 0 || bench_tick(ticks) < 0) {
		fprintf(stderr, "%s: sched_setaffinity/setitimer: %s\n", who, strerror(errno));
		return -1;
	}
	return 0;
}

int bench_reap(const char *prog, const char *who, pid_t child, int done)
{
	int status, ok;

	if (done && waitpid(child, &status, 0) == child) {
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		if (!ok)
			fprintf(stderr, "%s: %s failed\n", prog, who);
		return ok;
	}
	/* Did the child die first?  Say how; then kill it anyway (it is our
	 * own child, and only it) and reap it. */
	if (waitpid(child, &status, WNOHANG) == child) {
		if (WIFSIGNALED(status))
			fprintf(stderr, "%s: %s killed by signal %d\n", prog, who,
			        WTERMSIG(status));
		else if (WIFEXITED(status) && WEXITSTATUS(status))
			fprintf(stderr, "%s: %s exited with %d\n", prog, who,
			        WEXITSTATUS(status));
	} else {
		kill(child, SIGKILL);
		while (waitpid(child, &status, 0) < 0 && errno == EINTR)
			;
	}
	return 0;
}

int bench_stopped(void)
{
	if (!mt_stop_signal)
		return 0;
	signal(mt_stop_signal, SIG_DFL);
	raise(mt_stop_signal);
	return 1;
}

long long bench_count(const char *s, long long min, long long max)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	return v;
}
