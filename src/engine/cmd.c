/* cmd.c - run sigrecv's -e COMMAND: its pipes.  The receiver is
 * single-threaded and keeps serving the signal link while the command
 * runs, so our ends of the pipes are non-blocking and whatever does not
 * fit goes to a spool: an unlinked file used as a queue, which keeps
 * memory constant however much the command is sent or prints.  Starting
 * and ending the command is cmd_spawn.c's. */
#define _GNU_SOURCE
#include "config.h"
#include "cmd_int.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>

/* Record what failed (errno is kept) and return e. */
static mt_err failed(struct cmd *c, mt_err e, const char *what)
{
	c->what = what;
	return e;
}

/* Write to its stdin without blocking: the count the pipe took (0 when
 * full, EINTR included), or -1.  A command that closed its stdin chose
 * not to read the rest: all of it counts as taken, and is dropped. */
static ssize_t to_pipe(struct cmd *c, const void *p, size_t n)
{
	ssize_t r = write(c->in, p, n);

	if (r >= 0)
		c->nin += (uint64_t)r;
	else if (errno == EAGAIN || errno == EINTR)
		r = 0;
	else if (errno == EPIPE) {
		cmd_close_fd(&c->in);
		if (spool_len(&c->ispool) > 0)
			spool_skip(&c->ispool, spool_len(&c->ispool));
		r = (ssize_t)n;
	}
	return r;
}

/* Read its stdout without blocking: the count, 0 when there is nothing
 * now or at its end (c->out is then closed), or -1. */
static ssize_t from_pipe(struct cmd *c, void *p, size_t n)
{
	ssize_t r = read(c->out, p, n);

	if (r > 0)
		c->nout += (uint64_t)r;
	else if (r == 0)
		cmd_close_fd(&c->out);
	else if (errno == EAGAIN || errno == EINTR)
		r = 0;
	return r;
}

static mt_err pump_in(struct cmd *c)
{
	size_t moved = 0;
	ssize_t n, w;

	while (c->in >= 0 && spool_len(&c->ispool) > 0 && moved < CMD_PUMP_MAX) {
		if ((n = spool_peek(&c->ispool, c->buf, sizeof c->buf)) <= 0)
			return failed(c, MT_EREAD, "the command's input spool");
		if ((w = to_pipe(c, c->buf, (size_t)n)) < 0)
			return failed(c, MT_EWRITE, "the command's stdin");
		if (c->in < 0)
			break;  /* dropped */
		spool_skip(&c->ispool, (size_t)w);
		if (w < n)
			break;  /* the pipe is full */
		moved += (size_t)w;
	}
	if (c->end_input && spool_len(&c->ispool) == 0)
		cmd_close_fd(&c->in);
	return MT_OK;
}

/* Read ahead of the caller, so the command never blocks on a full stdout. */
static mt_err pump_out(struct cmd *c)
{
	size_t moved = 0;
	ssize_t r;

	while (c->out >= 0 && moved < CMD_PUMP_MAX) {
		if ((r = from_pipe(c, c->buf, sizeof c->buf)) <= 0)
			return r < 0 ? failed(c, MT_EREAD, "the command's stdout") : MT_OK;
		if (spool_put(&c->ospool, c->buf, (size_t)r) < 0)
			return failed(c, MT_EWRITE, "the command's output spool");
		moved += (size_t)r;
	}
	return MT_OK;
}

mt_err cmd_write(struct cmd *c, const void *p, size_t n)
{
	ssize_t w = 0;
	mt_err e;

	if (c->end_input) {
		errno = EINVAL;
		return MT_EINTERNAL;
	}
	if ((e = pump_in(c)) != MT_OK)
		return e;
	/* Straight into the pipe only when nothing is queued before it. */
	if (c->in >= 0 && spool_len(&c->ispool) == 0 && (w = to_pipe(c, p, n)) < 0)
		return failed(c, MT_EWRITE, "the command's stdin");
	if (c->in < 0 || (size_t)w == n)
		return MT_OK;
	if (spool_put(&c->ispool, (const char *)p + w, n - (size_t)w) < 0)
		return failed(c, MT_EWRITE, "the command's input spool");
	return MT_OK;
}

void cmd_end_input(struct cmd *c)
{
	c->end_input = 1;
	if (spool_len(&c->ispool) == 0)
		cmd_close_fd(&c->in);
}

mt_err cmd_pump(struct cmd *c)
{
	mt_err e = pump_in(c);

	return e != MT_OK ? e : pump_out(c);
}

/* Sleep until its stdout has something, its stdin takes spooled input, or
 * the deadline: 1 to look again, 0 at the deadline, -1 (errno) to give up. */
static int wait_io(struct cmd *c, int64_t deadline)
{
	struct pollfd p[2] = { { c->out, POLLIN, 0 }, { -1, POLLOUT, 0 } };
	int64_t left = deadline - mt_now_ms();

	if (left <= 0)
		return 0;
	if (mt_stop_signal) {
		errno = EINTR;
		return -1;
	}
	if (c->in >= 0 && spool_len(&c->ispool) > 0)
		p[1].fd = c->in;
	if (poll(p, 2, left > INT_MAX ? INT_MAX : (int)left) < 0 && errno != EINTR)
		return -1;
	return 1;
}

void cmd_linger(struct cmd *c, int ms)
{
	c->linger_ms = ms;
}

/* Once the command has exited, its stdout stays open only while
 * something it left behind holds it (sh -c 'sleep 300 & echo x'): that
 * gets linger_ms, then is ended as the command's orphans are, what it
 * wrote meanwhile kept.  1 when it has been ended now (stdout closed);
 * else *deadline is brought forward to the end of the grace. */
static int linger_over(struct cmd *c, int64_t *deadline)
{
	int64_t end;

	if (c->linger_ms < 0 || !cmd_reap(c))
		return 0;
	if (!c->exited_ms)
		c->exited_ms = mt_now_ms();
	end = c->exited_ms + c->linger_ms;
	if (mt_now_ms() < end) {
		if (*deadline > end)
			*deadline = end;
		return 0;
	}
	(void)pump_out(c);
	cmd_kill(c);
	return 1;
}

ssize_t cmd_read(struct cmd *c, void *buf, size_t n, int ms, int *eof)
{
	int64_t deadline = mt_now_ms() + (ms > 0 ? ms : 0);
	ssize_t r;

	*eof = 0;
	while (n > 0) {
		if (pump_in(c) != MT_OK)
			return -1;
		if (spool_len(&c->ospool) > 0) {
			if ((r = spool_peek(&c->ospool, buf, n)) > 0)
				spool_skip(&c->ospool, (size_t)r);
			else
				c->what = "the command's output spool";
			return r > 0 ? r : -1;
		}
		if (c->out < 0) {
			*eof = 1;
			return 0;
		}
		if ((r = from_pipe(c, buf, n)) < 0)
			c->what = "the command's stdout";
		if (r != 0)
			return r;
		if (c->out >= 0 && linger_over(c, &deadline))
			continue;  /* what the spool holds, then the end */
		if (c->out >= 0 && (r = wait_io(c, deadline)) <= 0)
			return r;
	}
	return 0;
}

const char *cmd_what(const struct cmd *c)
{
	return c->what;
}

pid_t cmd_pid(const struct cmd *c)
{
	return c->pid;
}

void cmd_counts(const struct cmd *c, uint64_t *in, uint64_t *out)
{
	*in = c->nin;
	*out = c->nout;
}
