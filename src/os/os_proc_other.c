/* os_proc_other.c - process facts on a system this code does not know
 * (neither Linux nor macOS): nothing can be told, so every check that
 * needs a fact fails closed or goes without it, as os.h says.  FreeBSD
 * would fill this in from sysctl(KERN_PROC_PID) (ki_stat, ki_sigcatch,
 * ki_ruid, ki_uid, ki_nvcsw + ki_nivcsw, ki_start) and procctl
 * (PROC_REAP_ACQUIRE, PROC_TRACE_CTL); README.md says what it takes. */
#if !defined(__linux__) && !defined(__APPLE__)
#include "config.h"
#include "os.h"

#include <errno.h>
#include <unistd.h>

int os_describe(pid_t pid, struct os_desc *d)
{
	(void)pid, (void)d;
	errno = ENOSYS;
	return -1;
}

int os_can_describe(void)
{
	return 0;
}

int os_start_time(pid_t pid, unsigned long long *start)
{
	(void)pid, (void)start;
	return -1;
}

int os_ids(uid_t *uid, uid_t *euid, uid_t *suid)
{
	*uid = getuid();
	*suid = *euid = geteuid();
	return 0;
}

int os_hide_memory(void)
{
	return 0;
}

int os_adopt_orphans(void)
{
	return 0;
}

int os_children(pid_t *pids, size_t max)
{
	(void)pids, (void)max;
	return -1;
}

int os_pin(int cpu)
{
	(void)cpu;
	return -1;
}

void os_unpin(void)
{
}
#else
typedef int os_proc_other_is_empty_here;  /* ISO C: no empty file */
#endif
