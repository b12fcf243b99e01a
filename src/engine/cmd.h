/* cmd.h - the command runner of sigrecv -e: /bin/sh -c COMMAND with the
 * payload on its stdin and its stdout read back as the reply.  Nothing here
 * blocks longer than the caller says, and memory stays constant whatever
 * the sizes: input the pipe will not take yet and output read ahead of the
 * caller wait in spools (spool.h).
 *
 * Where the system allows it (os_adopt_orphans) the process becomes a
 * child subreaper at the first cmd_start: what a command leaves running, even in a session
 * of its own, comes to it when its parent dies, and is ended with the
 * command.  Run one command at a time: while one runs, every other child
 * of the process counts as left behind by it.
 *
 * The caller ignores SIGPIPE (signal(SIGPIPE, SIG_IGN)): a command that
 * closed its stdin then gives EPIPE, and its remaining input is dropped.
 * Waits return early once mt_stop_signal is set. */
#ifndef CMD_H
#define CMD_H

#include <stdint.h>
#include <sys/types.h>
#include "mt.h"

struct cmd;

/* Start /bin/sh -c command in its own process group, stdin and stdout on
 * pipes, stderr shared; env: extra "NAME=value" strings (NULL-terminated,
 * may be NULL) that add to or replace the inherited environment.
 * MT_ENOMEM, or MT_EINTERNAL (errno) when no pipe or process is to be had;
 * a command sh cannot run is no error here: sh exits 127. */
mt_err cmd_start(struct cmd **c, const char *command, char *const *env);

/* Bytes for the command's stdin; never blocks: what the pipe does not take
 * now is spooled.  Dropped silently once the command closed its stdin;
 * MT_EWRITE (errno) if the spool fails in every place it may live,
 * MT_EINTERNAL after cmd_end_input. */
mt_err cmd_write(struct cmd *c, const void *p, size_t n);

/* No more input: stdin is closed as soon as the spooled input is drained. */
void cmd_end_input(struct cmd *c);

/* Move spooled input into the pipe and available output into the output
 * spool, at most a MiB each way; never blocks.  MT_EREAD/MT_EWRITE (errno). */
mt_err cmd_pump(struct cmd *c);

/* Up to n bytes of the command's output: from the output spool first, else
 * wait at most ms for its stdout (pumping input meanwhile).  Returns the
 * count (> 0), 0 if nothing came within ms, or -1 (errno; EINTR once
 * mt_stop_signal is set); *eof is set once stdout is closed and all read. */
ssize_t cmd_read(struct cmd *c, void *buf, size_t n, int ms, int *eof);

/* Bound what the command leaves behind: once it has exited, whatever
 * still holds its stdout (a background job) has ms to let go of it, and
 * is then ended like the command (cmd_kill); its output ends there.
 * By default there is no bound. */
void cmd_linger(struct cmd *c, int ms);

/* Whether it has exited (reaps it; waits at most ms): its status as a shell
 * reports it, the exit code or 128+N if killed by signal N; -1 while it
 * still runs. */
int cmd_status(struct cmd *c, int ms);

/* End it now: close its pipes, SIGTERM its process group and, as they
 * come to us, the processes it started that left the group (setsid);
 * SIGKILL after 200 ms to whatever is left; reap them all.  Safe in any
 * state. */
void cmd_kill(struct cmd *c);

/* Free everything, killing the command first if it still runs; c may be NULL. */
void cmd_free(struct cmd *c);

/* What the last failure was about, for messages: "the command's input
 * spool", "the command's stdin", ... */
const char *cmd_what(const struct cmd *c);

/* Its PID, which is also its process group ID (for logs and tests). */
pid_t cmd_pid(const struct cmd *c);

/* Progress: bytes that went into its stdin pipe so far (not those spooled
 * or dropped), and bytes read from its stdout (delivered or spooled). */
void cmd_counts(const struct cmd *c, uint64_t *in, uint64_t *out);

#endif
