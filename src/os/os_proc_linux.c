/* os_proc_linux.c - what Linux tells of processes (/proc), its knobs on
 * our own (prctl, CPU affinity), in both builds: the portable one on
 * Linux still describes its peers from /proc.  See os.h. */
#ifdef __linux__
#define _GNU_SOURCE
#include "config.h"
#include "os.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* How many nested PID namespaces the status file's NSpid line lists. */
static int ns_depth(char *list)
{
	char *t, *save;
	int n = 0;

	for (t = strtok_r(list, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save))
		n++;
	return n;
}

/* /proc/PID/what (pid 0: ourselves), opened for reading. */
static FILE *proc_file(pid_t pid, const char *what)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, what);
	else
		snprintf(path, sizeof path, "/proc/self/%s", what);
	return fopen(path, "re");
}

int os_describe(pid_t pid, struct os_desc *d)
{
	char line[512];
	unsigned long long cgt = 0, shd = 0;
	unsigned long ruid, euid;
	long queued = -1, limit = -1;
	FILE *f;

	if (!(f = proc_file(pid, "status")))
		return -1;
	memset(d, 0, sizeof *d);
	d->state = '?';
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "State:", 6))
			sscanf(line + 6, " %c", &d->state);
		else if (!strncmp(line, "SigCgt:", 7))
			cgt = strtoull(line + 7, NULL, 16);
		else if (!strncmp(line, "ShdPnd:", 7))
			shd = strtoull(line + 7, NULL, 16);
		else if (!strncmp(line, "SigQ:", 5))
			sscanf(line + 5, "%ld/%ld", &queued, &limit);
		else if (!strncmp(line, "NSpid:", 6))
			d->ns_depth = ns_depth(line + 6);
		else if (!strncmp(line, "Uid:", 4) && sscanf(line + 4, "%lu %lu", &ruid, &euid) == 2) {
			d->uid = (uid_t)ruid;
			d->euid = (uid_t)euid;
		}
	}
	fclose(f);
	d->caught = cgt;
	d->pending = shd;
	d->room = queued < 0 || limit < 0 ? -1 : limit - queued;
	return 0;
}

int os_can_describe(void)
{
	return access("/proc/self/status", R_OK) == 0;
}

/* Field 22 of /proc/PID/stat, after the command name, which may hold
 * spaces and ')'. */
int os_start_time(pid_t pid, unsigned long long *start)
{
	char buf[1024], *p;
	FILE *f;
	size_t n;
	int i;

	if (!(f = proc_file(pid, "stat")))
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (!(p = strrchr(buf, ')')))
		return -1;
	for (i = 2; i < 22 && p; i++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p + 1, "%llu", start) != 1)
		return -1;
	return 0;
}

int os_ids(uid_t *uid, uid_t *euid, uid_t *suid)
{
	return getresuid(uid, euid, suid);
}

/* Non-dumpable: /proc/PID/{mem,maps,fd,environ} become root's and ptrace
 * needs CAP_SYS_PTRACE. */
int os_hide_memory(void)
{
	return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 ? errno : 0;
}

int os_adopt_orphans(void)
{
#ifdef PR_SET_CHILD_SUBREAPER
	return prctl(PR_SET_CHILD_SUBREAPER, 1);
#else
	return 0;
#endif
}

/* The kernel's list of our children where it keeps one, else every
 * process whose parent we are. */
int os_children(pid_t *pids, size_t max)
{
	char path[300], buf[512], *p;
	struct dirent *e;
	size_t n = 0;
	ssize_t r;
	long id;
	DIR *dir;
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)getpid());
	if ((f = fopen(path, "re"))) {
		while (n < max && fscanf(f, "%ld", &id) == 1)
			pids[n++] = (pid_t)id;
		fclose(f);
		return (int)n;
	}
	if (!(dir = opendir("/proc")))
		return -1;
	while (n < max && (e = readdir(dir))) {
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
	closedir(dir);
	return (int)n;
}

static cpu_set_t saved_cpus;
static int pinned;

int os_pin(int cpu)
{
	cpu_set_t one;

	if (pinned)
		os_unpin();
	if (cpu < 0 && (cpu = sched_getcpu()) < 0)
		return -1;
	if (cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof saved_cpus, &saved_cpus) < 0 ||
	    !CPU_ISSET(cpu, &saved_cpus))
		return -1;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof one, &one) < 0)
		return -1;
	pinned = 1;
	return cpu;
}

void os_unpin(void)
{
	if (pinned)
		(void)sched_setaffinity(0, sizeof saved_cpus, &saved_cpus);
	pinned = 0;
}
#else
typedef int os_proc_linux_is_empty_here;  /* ISO C: no empty file */
#endif
