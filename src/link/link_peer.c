/* link_peer.c - the peer: the facts gathered before signalling anyone
 * (kill(2), /proc, the registration files, PID namespaces; peer.c judges
 * them), the pidfd, and whether it still lives, is stopped or busy. */
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

#include "names.h"
#include "peer.h"

/* Each role's registration file, in the user's private directory (the
 * names' own, see names.h): a leading dot keeps it out of --list and
 * of the names a user may take. */
static const char *const role_files[] = { ".pid-%ld.send", ".pid-%ld.recv" };
#define NROLES 2

/* Read /proc/PID/status into p (see link_int.h); -1 if /proc cannot
 * tell. */
int link_proc(pid_t pid, struct link_proc *p)
{
	char path[64], line[256];
	unsigned long long cgt = 0;
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
	p->caught = cgt;
	p->switches = vol < 0 || nonvol < 0 ? -1 : vol + nonvol;
	p->room = queued < 0 || limit < 0 ? -1 : limit - queued;
	return 0;
}

static struct names_reg held[NROLES] = { { -1, "" }, { -1, "" } };

/* The file's lock is the proof: only the process holding it can hold it,
 * the kernel drops it however the process dies (a stale file proves
 * nothing), and no one needs to read the holder's /proc/PID/fd, which a
 * non-dumpable process (mt_hide_memory) keeps from its own user.  The
 * files are made before the first signal is sent or awaited. */
mt_err link_declare(unsigned roles, int *errnum)
{
	char name[48];
	pid_t holder;
	mt_err e;
	int i;

	*errnum = 0;
	for (i = 0; i < NROLES; i++) {
		if (!(roles & 1u << i) || held[i].fd >= 0)
			continue;
		snprintf(name, sizeof name, role_files[i], (long)getpid());
		if ((e = names_register(&held[i], name, &holder, errnum)) == MT_ENAMETAKEN) {
			*errnum = EEXIST;  /* a namesake in another PID namespace */
			return MT_ECREATE;
		}
		if (e != MT_OK)
			return e;
	}
	return MT_OK;
}

void link_withdraw(void)
{
	int i;

	for (i = 0; i < NROLES; i++)
		names_unregister(&held[i]);
}

/* Does pid prove every role in roles: is each of its registration files
 * locked by pid itself?  A file we cannot look at proves nothing. */
static enum peer_proof proof_of(pid_t pid, unsigned roles)
{
	char name[48];
	pid_t holder;
	int i, busy, errnum;
	mt_err e;

	for (i = 0; i < NROLES; i++) {
		if (!(roles & 1u << i))
			continue;
		snprintf(name, sizeof name, role_files[i], (long)pid);
		e = names_lookup(name, &holder, &busy, &errnum);
		if (e == MT_OK && holder == pid)
			continue;
		/* None, a stale one, another process's file linked here, or a
		 * holder out of sight: absent.  Unreadable, or an unsafe
		 * directory: unknown.  Neither proves anything. */
		return (e == MT_ENONAME && !errnum) || e == MT_EOTHERNS || e == MT_OK ?
		       PEER_PROOF_ABSENT : PEER_PROOF_UNKNOWN;
	}
	return PEER_PROOF_HELD;
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

/* Gather what peer_judge needs.  kill(pid, 0) only probes. */
static mt_err check(pid_t pid, unsigned roles)
{
	struct peer_facts f;
	struct link_proc p;

	memset(&f, 0, sizeof f);
	if (kill(pid, 0) < 0)
		f.kill_errno = errno;
	else if (link_proc(pid, &p) == 0) {
		f.proc = 1;
		f.state = p.state;
		f.caught = p.caught;
		f.uid = p.uid;
		f.euid = p.euid;
		f.other_ns = in_other_pidns(pid);
	} else if (errno == ENOENT && access("/proc/self/status", R_OK) == 0) {
		f.kill_errno = ESRCH;  /* gone since kill() */
	}
	if (getresuid(&f.our_uid, &f.our_euid, &f.our_suid) < 0)
		return MT_EINTERNAL;
	f.proof = f.kill_errno ? PEER_PROOF_UNKNOWN : proof_of(pid, roles);
	return peer_judge(&f);
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
