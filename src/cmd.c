/* cmd.c - run sigrecv's -e COMMAND.  The receiver is single-threaded and
 * keeps serving the signal link while the command runs, so our ends of the
 * pipes are non-blocking and whatever does not fit goes to a spool: an
 * unlinked file used as a queue, which keeps memory constant however much
 * the command is sent or prints. */
#define _GNU_SOURCE
#include "config.h"
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "orphans.h"
#include "spool.h"

#define CMD_CHUNK 65536           /* a pipe's worth: the unit of every copy */
#define CMD_PUMP_MAX (1 << 20)    /* per direction and call: keeps calls short */
#define CMD_GRACE_MS 200          /* between SIGTERM and SIGKILL */
#define CMD_KILL_MS 2000          /* for what SIGKILL ends to be gone */
#define CMD_MAX_KIDS 256          /* orphans given SIGTERM only once */

extern char **environ;

/* Commands started and not yet freed.  With one (sigrecv runs one at a
 * time), every other child of ours is something it left behind. */
static int live;

struct cmd {
	pid_t pid;                /* also its process group */
	int in, out;              /* our ends of its stdin and stdout, or -1 */
	int end_input;            /* close stdin once the input spool is empty */
	int status;               /* as a shell reports it; -1 until reaped */
	int linger_ms;            /* see cmd_linger; -1: no bound */
	int64_t exited_ms;        /* when we saw it exited, or 0 */
	uint64_t nin, nout;
	const char *what;         /* what the last failure was about */
	struct spool ispool, ospool;
	char buf[CMD_CHUNK];      /* for copies between a pipe and a spool */
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

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
		close_fd(&c->in);
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
		close_fd(&c->out);
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
		close_fd(&c->in);
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

/* Whether var ("NAME=value") is replaced by one of the extras. */
static int overridden(const char *var, char *const *extra)
{
	size_t n = strcspn(var, "=");

	for (; extra && *extra; extra++)
		if (!strncmp(*extra, var, n) && (*extra)[n] == '=')
			return 1;
	return 0;
}

/* The child's environment, built before fork (no malloc in the child):
 * ours less the names the extras set, then the extras; pointers only. */
static char **child_env(char *const *extra)
{
	size_t ne = 0, nx = 0, i, k = 0;
	char **v;

	while (environ && environ[ne])
		ne++;
	while (extra && extra[nx])
		nx++;
	if (!(v = malloc((ne + nx + 1) * sizeof *v)))
		return NULL;
	for (i = 0; i < ne; i++)
		if (!overridden(environ[i], extra))
			v[k++] = environ[i];
	for (i = 0; i < nx; i++)
		v[k++] = extra[i];
	v[k] = NULL;
	return v;
}

/* SIG_DFL, also for the signals glibc keeps for itself (32 and 33): its
 * signal() refuses them, but an ignoring parent still passes them on.
 * A zeroed kernel sigaction is SIG_DFL on every architecture. */
static void default_signal(int sig)
{
#ifdef SYS_rt_sigaction
	static const unsigned long zero[8];

	if (syscall(SYS_rt_sigaction, sig, zero, NULL, (NSIG - 1) / 8) == 0)
		return;
#endif
	(void)signal(sig, SIG_DFL);
}

/* In the child: its own process group, so that ending it ends what it
 * started; signals as a fresh program expects them, not as sigrecv set
 * them (blocked SIGUSR1/2 and real-time signals, ignored SIGPIPE). */
static void child(int in, int out, const char *command, char **envp)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	sigset_t none;
	int sig;

	(void)setpgid(0, 0);
	for (sig = 1; sig < NSIG; sig++)
		default_signal(sig);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	/* Copied above 2 first: a pipe may itself be fd 0 or 1, and dup2 onto
	 * itself would leave O_CLOEXEC set. */
	in = fcntl(in, F_DUPFD_CLOEXEC, 3);
	out = fcntl(out, F_DUPFD_CLOEXEC, 3);
	if (in >= 0 && out >= 0 && dup2(in, 0) == 0 && dup2(out, 1) == 1)
		execve("/bin/sh", argv, envp);
	_exit(127);
}

/* fd: its stdin's read and write ends, then its stdout's; all O_CLOEXEC,
 * ours non-blocking (its own stay blocking, as programs expect). */
