/* link_peer.c - the peer: the checks made before signalling anyone
 * (/proc, pidfd, PID namespaces), and whether it still lives, is stopped
 * or busy. */
#define _GNU_SOURCE
#include "link_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const role_names[] = { "minitalk-sender", "minitalk-receiver" };
#define NROLES 2

/* Read /proc/PID/status into p (see link_int.h); -1 if /proc cannot
 * tell. */
int link_proc(pid_t pid, struct link_proc *p)
{
	char path[64], line[256];
	unsigned long long cgt = 0, want;
	unsigned long ruid, euid;
	long vol = -1, nonvol = -1, queued = -1, limit = -1;
	FILE *f;

	if (pid)
		snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	else
		snprintf(path, sizeof path, "/proc/self/status");
	if (!(f = fopen(path, "re")))
		return -1;
	memset(p, 0, sizeof *p);
	p->state = '?';
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "State:", 6))
			sscanf(line + 6, " %c", &p->state);
		else if (!strncmp(line, "SigCgt:", 7))
			cgt = strtoull(line + 7, NULL, 16);
		else if (!strncmp(line, "SigQ:", 5))
			sscanf(line + 5, "%ld/%ld", &queued, &limit);
		else if (!strncmp(line, "voluntary_ctxt_switches:", 24))
			vol = strtol(line + 24, NULL, 10);
		else if (!strncmp(line, "nonvoluntary_ctxt_switches:", 27))
			nonvol = strtol(line + 27, NULL, 10);
		else if (!strncmp(line, "Uid:", 4) && sscanf(line + 4, "%lu %lu", &ruid, &euid) == 2) {
			p->uid = (uid_t)ruid;
			p->euid = (uid_t)euid;
		}
	}
	fclose(f);
	want = 1ULL << (SIGUSR1 - 1) | 1ULL << (SIGUSR2 - 1) |
	       1ULL << (LINK_SIGWORD - 1) | 1ULL << (LINK_SIGDATA - 1);
	/* Caught, not merely blocked: a shell blocks every signal while it
	 * forks, and would die of SIGUSR1 a moment later.  A receiver waiting
	 * in sigwaitinfo shows them unblocked but caught. */
	p->listens = (cgt & want) == want;
	p->switches = vol < 0 || nonvol < 0 ? -1 : vol + nonvol;
	p->room = queued < 0 || limit < 0 ? -1 : limit - queued;
	return 0;
}

mt_err link_declare(unsigned roles)
{
	static int held[NROLES] = { -1, -1 };
	int i;

	for (i = 0; i < NROLES; i++)
		if ((roles & 1u << i) && held[i] < 0 &&
		    (held[i] = memfd_create(role_names[i], MFD_CLOEXEC)) < 0)
			return MT_EINTERNAL;
	return MT_OK;
}

/* 1 if pid holds the marker of every role in roles (an open memory file
 * of that name, seen as a link in /proc/PID/fd); 1 as well where /proc
 * cannot tell: none at all, or links we may not read (a peer seen from
 * inside a user namespace of our own), where SigCgt alone decides. */
static int has_roles(pid_t pid, unsigned roles)
{
	char path[320], link[128], want[NROLES][64];
	unsigned found = 0;
	struct dirent *d;
	ssize_t n;
	DIR *dir;
	int i;

	for (i = 0; i < NROLES; i++)
		snprintf(want[i], sizeof want[i], "/memfd:%s (deleted)", role_names[i]);
	snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
	if (!(dir = opendir(path)))
		return errno == ENOENT && access("/proc/self/fd", R_OK) != 0;
	while ((found & roles) != roles && (d = readdir(dir))) {
		snprintf(path, sizeof path, "/proc/%ld/fd/%s", (long)pid, d->d_name);
		if ((n = readlink(path, link, sizeof link - 1)) <= 0) {
			if (errno == EACCES || errno == EPERM)
				found = roles;
			continue;
		}
		link[n] = '\0';
		for (i = 0; i < NROLES; i++)
			if (!strcmp(link, want[i]))
				found |= 1u << i;
	}
	closedir(dir);
	return (found & roles) == roles;
}

/* The kernel lets a process signal another whose real or saved uid is its
 * real or effective uid (or with CAP_KILL): can a process of uids (real,
 * effective) signal us back?  Root sending to a user's receiver gets no
 * answer, and is told so at once instead of waiting for the timeout. */
static int can_answer(const struct link_proc *p)
{
	uid_t r, e, sv;

	if (getresuid(&r, &e, &sv) < 0)
		return 1;
	return p->euid == 0 || p->uid == r || p->uid == sv || p->euid == r || p->euid == sv;
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

static mt_err check(pid_t pid, unsigned roles)
{
	struct link_proc p;

	if (kill(pid, 0) < 0)
		return errno == EPERM ? MT_EPERM : MT_ENOPEER;
	if (link_proc(pid, &p) < 0)
		return errno == ENOENT && access("/proc/self/status", R_OK) == 0 ?
		       MT_ENOPEER : MT_OK;  /* no /proc: nothing more to check */
	if (p.state == 'Z' || p.state == 'X')
		return MT_ENOPEER;
	if (in_other_pidns(pid))
		return MT_EOTHERNS;
	/* What it is comes first: only a real receiver of another user is
	 * told it cannot answer; root's look at a user's sleep is not one. */
	if (!p.listens || !has_roles(pid, roles))
		return MT_ENOTRECV;
	if (!can_answer(&p))
		return MT_ENOANSWER;
	return MT_OK;
}

mt_err link_open(struct link *l, pid_t pid, unsigned roles)
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
	if ((e = check(pid, roles)) == MT_OK && !link_alive(l))
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
	struct link_proc p;

	if (l->pidfd >= 0) {
		struct pollfd pf = { .fd = l->pidfd, .events = POLLIN };
		return poll(&pf, 1, 0) == 0;  /* readable once it has exited */
	}
	if (kill(l->pid, 0) < 0 && errno == ESRCH)
		return 0;
	return !(link_proc(l->pid, &p) == 0 && (p.state == 'Z' || p.state == 'X'));
}

int link_stopped(const struct link *l)
{
	struct link_proc p;

	return link_proc(l->pid, &p) == 0 && (p.state == 'T' || p.state == 't');
}

long link_activity(pid_t pid)
{
	struct link_proc p;

	if (link_proc(pid, &p) < 0 || p.state == 'T' || p.state == 't')
		return -1;
	return p.switches;
}

/* A stopped peer answers nobody until continued: the user hears of it
 * at once, not only when the timeout comes. */
mt_err link_check_time(struct link *l)
{
	if (!link_alive(l))
		return MT_EGONE;
	if (l->stopped && !l->said_stopped && link_stopped(l)) {
		l->said_stopped = 1;
		l->stopped(l->ctx);
	}
	if (mt_now_ms() - l->last_answer > l->timeout_ms)
		return MT_ETIMEOUT;
	return MT_OK;
}
