/* link_peer.c - the peer: the checks made before signalling anyone
 * (/proc, pidfd, PID namespaces), and whether it still lives, is stopped
 * or busy. */
#define _GNU_SOURCE
#include "link_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

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
