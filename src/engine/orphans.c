/* orphans.c - find, signal and reap what commands leave behind (see
 * orphans.h).  Only ever our own children are signalled: a child's PID
 * cannot be reused before it is reaped, and only we reap our children. */
#define _GNU_SOURCE
#include "orphans.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define MAX_KIDS 256              /* children signalled per look at /proc */

void orphans_adopt(void)
{
#ifdef PR_SET_CHILD_SUBREAPER
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
}

int orphans_any(void)
{
	siginfo_t si;

	return !(waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == ECHILD);
}

/* Look before reaping (WNOWAIT): keep's status is not ours to take. */
void orphans_reap(pid_t keep)
{
	siginfo_t si;

	for (;;) {
		si.si_pid = 0;
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == EINTR)
			continue;
		if (si.si_pid == 0 || si.si_pid == keep)
			return;
		(void)waitpid(si.si_pid, NULL, WNOHANG);
	}
}

/* Our children's PIDs (up to max) from /proc: the kernel's list of them
 * where it keeps one, else every process whose parent we are. */
static size_t children(pid_t *pids, size_t max)
{
	char path[300], buf[512], *p;
	struct dirent *e;
	size_t n = 0;
	ssize_t r;
	long id;
	DIR *d;
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)getpid());
	if ((f = fopen(path, "re"))) {
		while (n < max && fscanf(f, "%ld", &id) == 1)
			pids[n++] = (pid_t)id;
		fclose(f);
		return n;
	}
	if (!(d = opendir("/proc")))
		return 0;
	while (n < max && (e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		r = read(fd, buf, sizeof buf - 1);
		(void)close(fd);
		buf[r > 0 ? r : 0] = '\0';
		/* "PID (COMM) S PPID ...": COMM may hold anything, ')' too */
		if ((p = strrchr(buf, ')')) && sscanf(p + 1, " %*c %ld", &id) == 1 &&
		    id == (long)getpid())
			pids[n++] = (pid_t)atol(e->d_name);
	}
	closedir(d);
	return n;
}

void orphans_signal(int sig, pid_t *done, size_t *ndone, size_t cap)
{
	pid_t kids[MAX_KIDS];
	size_t n = children(kids, MAX_KIDS), i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; done && j < *ndone && done[j] != kids[i]; j++)
			;
		if (done && j < *ndone)
			continue;
		(void)kill(kids[i], sig);
		if (sig == SIGTERM)
			(void)kill(kids[i], SIGCONT);
		if (done && *ndone < cap)
			done[(*ndone)++] = kids[i];
	}
}
