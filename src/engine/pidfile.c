/* pidfile.c - see pidfile.h. */
#include "config.h"
#include "pidfile.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int pidfile_start(pid_t pid, unsigned long long *start)
{
	char path[64], buf[1024], *p;
	FILE *f;
	size_t n;
	int i;

	if (pid)
		snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	else
		snprintf(path, sizeof path, "/proc/self/stat");
	if (!(f = fopen(path, "re")))
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* after the command name, which may hold spaces and ')': field 3 on */
	if (!(p = strrchr(buf, ')')))
		return -1;
	for (i = 2; i < 22 && p; i++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p + 1, "%llu", start) != 1)
		return -1;
	return 0;
}

int pidfile_text(char *buf, size_t n)
{
	unsigned long long start;
	int r;

	if (pidfile_start(0, &start) == 0)
		r = snprintf(buf, n, "%ld\nstart %llu\n", (long)getpid(), start);
	else
		r = snprintf(buf, n, "%ld\n", (long)getpid());
	return r < 0 || (size_t)r >= n ? -1 : r;
}

mt_err pidfile_parse(const char *text, pid_t *pid)
{
	unsigned long long want, have;
	const char *p = text + strspn(text, " \t\r");
	char *end;
	long long v;
	size_t len = strspn(p, "0123456789");

	if (!len || len > 10 || (v = strtoll(p, NULL, 10)) <= 0 || v > INT_MAX)
		return MT_EPIDFILE;
	*pid = (pid_t)v;
	p += len;
	p += strspn(p, " \t\r\n");
	if (!*p)
		return MT_OK;  /* the PID alone: written by hand, or an older sigrecv */
	if (strncmp(p, "start ", 6) || (p[6] < '0' || p[6] > '9'))
		return MT_EPIDFILE;
	want = strtoull(p + 6, &end, 10);
	if (end[strspn(end, " \t\r\n")])
		return MT_EPIDFILE;
	/* The process of that PID must be the one that wrote the file; where
	 * the system cannot tell, the PID is taken as it is. */
	if (pidfile_start(*pid, &have) == 0 && have != want)
		return MT_ESTALE;
	return MT_OK;
}
