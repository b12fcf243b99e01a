/* sigsend - send files or standard input to a sigrecv process, one bit
 * per signal.  This file only parses, reports and picks the exit code. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "minitalk.h"
#include "os.h"

enum { OPT_WAIT = OPT_PRIVATE, OPT_LIST, OPT_CLASSIC };

/* The TARGET operand, as given and as shown in messages (a PID in its
 * plain form), and the PID it was found to name. */
struct target {
	const char *word, *shown;
	int wait_ms, timeout_ms;
	pid_t pid;
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... TARGET [FILE]...\n"
	       "  or:  %s --list\n", cli_prog, cli_prog);
	printf("Send FILEs (standard input if none, or for -) to the sigrecv process TARGET\n"
	       "over UNIX signals: compressed with zlib, each frame checked, the whole\n"
	       "stream verified by XXH3 before the receiver confirms it.  TARGET is a PID,\n"
	       "the NAME of a named receiver, or the PATH of a receiver's pid file (any\n"
	       "TARGET with a '/' in it).\n\n");
	printf("  -m, --message=TEXT   send TEXT followed by a newline, like echo\n"
	       "  -l, --lines          each line of input is a request of its own; its\n"
	       "                       reply is printed before the next line goes\n"
	       "  -F, --fast           use the fast transport (words on queued real-time\n"
	       "                       signals) if the receiver offers it, even for a\n"
	       "                       short input (default: a short input goes as one\n"
	       "                       frame of bits, anything larger as words)\n"
	       "      --classic        use the classic transport (one bit per signal)\n"
	       "  -1 ... -9            zlib compression level (default: 9 on the classic\n"
	       "                       transport; adaptive, never slowing it, on the fast)\n"
	       "  -w, --timeout=SECS   give up when the receiver is silent for SECS\n"
	       "                       (default 10; waiting while it serves others is free)\n"
	       "      --wait=SECS      wait up to SECS for TARGET to appear (a name\n"
	       "                       registered, a pid file written, a PID become a\n"
	       "                       receiver), then send\n"
	       "      --list           list this user's named receivers:\n"
	       "                       NAME PID idle|busy|stopped\n"
	       "  -q, --quiet          print no notices; -qq: no error messages either\n"
	       "  -v, --verbose        print a summary and the XXH3 of each input\n"
	       "      --progress       show progress even when stderr is not a terminal\n"
	       "      --no-progress    never show progress\n"
	       "  -n, --numeric        progress as one number per line: percent, or bytes\n"
	       "                       when the size is not known\n"
	       "  -h, --help           display this help and exit\n"
	       "  -V, --version        output version information and exit\n\n");
	printf("Exit status: 0 transfer confirmed, 64 usage error, 65 data error,\n"
	       "66 input missing, 69 no such receiver, 70 internal error, 73 receiver\n"
	       "cannot create output, 74 I/O error, 75 timeout, 76 protocol error,\n"
	       "77 permission denied.  See sigsend(1) and minitalk(7).\n");
}

static void say_waiting(void *ctx)
{
	fprintf(stderr, "%s: %s: receiver busy with another sender; waiting in line\n",
	        cli_prog, ((const struct target *)ctx)->shown);
}

/* A receiver stopped by SIGSTOP or Ctrl-Z answers nobody until continued:
 * the user hears it at once, and the wait goes on as -w says. */
static void say_stopped(void *ctx)
{
	const struct target *t = ctx;

	fprintf(stderr, "%s: %s: receiver is stopped (SIGSTOP or Ctrl-Z); waiting up to %g s "
	        "for it to be continued (kill -CONT %ld)\n", cli_prog, t->shown,
	        t->timeout_ms / 1000.0, (long)t->pid);
}

/* The core's find callback: the TARGET to a PID, waiting if asked. */
static mt_err find(void *ctx, pid_t *pid, int *errnum)
{
	struct target *t = ctx;
	mt_err e = target_find(t->word, t->wait_ms, pid, errnum);

	t->pid = *pid;
	return e;
}

/* Check the TARGET word now, so that a bad one is a usage error. */
static void parse_target(struct target *t, char *pidword, size_t n)
{
	char q[200];

	switch (target_kind(t->word, &t->pid)) {
	case TARGET_PID:
		snprintf(pidword, n, "%ld", (long)t->pid);
		t->shown = pidword;
		return;
	case TARGET_NAME:
	case TARGET_FILE:
		t->shown = t->word;
		return;
	case TARGET_BADPID:
		cli_usage_error("invalid PID: '%s'", cli_quote(t->word, q, sizeof q));
	default:
		cli_usage_error("invalid TARGET: '%s' (a PID, a NAME, or a PATH with a '/')",
		                cli_quote(t->word, q, sizeof q));
	}
}