mt_err cmd_start(struct cmd **cp, const char *command, char *const *env)
{
	struct cmd *c = calloc(1, sizeof *c);
	char **envp = child_env(env);
	int fd[4] = { -1, -1, -1, -1 }, i, err;

	*cp = NULL;
	orphans_adopt();
	if (c && envp && pipe2(fd, O_CLOEXEC) == 0 && pipe2(fd + 2, O_CLOEXEC) == 0
	    && (c->pid = fork()) == 0)
		child(fd[0], fd[3], command, envp);
	err = errno;
	close_fd(&fd[0]);
	close_fd(&fd[3]);
	if (!c || !envp || c->pid <= 0) {
		for (i = 0; i < 4; i++)
			close_fd(&fd[i]);
		free(envp);
		free(c);
		errno = err;
		return !c || !envp ? MT_ENOMEM : MT_EINTERNAL;
	}
	free(envp);
	(void)setpgid(c->pid, c->pid);  /* also here: the group exists on return */
	c->in = fd[1];
	c->out = fd[2];
	(void)fcntl(c->in, F_SETFL, O_NONBLOCK);
	(void)fcntl(c->out, F_SETFL, O_NONBLOCK);
	c->status = -1;
	c->linger_ms = -1;
	c->what = "the command";
	live++;
	spool_init(&c->ispool);
	spool_init(&c->ospool);
	*cp = c;
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
		close_fd(&c->in);
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

/* Forward declarations: defined with the rest of the ending below. */
static int reap(struct cmd *c);

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

	if (c->linger_ms < 0 || !reap(c))
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

/* Reap it if it exited: 1 once reaped, 0 while it runs.  ECHILD means it
 * was reaped behind our back (SIGCHLD ignored): its status is lost.  Any
 * other child that exited is something the command left behind and that
 * came to us (see cmd_start): it is reaped too, never left a zombie. */
static int reap(struct cmd *c)
{
	pid_t r = 0;
	int st = 0;

	while (c->status < 0 && (r = waitpid(c->pid, &st, WNOHANG)) != 0) {
		if (r > 0 || errno != EINTR)
			c->status = r < 0 ? 255 : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
	}
	if (live == 1)
		orphans_reap(c->status < 0 ? c->pid : 0);
	return c->status >= 0;
}

/* Wait at most ms for it to exit, looking every 5 ms: SIGCHLD is not ours
 * to catch.  stoppable: give up early once mt_stop_signal is set. */
static int wait_exit(struct cmd *c, int64_t ms, int stoppable)
{
	int64_t deadline = mt_now_ms() + ms, left;

	while (!reap(c)) {
		left = deadline - mt_now_ms();
		if (left <= 0 || (stoppable && mt_stop_signal))
			return 0;
		(void)poll(NULL, 0, left < 5 ? (int)left : 5);
	}
	return 1;
}

int cmd_status(struct cmd *c, int ms)
{
	return wait_exit(c, ms > 0 ? ms : 0, 1) ? c->status : -1;
}

/* Whether anything of its group is left, zombies included.  The group ID
 * cannot be reused while a member exists, so signalling it is safe then. */
static int group_alive(const struct cmd *c)
{
	return kill(-c->pid, 0) == 0 || errno == EPERM;
}

/* Nothing of it is left: the command reaped, its group empty, and no
 * process it started left with us. */
static int all_gone(struct cmd *c)
{
	return reap(c) && !group_alive(c) && (live > 1 || !orphans_any());
}

/* The group, and the child itself while unreaped in case it left the
 * group (setsid): its PID is ours until we reap it. */
static void signal_all(const struct cmd *c, int sig)
{
	if (group_alive(c))
		(void)kill(-c->pid, sig);
	if (c->status < 0)
		(void)kill(c->pid, sig);
}

/* Ending it ends everything it started: its group, then, as they come to
 * us (we are their subreaper), the processes that left the group
 * (setsid) and whose parents have died.  Each gets SIGTERM, and SIGKILL
 * after CMD_GRACE_MS. */
void cmd_kill(struct cmd *c)
{
	int64_t deadline = mt_now_ms() + CMD_GRACE_MS;
	pid_t termed[CMD_MAX_KIDS];
	size_t nterm = 0;

	close_fd(&c->in);
	close_fd(&c->out);
	if (all_gone(c))
		return;
	signal_all(c, SIGTERM);
	signal_all(c, SIGCONT);  /* a stopped process acts on SIGTERM only then */
	while (!all_gone(c) && mt_now_ms() < deadline) {
		if (live == 1)
			orphans_signal(SIGTERM, termed, &nterm, CMD_MAX_KIDS);
		(void)poll(NULL, 0, 5);
	}
	deadline = mt_now_ms() + CMD_KILL_MS;
	while (!all_gone(c) && mt_now_ms() < deadline) {
		signal_all(c, SIGKILL);
		if (live == 1)
			orphans_signal(SIGKILL, NULL, NULL, 0);
		(void)poll(NULL, 0, 5);
	}
	while (!wait_exit(c, 1000, 0))
		;  /* SIGKILL cannot be refused: never leave a zombie */
}

void cmd_free(struct cmd *c)
{
	if (!c)
		return;
	cmd_kill(c);
	live--;
	spool_close(&c->ispool);
	spool_close(&c->ospool);
	free(c);
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
