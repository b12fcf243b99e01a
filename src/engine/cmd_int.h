/* cmd_int.h - what the two halves of the command runner share: cmd.c
 * pumps the pipes (input, output, spools), cmd_spawn.c starts the command
 * and ends it with everything it started.  Not for use outside cmd. */
#ifndef CMD_INT_H
#define CMD_INT_H

#include <unistd.h>

#include "cmd.h"
#include "spool.h"

#define CMD_CHUNK 65536           /* a pipe's worth: the unit of every copy */
#define CMD_PUMP_MAX (1 << 20)    /* per direction and call: keeps calls short */
#define CMD_GRACE_MS 200          /* between SIGTERM and SIGKILL */
#define CMD_KILL_MS 2000          /* for what SIGKILL ends to be gone */
#define CMD_MAX_KIDS 256          /* orphans given SIGTERM only once */

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

static inline void cmd_close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

/* Reap it if it exited (and what it left behind that came to us): 1 once
 * reaped, 0 while it runs (cmd_spawn.c). */
int cmd_reap(struct cmd *c);

#endif
