/* os_proc_darwin.c - what macOS tells of processes: sysctl(KERN_PROC)
 * for state, caught signals and credentials, libproc for our
 * children.  Cross-built in CI, never run here.  See os.h. */
#ifdef __APPLE__
#include "config.h"
#include "os.h"

#include <errno.h>
#include <libproc.h>
#include <string.h>
#include <sys/proc.h>
#include <sys/sysctl.h>
#include <sys/types.h>
#include <unistd.h>

/* <sys/ptrace.h> is not in every SDK (nor in zig's): its one request. */
#ifndef PT_DENY_ATTACH
#define PT_DENY_ATTACH 31
int ptrace(int request, pid_t pid, caddr_t addr, int data);
#endif

static int kinfo(pid_t pid, struct kinfo_proc *k)
{
	int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PID, pid ? pid : getpid() };
	size_t len = sizeof *k;

	memset(k, 0, sizeof *k);
	if (sysctl(mib, 4, k, &len, NULL, 0) < 0)
		return -1;
	if (len == 0) {  /* no such process */
		errno = ENOENT;
		return -1;
	}
	return 0;
}

int os_describe(pid_t pid, struct os_desc *d)
{
	struct kinfo_proc k;

	if (kinfo(pid, &k) < 0)
		return -1;
	memset(d, 0, sizeof *d);
	switch (k.kp_proc.p_stat) {
	case SRUN: d->state = 'R'; break;
	case SSLEEP: d->state = 'S'; break;
	case SSTOP: d->state = 'T'; break;
	case SZOMB: d->state = 'Z'; break;
	default: d->state = '?'; break;
	}
	d->caught = (uint64_t)(uint32_t)k.kp_proc.p_sigcatch;
	d->pending = (uint64_t)(uint32_t)k.kp_proc.p_siglist;
	d->uid = k.kp_eproc.e_pcred.p_ruid;
	d->euid = k.kp_eproc.e_ucred.cr_uid;
	d->room = -1;  /* no queued signals */
	d->ns_depth = 0;  /* no PID namespaces */
	return 0;
}

int os_can_describe(void)
{
	return 1;
}

/* The start time in microseconds since the epoch. */
int os_start_time(pid_t pid, unsigned long long *start)
{
	struct kinfo_proc k;

	if (kinfo(pid, &k) < 0)
		return -1;
	*start = (unsigned long long)k.kp_proc.p_starttime.tv_sec * 1000000ULL +
	         (unsigned long long)k.kp_proc.p_starttime.tv_usec;
	return 0;
}

/* No getresuid: the saved uid is not told; set-uid use is not ours. */
int os_ids(uid_t *uid, uid_t *euid, uid_t *suid)
{
	*uid = getuid();
	*suid = *euid = geteuid();
	return 0;
}

/* No debugger may attach (task_for_pid is refused too): the nearest to
 * Linux's non-dumpable.  A core dump is the user's choice (ulimit -c). */
int os_hide_memory(void)
{
	return ptrace(PT_DENY_ATTACH, 0, 0, 0) < 0 ? errno : 0;
}

/* No subreaper on macOS: a command's orphans go to launchd, and only its
 * process group can be ended. */
int os_adopt_orphans(void)
{
	return 0;
}

int os_children(pid_t *pids, size_t max)
{
	int n = proc_listchildpids(getpid(), pids, (int)(max * sizeof *pids));

	return n < 0 ? -1 : n > (int)max ? (int)max : n;
}

/* Threads get affinity tags at most, processes nothing: the scheduler
 * places us. */
int os_pin(int cpu)
{
	(void)cpu;
	return -1;
}

void os_unpin(void)
{
}
#else
typedef int os_proc_darwin_is_empty_here;  /* ISO C: no empty file */
#endif
