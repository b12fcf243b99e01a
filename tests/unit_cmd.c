/* unit_cmd - the command runner with real processes: data both ways
 * without deadlock whoever stops reading, exit statuses as a shell reports
 * them, the kill of a whole process group, and a clean environment.
 * Every wait is bounded by a deadline, never a sleep that hopes. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cmd.h"
#include "unit.h"

#define DEADLINE_MS 10000  /* generous: the suite also runs under load and ASan */
#define MIB (1024 * 1024)

static struct cmd *start(const char *command, char *const *env)
{
	struct cmd *c = NULL;

	CHECK(cmd_start(&c, command, env) == MT_OK);
	if (!c) {
		fprintf(stderr, "cannot start %s\n", command);
		exit(99);
	}
	return c;
}

/* Reads until its stdout ends or the deadline; keeps the first cap bytes
 * and returns the count of all. */
static size_t read_all(struct cmd *c, char *buf, size_t cap, int *eof)
{
	int64_t deadline = mt_now_ms() + DEADLINE_MS;
	char scratch[4096];
	size_t got = 0;
	ssize_t r;

	*eof = 0;
	while (!*eof && mt_now_ms() < deadline) {
		if (got < cap)
			r = cmd_read(c, buf + got, cap - got, 100, eof);
		else
			r = cmd_read(c, scratch, sizeof scratch, 100, eof);
		CHECK(r >= 0);
		if (r < 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Writes n bytes in chunks of varying sizes; every call must succeed. */
static void write_all(struct cmd *c, const char *p, size_t n)
{
	size_t k, step = 1000;

	for (; n > 0; p += k, n -= k) {
		k = n < step ? n : step;
		CHECK(cmd_write(c, p, k) == MT_OK);
		step = step * 3 % 100003 + 1;
	}
}

/* Pumps until it exits: both ways must move while nobody reads. */
static int pump_until_exit(struct cmd *c)
{
	int64_t deadline = mt_now_ms() + DEADLINE_MS;
	int st;

	while ((st = cmd_status(c, 5)) < 0 && mt_now_ms() < deadline)
		CHECK(cmd_pump(c) == MT_OK);
	return st;
}

static char *random_bytes(size_t n)
{
	char *p = malloc(n);
	uint32_t x = 2463534242u;
	size_t i;

	for (i = 0; p && i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (char)x;
	}
	return p;
}

/* cat: 3 MiB written while its output is read back, byte for byte. */
static void test_cat(void)
{
	size_t n = 3 * MIB, got = 0, k;
	uint64_t bin, bout;
	char *in = random_bytes(n), *out = malloc(n + 1);
	struct cmd *c = start("cat", NULL);
	ssize_t r;
	int eof = 0;

	for (k = 0; k < n; k += 65536) {
		CHECK(cmd_write(c, in + k, n - k < 65536 ? n - k : 65536) == MT_OK);
		while (got < n && (r = cmd_read(c, out + got, n + 1 - got, 0, &eof)) > 0)
			got += (size_t)r;
	}
	cmd_end_input(c);
	got += read_all(c, out + got, n + 1 - got, &eof);
	CHECK(eof);
	CHECK_EQ(got, n);
	CHECK(!memcmp(in, out, n));
	CHECK_EQ(cmd_status(c, DEADLINE_MS), 0);
	cmd_counts(c, &bin, &bout);
	CHECK_EQ(bin, n);
	CHECK_EQ(bout, n);
	cmd_free(c);
	free(in);
	free(out);
}

/* cat with nobody reading until it exited: it can only finish if the
 * input spool feeds it and the output spool takes what it prints. */
static void test_cat_unread(void)
{
	size_t n = 2 * MIB;
	char *in = random_bytes(n), *out = malloc(n + 1);
	struct cmd *c = start("cat", NULL);
	int eof;

	write_all(c, in, n);
	cmd_end_input(c);
	CHECK_EQ(pump_until_exit(c), 0);
	CHECK_EQ(read_all(c, out, n + 1, &eof), n);
	CHECK(eof);
	CHECK(!memcmp(in, out, n));
	cmd_free(c);
	free(in);
	free(out);
}

/* A command that never reads its stdin: the input is dropped, not fatal. */
static void test_no_read(void)
{
	char *in = calloc(1, MIB), out[16];
	struct cmd *c = start("echo hi", NULL);
	int eof;

	write_all(c, in, MIB);
	cmd_end_input(c);
	CHECK_EQ(read_all(c, out, sizeof out, &eof), 3);
	CHECK(eof && !memcmp(out, "hi\n", 3));
	CHECK_EQ(pump_until_exit(c), 0);
	CHECK(cmd_pump(c) == MT_OK);
	cmd_free(c);
	free(in);
}

/* Writes return at once while the command sleeps, most of them spooled
 * (a pipe holds 64 KiB); its output comes later.  It sleeps a whole
 * second: a writer that blocked would wait that long, while a loaded
 * machine may well stall a few hundred ms on 1 MiB of spool. */
static void test_late(void)
{
	char *in = calloc(1, MIB), out[16];
	struct cmd *c = start("sleep 1; echo late", NULL);
	int64_t t0 = mt_now_ms();
	uint64_t bin, bout;
	int eof;

	write_all(c, in, MIB);
	CHECK(mt_now_ms() - t0 < 1000);
	CHECK_EQ(cmd_status(c, 0), -1);
	cmd_counts(c, &bin, &bout);
	CHECK(bin < MIB);
	cmd_end_input(c);
	CHECK_EQ(read_all(c, out, sizeof out, &eof), 5);
	CHECK(eof && !memcmp(out, "late\n", 5));
	CHECK_EQ(cmd_status(c, DEADLINE_MS), 0);
	cmd_free(c);
	free(in);
}

static int status_of(const char *command)
{
	struct cmd *c = start(command, NULL);
	int st = cmd_status(c, DEADLINE_MS);

	cmd_free(c);
	return st;
}

static void test_status(void)
{
	CHECK_EQ(status_of("exit 3"), 3);
	CHECK_EQ(status_of("kill -TERM $$"), 143);
	CHECK_EQ(status_of("kill -KILL $$"), 137);
	CHECK_EQ(status_of("minitalk-no-such-command-x 2>/dev/null"), 127);
}

/* 1 MiB of output, more than a pipe holds: spooled while unread. */
static void test_big_output(void)
{
	char *out = malloc(MIB + 1), zero[4096] = { 0 };
	struct cmd *c = start("head -c 1048576 /dev/zero", NULL);
	size_t i;
	int eof;

	cmd_end_input(c);
	CHECK_EQ(pump_until_exit(c), 0);
	CHECK_EQ(read_all(c, out, MIB + 1, &eof), MIB);
	CHECK(eof);
	for (i = 0; i < MIB; i += sizeof zero)
		CHECK(!memcmp(out + i, zero, sizeof zero));
	cmd_free(c);
	free(out);
}

/* Its stdout closes long before it exits: eof does not wait for the exit. */
static void test_closed_stdout(void)
{
	struct cmd *c = start("exec >&-; sleep 0.5", NULL);
	char out[16];
	int eof;

	CHECK_EQ(read_all(c, out, sizeof out, &eof), 0);
	CHECK(eof);
	CHECK_EQ(cmd_status(c, 0), -1);
	CHECK_EQ(cmd_status(c, DEADLINE_MS), 0);
	cmd_free(c);
}

/* Reaps what we adopted as subreaper until the group is gone. */
static int group_gone(pid_t pgid)
{
	int64_t deadline = mt_now_ms() + DEADLINE_MS;

	while (kill(-pgid, 0) == 0 && mt_now_ms() < deadline)
		if (waitpid(-pgid, NULL, WNOHANG) <= 0)
			(void)poll(NULL, 0, 10);
	return kill(-pgid, 0) < 0 && errno == ESRCH;
}

/* cmd_kill ends it and all it started, promptly, and reaps it.  The
 * command says "ready" once set up (a trap, say), so the kill meets it
 * there, not before. */
static void kill_one(const char *command, int status)
{
	struct cmd *c = start(command, NULL);
	pid_t pid = cmd_pid(c);
	int64_t t0, deadline = mt_now_ms() + DEADLINE_MS;
	char ready[8];
	size_t got = 0;
	ssize_t r;
	int eof = 0;

	while (got < 6 && !eof && mt_now_ms() < deadline)
		if ((r = cmd_read(c, ready + got, 6 - got, 100, &eof)) > 0)
			got += (size_t)r;
	CHECK(got == 6 && !memcmp(ready, "ready\n", 6));
	CHECK_EQ(cmd_status(c, 0), -1);
	t0 = mt_now_ms();
	cmd_kill(c);
	CHECK(mt_now_ms() - t0 < 1500);
	CHECK(kill(pid, 0) < 0 && errno == ESRCH);
	CHECK(waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD);
	CHECK(group_gone(pid));
	CHECK_EQ(cmd_status(c, 0), status);
	cmd_kill(c);  /* again: harmless */
	cmd_free(c);
}

static void test_kill(void)
{
	kill_one("echo ready; exec sleep 100", 143);
	kill_one("echo ready; sleep 100 | cat", 143);
	kill_one("sleep 100 & echo ready; wait", 143);
	kill_one("trap '' TERM; echo ready; sleep 100; :", 137);  /* only SIGKILL ends it */
	cmd_free(start("sleep 100", NULL));  /* free kills too (ASan sees leaks) */
}

/* A stop signal makes waits return at once. */
static void test_stop_signal(void)
{
	struct cmd *c = start("sleep 100", NULL);
	int64_t t0 = mt_now_ms();
	char b[8];
	int eof;

	mt_stop_signal = SIGTERM;
	CHECK_EQ(cmd_read(c, b, sizeof b, DEADLINE_MS, &eof), -1);
	CHECK(errno == EINTR);
	CHECK_EQ(cmd_status(c, DEADLINE_MS), -1);
	CHECK(mt_now_ms() - t0 < DEADLINE_MS / 2);
	cmd_free(c);  /* still reaps it */
	mt_stop_signal = 0;
}

/* Extra variables reach it; sigrecv's blocked and ignored signals do not. */
static void test_env(void)
{
	char *env[] = { "MINITALK_PEER=42", "MINITALK_NAME=x.txt", "HOME=/elsewhere", NULL };
	char out[256];
	struct cmd *c = start("echo \"$MINITALK_PEER $MINITALK_NAME $HOME\"", env);
	int eof;

	CHECK_EQ(read_all(c, out, sizeof out, &eof), 20);
	CHECK(!memcmp(out, "42 x.txt /elsewhere\n", 20));
	CHECK_EQ(cmd_status(c, DEADLINE_MS), 0);
	cmd_free(c);
	if (access("/proc/self/status", R_OK) < 0)
		return;  /* not Linux */
	c = start("grep -E '^Sig(Blk|Ign):' /proc/self/status", NULL);
	CHECK_EQ(read_all(c, out, sizeof out, &eof), 2 * 25);
	CHECK(!memcmp(out, "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n", 50));
	CHECK_EQ(cmd_status(c, DEADLINE_MS), 0);
	cmd_free(c);
}

int main(void)
{
	sigset_t s;

	/* As sigrecv sets itself up, so the child has to undo it. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
#ifdef PR_SET_CHILD_SUBREAPER
	/* Orphans of a killed group come to us, so we can see them gone even
	 * where PID 1 does not reap (containers). */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
	test_cat();
	test_cat_unread();
	test_no_read();
	test_late();
	test_status();
	test_big_output();
	test_closed_stdout();
	test_kill();
	test_stop_signal();
	test_env();
	return tests_result("unit_cmd");
}
