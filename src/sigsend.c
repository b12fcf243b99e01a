/* sigsend - send files or standard input to a sigrecv process, one bit
 * per signal.  This file only parses, reports and picks the exit code. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "send.h"

static void usage(void)
{
	printf("Usage: %s [OPTION]... PID [FILE]...\n", cli_prog);
	printf("Send FILEs (standard input if none, or for -) to the sigrecv process PID\n"
	       "over UNIX signals: compressed with zlib, each frame checked, the whole\n"
	       "stream verified by XXH3 before the receiver confirms it.\n\n");
	printf("  -m, --message=TEXT   send TEXT followed by a newline, like echo\n"
	       "  -l, --lines          each line of input is a request of its own; its\n"
	       "                       reply is printed before the next line goes\n"
	       "  -F, --fast           use the fast transport (words on queued real-time\n"
	       "                       signals) if the receiver offers it\n"
	       "  -1 ... -9            zlib compression level (default: 9 on the classic\n"
	       "                       transport; adaptive, never slowing it, on the fast)\n"
	       "  -w, --timeout=SECS   give up when the receiver is silent for SECS\n"
	       "                       (default 10; waiting while it serves others is free)\n"
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
	        cli_prog, (const char *)ctx);
}

static pid_t parse_pid(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || v > INT_MAX || *s == '+' || *s == ' ')
		return -1;
	return (pid_t)v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "fast", no_argument, NULL, 'F' },
		{ "lines", no_argument, NULL, 'l' },
		{ "timeout", required_argument, NULL, 'w' },
		CLI_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct send_opts o = { .level = 0, .timeout_ms = 10000 };
	struct send_result r;
	char pidword[32];
	int c;
	int64_t t0;
	double secs;
	mt_err e;

	cli_prog = "sigsend";
	argv[0] = (char *)cli_prog;  /* getopt's messages: "sigsend: ...", not a path */
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
			o.fast = 1;
			break;
		case 'l':
			o.lines = 1;
			break;
		case 'w':
			if ((o.timeout_ms = cli_parse_secs(optarg)) < 0)
				cli_usage_error("invalid timeout: '%s'", optarg);
			break;
		case 'h':
			usage();
			return 0;
		case 'V':
			cli_version();
			return 0;
		default:
			if (cli_common_option(c))
				break;
			fprintf(stderr, "Try '%s --help' for more information.\n", cli_prog);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		cli_usage_error("missing PID operand");
	if ((o.pid = parse_pid(argv[optind])) < 0)
		cli_usage_error("invalid PID: '%s'", argv[optind]);
	snprintf(pidword, sizeof pidword, "%ld", (long)o.pid);
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
	o.progress = cli_progress;
	o.ctx = pidword;
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
			cli_error(r.what ? r.what : pidword, "%s",
			          r.errnum ? strerror(r.errnum) :
			          e == MT_EGONE ? "receiver exited before confirming the transfer" :
			          e == MT_ETIMEOUT ? "receiver stopped answering (timeout)" :
			          mt_strerror(e));
		return mt_exit_code(e);
	}
	if (cli_verbose && !cli_quiet) {
		cli_summary(r.bytes_in, "bytes in", r.wire_bits, secs, 1, "");
		if (r.unit)
			fprintf(stderr, "%s: transport: fast, %u bytes per signal, %llu signals\n",
			        cli_prog, r.unit, (unsigned long long)r.signals);
		else
			fprintf(stderr, "%s: transport: classic, 1 bit per signal, %llu signals%s\n",
			        cli_prog, (unsigned long long)r.signals,
			        o.fast ? " (the receiver does not offer the fast one)" : "");
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
