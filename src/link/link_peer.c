/* link_peer.c - the peer: the facts gathered before signalling anyone
 * (kill(2), the system's description of it, the registration files, PID
 * namespaces; peer.c judges them), its handle, and whether it still
 * lives, is stopped or busy. */
#include "link_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "names.h"
#include "peer.h"

/* Each role's registration file, in the user's private directory (the
 * names' own, see names.h): a leading dot keeps it out of --list and
 * of the names a user may take. */
static const char *const role_files[] = { ".pid-%ld.send", ".pid-%ld.recv" };
#define NROLES 2

static struct names_reg held[NROLES] = { { -1, "" }, { -1, "" } };

/* The file's lock is the proof: only the process holding it can hold it,
 * the kernel drops it however the process dies (a stale file proves
 * nothing), and no one needs to read the holder's open files, which a
 * non-dumpable process (os_hide_memory) keeps from its own user.  The
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

void link_forget(void)
{
	int i;

	for (i = 0; i < NROLES; i++)
		if (held[i].fd >= 0) {
			close(held[i].fd);
			held[i].fd = -1;
		}
}

/* Does pid prove every role in roles: is each of its registration files
 * locked by pid itself?  A file we cannot look at proves nothing. */
static enum peer_proof proof_of(pid_t pid, unsigned roles)
{
	char name[48];
	pid_t holder, peer;
	int i, errnum;
	mt_err e;

	for (i = 0; i < NROLES; i++) {
		if (!(roles & 1u << i))
			continue;
		snprintf(name, sizeof name, role_files[i], (long)pid);
		e = names_lookup(name, &holder, &peer, &errnum);
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

/* A process in a PID namespace below ours (in a container, seen from the
 * host) cannot see us: our signals reach it with si_pid 0, so it can
 * never answer.  The system then lists it in more namespaces than us. */
static int in_other_pidns(const struct os_desc *d)
{
	struct os_desc self;

	return d->ns_depth > 0 && os_describe(0, &self) == 0 && d->ns_depth != self.ns_depth;
}

/* Gather what peer_judge needs.  kill(pid, 0) only probes. */
static mt_err check(pid_t pid, unsigned roles)
{
	struct peer_facts f;
	struct os_desc d;

	memset(&f, 0, sizeof f);
	if (kill(pid, 0) < 0)
		f.kill_errno = errno;
	else if (os_describe(pid, &d) == 0) {
		f.proc = 1;
		f.state = d.state;
		f.caught = d.caught;
		f.uid = d.uid;
		f.euid = d.euid;
		f.other_ns = in_other_pidns(&d);
	} else if (errno == ENOENT && os_can_describe()) {
		f.kill_errno = ESRCH;  /* gone since kill() */
	}
	if (os_ids(&f.our_uid, &f.our_euid, &f.our_suid) < 0)
		return MT_EINTERNAL;
	f.proof = f.kill_errno ? PEER_PROOF_UNKNOWN : proof_of(pid, roles);
	return peer_judge(&f);
}

mt_err link_open(struct link *l, pid_t pid, unsigned roles)
{
	mt_err e;

	l->pid = pid;
	l->proc.pid = pid;
	l->proc.fd = -1;
	if (pid <= 0)
		return MT_ENOPEER;
	if (pid == getpid())
		return MT_ESELF;
	if (os_proc_open(&l->proc, pid) < 0)
		return MT_ENOPEER;
	/* Checked after it is held: if it still lives afterwards, the
	 * description we read was its own. */
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
	os_proc_close(&l->proc);
	l->pid = 0;
}

int link_alive(const struct link *l)
{
	return os_proc_alive(&l->proc);
}

int link_stopped(const struct link *l)
{
	struct os_desc d;

	return os_describe(l->pid, &d) == 0 && (d.state == 'T' || d.state == 't');
}

/* The receiver's role file says whom it serves (link_serve.c keeps it):
 * a sender that finds another PID there waits in line. */
void link_serving(pid_t peer)
{
	names_set_busy(&held[1], peer);
}

pid_t link_serves(pid_t pid)
{
	char name[48];
	pid_t holder, peer;
	int errnum;

	snprintf(name, sizeof name, role_files[1], (long)pid);
	if (names_lookup(name, &holder, &peer, &errnum) != MT_OK || holder != pid)
		return 0;
	return peer;
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