/* A receiver stopped by SIGSTOP or a terminal's ^Z answers nobody until
 * continued.  Where the system does not tell, it is not told. */
static int is_stopped(pid_t pid)
{
	struct os_desc d;

	return os_describe(pid, &d) == 0 && d.state == 'T';
}

static void print_name(void *ctx, const char *name, pid_t pid, int busy)
{
	(void)ctx;
	printf("%s %ld %s\n", name, (long)pid,
	       is_stopped(pid) ? "stopped" : busy ? "busy" : "idle");
}

/* sigsend --list */
static int list_names(void)
{
	char dir[PATH_MAX];
	int errnum;
	mt_err e = names_list(print_name, NULL, &errnum);

	if (e != MT_OK) {
		cli_error(names_dir(dir, sizeof dir) == 0 ? dir : NULL, "%s",
		          errnum ? strerror(errnum) : mt_strerror(e));
		return mt_exit_code(e);
	}
	return cli_flush_stdout();
}

static void report(mt_err e, const struct send_result *r, const struct target *t)
{
	const char *obj = r->what ? r->what : t->shown;
	char dir[PATH_MAX];
	pid_t pid;

	/* ENAMEDIR, ECREATE: our own registration as a sender (link_setup) */
	if ((e == MT_ENAMEDIR || e == MT_ECREATE) && names_dir(dir, sizeof dir) == 0)
		obj = dir;
	/* A pid file that cannot be read: say it was taken for one. */
	if (!r->what && (e == MT_ENONAME || (e == MT_EPERM && r->errnum == EACCES)) &&
	    r->errnum && target_kind(t->word, &pid) == TARGET_FILE) {
		cli_error(obj, "%s (%s)", r->errnum == ENOENT ? "no such pid file" :
		          "cannot read pid file", strerror(r->errnum));
		return;
	}
	if (e == MT_EOTHERNS && t->pid > 0) {
		cli_error(obj, "%s; run sigsend inside it: nsenter -t %ld -p -m sigsend ...",
		          mt_strerror(e), (long)t->pid);
		return;
	}
	if (e == MT_ETIMEOUT && !r->errnum && t->pid > 0 && is_stopped(t->pid)) {
		cli_error(obj, "receiver is stopped (SIGSTOP or Ctrl-Z) and did not answer for "
		          "%g s (timeout)", t->timeout_ms / 1000.0);
		return;
	}
	cli_error(obj, "%s", r->errnum ? strerror(r->errnum) :
	          e == MT_EGONE ? "receiver exited before confirming the transfer" :
	          e == MT_ETIMEOUT ? "receiver stopped answering (timeout)" :
	          mt_strerror(e));
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "fast", no_argument, NULL, 'F' },
		{ "classic", no_argument, NULL, OPT_CLASSIC },
		{ "lines", no_argument, NULL, 'l' },
		{ "timeout", required_argument, NULL, 'w' },
		{ "wait", required_argument, NULL, OPT_WAIT },
		{ "list", no_argument, NULL, OPT_LIST },
		CLI_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct send_opts o = { .level = 0, .timeout_ms = 10000 };
	struct send_result r;
	struct target t = { NULL, NULL, 0, 0, 0 };
	char pidword[32], q[200];
	int c, list = 0;
	int64_t t0;
	double secs;
	mt_err e;
	/* First of all: the session key will live in this memory. */
	int begun = cli_begin("sigsend", argv);

	if (begun)
		return begun;
	while ((c = getopt_long(argc, argv, "123456789Flm:w:hV" CLI_COMMON_OPTS, longopts, NULL)) != -1) {
		switch (c) {
		case '1': case '2': case '3': case '4': case '5':
		case '6': case '7': case '8': case '9':
			o.level = c - '0';
			break;
		case 'm':
			o.message = optarg;
			break;
		case 'F':
			o.transport = SEND_FAST;
			break;
		case OPT_CLASSIC:
			o.transport = SEND_CLASSIC;
			break;
		case 'l':
			o.lines = 1;
			break;
		case 'w':
			if ((o.timeout_ms = cli_parse_secs(optarg)) < 0)
				cli_usage_error("invalid timeout: '%s'", cli_quote(optarg, q, sizeof q));
			break;
		case OPT_WAIT:
			if ((t.wait_ms = cli_parse_secs(optarg)) < 0)
				cli_usage_error("invalid wait: '%s'", cli_quote(optarg, q, sizeof q));
			break;
		case OPT_LIST:
			list = 1;
			break;
		case 'h':
			usage();
			return cli_flush_stdout();
		case 'V':
			cli_version();
			return cli_flush_stdout();
		default:
			if (cli_common_option(c))
				break;
			fprintf(stderr, "Try '%s --help' for more information.\n", cli_prog);
			return EXIT_USAGE;
		}
	}
	/* Where there are no queued words (os.h), --fast cannot be had: said
	 * in one line, and the transfer goes on the classic transport. */
	if (o.transport == SEND_FAST && !os_words) {
		if (!cli_quiet)
			fprintf(stderr, "%s: --fast: this build has no fast transport (no queued "
			        "real-time signals); using the classic one\n", cli_prog);
		o.transport = SEND_AUTO;
	}
	if (list) {
		if (optind < argc)
			cli_usage_error("--list takes no operand: '%s'",
			                cli_quote(argv[optind], q, sizeof q));
		return list_names();
	}
	if (optind >= argc)
		cli_usage_error("missing TARGET operand");
	t.word = argv[optind];
	parse_target(&t, pidword, sizeof pidword);
	o.files = argv + optind + 1;
	o.nfiles = argc - optind - 1;
	if (o.message && o.nfiles)
		cli_usage_error("cannot use -m with FILE operands");
	if (o.lines && (o.message || o.nfiles > 1))
		cli_usage_error("-l reads the lines of one input: %s", o.message ?
		                "cannot use it with -m" : "give at most one FILE");
	if (!o.message && !o.lines && (o.nfiles == 0 || (o.nfiles == 1 && !strcmp(o.files[0], "-"))) &&
	    isatty(0)) {
		cli_error(NULL, "standard input is a terminal; pipe data in, name a FILE, "
		          "or use -m TEXT");
		return EXIT_USAGE;
	}
	cli_catch_signals();
	if (cli_verbose) {
		o.file_done = cli_hash_done;
		if (!cli_quiet)
			o.waiting = say_waiting;
	}
	if (!cli_quiet)
		o.stopped = say_stopped;
	t.timeout_ms = o.timeout_ms;
	/* With -l the replies are the output: a bar redrawn among them, on
	 * the same terminal, would only garble them.  --progress still asks.
	 * Where progress cannot show, the core is spared counting it. */
	if (cli_progress_mode == PROG_BAR || cli_progress_mode == PROG_NUMERIC ||
	    (cli_progress_mode == PROG_AUTO && !o.lines && !cli_quiet && isatty(STDERR_FILENO)))
		o.progress = cli_progress;
	o.find = find;
	o.ctx = &t;
	t0 = mt_now_ms();
	e = send_run(&o, &r);
	cli_progress_end();
	secs = (double)(mt_now_ms() - t0) / 1000;
	if (e == MT_EINTR) {
		cli_reraise();
		return EXIT_INTERNAL;
	}
	if (e != MT_OK) {
		if (cli_quiet < 2)
			report(e, &r, &t);
		return mt_exit_code(e);
	}
	if (cli_verbose && !cli_quiet) {
		cli_summary(r.bytes_in, "bytes in", r.wire_bits, secs, 1, "");
		if (r.unit)
			fprintf(stderr, "%s: transport: fast, %u bytes per signal, %llu signals (%s)\n",
			        cli_prog, r.unit, (unsigned long long)r.signals,
			        o.transport == SEND_FAST ? "--fast" : "more than one short frame");
		else
			fprintf(stderr, "%s: transport: classic, 1 bit per signal, %llu signals (%s)\n",
			        cli_prog, (unsigned long long)r.signals,
			        r.short_frame ? "one short frame: the whole input fit" :
			        o.transport == SEND_CLASSIC ? "--classic" :
			        !os_words ? "this build has no fast transport" :
			        r.no_room ? "RLIMIT_SIGPENDING, ulimit -i, leaves no room for words" :
			        "the receiver does not offer the fast one");
		if (r.resyncs || r.queries)
			fprintf(stderr, "%s: %llu lost signals recovered, %llu frames resent\n", cli_prog,
			        (unsigned long long)r.queries, (unsigned long long)r.resyncs);
		if (r.reply_status >= 0)
			fprintf(stderr, "%s: reply of %llu bytes; the command's status %d\n", cli_prog,
			        (unsigned long long)r.reply_bytes, r.reply_status);
		cli_print_hashes();
	}
	/* Like ssh: a reply's command status is ours. */
	return r.reply_status >= 0 ? r.reply_status : 0;
}
