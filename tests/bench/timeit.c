/* timeit.c - for `make bench`: run a command and write how long it took.
 *
 *   timeit FILE COMMAND [ARG]...
 *
 * Runs COMMAND (fork and exec, as a shell would), waits for it, and writes
 * the wall time in seconds, from just before the fork to just after the
 * wait, to FILE.  A shell timing with date(1) adds the start-up of date
 * itself, about a millisecond or more: too much for a message that takes a
 * few.  Exits with COMMAND's status (128 + N if killed by signal N, 127
 * if it could not be run).  The child is reaped on every path. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double t0, t1;
	pid_t pid;
	int status;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: timeit FILE COMMAND [ARG]...\n");
		return 2;
	}
	/* Terminal signals reach the whole process group: let the child
	 * decide, and only report how it ended. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	t0 = now();
	if ((pid = fork()) < 0) {
		perror("timeit: fork");
		return 127;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "timeit: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("timeit: waitpid");
			return 127;
		}
	t1 = now();
	if (!(f = fopen(argv[1], "w")) || fprintf(f, "%.6f\n", t1 - t0) < 0 ||
	    fclose(f) != 0) {
		perror(argv[1]);
		return 127;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	       WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 127;
}
