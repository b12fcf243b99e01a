/* cmd_spawn.c - run sigrecv's -e COMMAND: the process.  Start it in a
 * process group of its own with a fresh program's signals, reap it, and
 * end it with everything it started (orphans.h).  Its pipes are cmd.c's. */
#define _GNU_SOURCE
#include "config.h"
#include "cmd_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "orphans.h"
#include "os.h"

extern char **environ;

/* Commands started and not yet freed.  With one (sigrecv runs one at a
 * time), every other child of ours is something it left behind. */
static int live;

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

/* In the child: its own process group, so that ending it ends what it
 * started; signals as a fresh program expects them, not as sigrecv set
 * them (blocked SIGUSR1/2 and real-time signals, ignored SIGPIPE). */
static void child(int in, int out, const char *command, char **envp)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL };

	(void)setpgid(0, 0);
	os_sig_default_all();
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
	if (c && envp && os_pipe(fd) == 0 && os_pipe(fd + 2) == 0
	    && (c->pid = fork()) == 0)
		child(fd[0], fd[3], command, envp);
	err = errno;
	cmd_close_fd(&fd[0]);
	cmd_close_fd(&fd[3]);
	if (!c || !envp || c->pid <= 0) {
		for (i = 0; i < 4; i++)
			cmd_close_fd(&fd[i]);
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

/* Reap it if it exited: 1 once reaped, 0 while it runs.  ECHILD means it
 * was reaped behind our back (SIGCHLD ignored): its status is lost.  Any
 * other child that exited is something the command left behind and that
 * came to us (see cmd_start): it is reaped too, never left a zombie. */
int cmd_reap(struct cmd *c)
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

	while (!cmd_reap(c)) {
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
	return cmd_reap(c) && !group_alive(c) && (live > 1 || !orphans_any());
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

	cmd_close_fd(&c->in);
	cmd_close_fd(&c->out);
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
