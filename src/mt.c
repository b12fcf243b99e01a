/* mt.c - error texts, exit codes and EINTR-safe writes shared by all. */
#include "mt.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

volatile int mt_stop_signal;

static const struct { const char *text; int code; } errs[] = {
	[MT_OK] = { "Success", 0 },
	[MT_ENOPEER] = { "No such process", EXIT_NOPEER },
	[MT_ENOTRECV] = { "not a minitalk receiver (no signal sent)", EXIT_NOPEER },
	[MT_ESELF] = { "that is this process's own PID", EXIT_NOPEER },
	[MT_EPERM] = { "Operation not permitted", EXIT_PERM },
	[MT_EGONE] = { "peer exited during the transfer", EXIT_NOPEER },
	[MT_ETIMEOUT] = { "peer stopped answering (timeout)", EXIT_TIMEOUT },
	[MT_EPROTO] = { "protocol error", EXIT_PROTO },
	[MT_EVERSION] = { "unsupported protocol version", EXIT_PROTO },
	[MT_EHASH] = { "data corrupted in transit (XXH3 mismatch)", EXIT_DATA },
	[MT_EZLIB] = { "corrupt compressed data", EXIT_DATA },
	[MT_ENOINPUT] = { "cannot open input", EXIT_NOINPUT },
	[MT_EREAD] = { "read error", EXIT_IO },
	[MT_EWRITE] = { "write error", EXIT_IO },
	[MT_ECREATE] = { "cannot create output", EXIT_CANTCREAT },
	[MT_EEXIST] = { "File exists (use --force to overwrite)", EXIT_CANTCREAT },
	[MT_EPEERIO] = { "receiver could not write the output", EXIT_IO },
	[MT_EPEERCREATE] = { "receiver could not create the output", EXIT_CANTCREAT },
	[MT_EPEEREXIST] = { "receiver refused: its output file exists (see sigrecv --force)", EXIT_CANTCREAT },
	[MT_EABORTED] = { "sender abandoned the transfer", EXIT_PROTO },
	[MT_EINTR] = { "Interrupted", EXIT_INTERNAL },
	[MT_ENOMEM] = { "Cannot allocate memory", EXIT_INTERNAL },
	[MT_EREFUSED] = { "receiver refused the frame", EXIT_PROTO },
	[MT_EINTERNAL] = { "internal error", EXIT_INTERNAL },
	[MT_ENONAME] = { "no receiver of that name", EXIT_NOPEER },
	[MT_EPIDFILE] = { "not a pid file (it holds no PID)", EXIT_NOPEER },
	[MT_ENAMEDIR] = { "not a private directory (it must be this user's, mode 0700)", EXIT_PERM },
	[MT_ENAMETAKEN] = { "name in use by a live receiver", EXIT_CANTCREAT },
	[MT_EABSENT] = { "no receiver appeared in time (--wait)", EXIT_TIMEOUT },
	[MT_EOTHERNS] = { "receiver is in another PID namespace and cannot answer from here", EXIT_NOPEER },
	[MT_ENOANSWER] = { "receiver runs as another user and could not signal this process back; run sigsend as that user", EXIT_PERM },
	[MT_EDUPNAME] = { "sent twice in one transfer", EXIT_CANTCREAT },
	[MT_ESTALE] = { "stale pid file: its PID is another process now (no signal sent)", EXIT_NOPEER },
};

const char *mt_strerror(mt_err e)
{
	return (unsigned)e < sizeof errs / sizeof errs[0] ? errs[e].text : "unknown error";
}

int mt_exit_code(mt_err e)
{
	return (unsigned)e < sizeof errs / sizeof errs[0] ? errs[e].code : EXIT_INTERNAL;
}

int mt_write(int fd, const void *buf, size_t n)
{
	ssize_t r;

	while (n > 0) {
		r = write(fd, buf, n);
		if (r < 0) {
			if (errno == EINTR && !mt_stop_signal)
				continue;
			return -1;
		}
		buf = (const char *)buf + r;
		n -= (size_t)r;
	}
	return 0;
}

int64_t mt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
