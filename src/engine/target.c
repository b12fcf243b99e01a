/* target.c - resolve sigsend's TARGET, waiting for it if asked. */
#include "config.h"
#include "target.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "link.h"
#include "names.h"
#include "pidfile.h"

#define POLL_MS 25   /* a waiting sender looks again this often */

/* digits[0..n) as a PID: 1 to INT_MAX, else -1. */
static pid_t pid_of(const char *s, size_t n)
{
	long long v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
		if (v > INT_MAX)
			return -1;
	}
	return n && v > 0 ? (pid_t)v : -1;
}

enum target_kind target_kind(const char *word, pid_t *pid)
{
	size_t n = strspn(word, "0123456789");

	if (n && !word[n])
		return (*pid = pid_of(word, n)) > 0 ? TARGET_PID : TARGET_BADPID;
	if (strchr(word, '/'))
		return TARGET_FILE;
	return names_valid(word) ? TARGET_NAME : TARGET_INVALID;
}

/* A pid file as sigrecv -P writes it (see pidfile.h). */
static mt_err read_pid_file(const char *path, pid_t *pid, int *errnum)
{
	char buf[96];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		*errnum = errno;
		return errno == EACCES ? MT_EPERM : MT_ENONAME;
	}
	do
		n = read(fd, buf, sizeof buf - 1);
	while (n < 0 && errno == EINTR && !mt_stop_signal);
	if (n < 0)
		*errnum = errno;
	close(fd);
	if (n < 0)
		return MT_ENONAME;
	buf[n] = '\0';
	return pidfile_parse(buf, pid);
}

static mt_err find_once(enum target_kind k, const char *word, pid_t *pid, int *errnum)
{
	pid_t peer;

	switch (k) {
	case TARGET_PID: return MT_OK;
	case TARGET_NAME: return names_lookup(word, pid, &peer, errnum);
	case TARGET_FILE: return read_pid_file(word, pid, errnum);
	default: return MT_ENOPEER;
	}
}

/* While waiting, what may yet change: no name or pid file yet (or only
 * a stale one, whose process is gone), a process that is not a receiver
 * yet.  A PID that does not exist will not come back. */
static int may_appear(enum target_kind k, mt_err e, int errnum)
{
	switch (e) {
	case MT_ENONAME: return errnum == 0 || errnum == ENOENT;
	case MT_EPIDFILE: return 1;
	case MT_ESTALE: return 1;  /* a new receiver may write it afresh */
	case MT_ENOPEER: return k != TARGET_PID;
	case MT_ENOTRECV: return 1;
	default: return 0;
	}
}

/* Sleep ms; -1 if a terminating signal came. */
static int nap(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		if (mt_stop_signal)
			return -1;
	return mt_stop_signal ? -1 : 0;
}

mt_err target_find(const char *word, int wait_ms, pid_t *pid, int *errnum)
{
	enum target_kind k = target_kind(word, pid);
	int64_t end = mt_now_ms() + (wait_ms > 0 ? wait_ms : 0);
	struct link l;
	mt_err e;

	for (;;) {
		*errnum = 0;
		e = find_once(k, word, pid, errnum);
		if (e == MT_OK && wait_ms > 0) {
			memset(&l, 0, sizeof l);  /* link_close frees what it holds */
			e = link_open(&l, *pid, LINK_RECEIVER);  /* the checks alone: no signal */
			link_close(&l);
		}
		if (e == MT_OK || wait_ms <= 0 || !may_appear(k, e, *errnum))
			return e;
		if (mt_now_ms() >= end) {
			*errnum = 0;
			return MT_EABSENT;
		}
		if (nap(POLL_MS) < 0)
			return MT_EINTR;
	}
}
