/* pidfile.c - see pidfile.h. */
#include "config.h"
#include "pidfile.h"
#include "os.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int pidfile_start(pid_t pid, unsigned long long *start)
{
	return os_start_time(pid, start);
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
