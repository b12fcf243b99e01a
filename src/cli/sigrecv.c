/* sigrecv - receive what sigsend sends and write it out.  This file only
 * parses, reports, owns the pid file and picks the exit code. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "minitalk.h"
#include "os.h"

enum { OPT_WAIT = OPT_PRIVATE, OPT_ECHO };

static char *pid_file;
static int pid_dirfd = -1;        /* the pid file's directory */
static char pid_name[NAME_MAX + 1];
static struct names_reg reg = { -1, "" };

static void usage(void)
{
	printf("Usage: %s [OPTION]...\n", cli_prog);
	printf("Wait for sigsend, receive a transfer over UNIX signals, check every frame\n"
	       "and the whole-stream XXH3 hash, and write the payload to standard output.\n"
	       "The PID to send to is announced on standard error.\n\n");
	printf("  -o, --output=FILE    write to FILE instead; it appears only when complete\n"
	       "                       and verified\n"
	       "  -d, --directory=DIR  write each file of the transfer as DIR/NAME, NAME\n"
	       "                       being the sender's base name, made safe\n"
	       "  -e, --exec=COMMAND   run sh -c COMMAND for each transfer, the payload\n"
	       "                       on its stdin; its stdout is the reply to the sender\n"
	       "      --echo           reply with the payload itself\n"
	       "  -f, --force          replace existing files\n"
	       "  -k, --keep-going     serve one transfer after another until killed\n"
	       "  -P, --pid-file=FILE  write the PID to FILE once ready; removed on exit\n"
	       "  -N, --name=NAME      register as NAME, so that senders may use the name\n"
	       "                       (1-64 of A-Z a-z 0-9 . _ -, not starting with . or\n"
	       "                       -, not all digits); removed on exit\n"
	       "  -w, --timeout=SECS   drop a transfer that stalls for SECS (default 10)\n"
	       "      --wait=SECS      give up if no sender comes within SECS (default:\n"
	       "                       wait forever)\n"
	       "  -q, --quiet          do not announce the PID or print notices;\n"
	       "                       -qq: no error messages either\n"
	       "  -v, --verbose        print a summary and the XXH3 of each file received\n"
	       "      --progress       show progress even when stderr is not a terminal\n"
	       "      --no-progress    never show progress\n"
	       "  -n, --numeric        progress as one number per line: percent, or bytes\n"
	       "                       when the size is not known\n"
	       "  -h, --help           display this help and exit\n"
	       "  -V, --version        output version information and exit\n\n");
	printf("Exit status: 0 transfer verified and written, 64 usage error, 65 data\n"
	       "error, 69 sender vanished, 70 internal error, 73 cannot create output,\n"
	       "74 I/O error, 75 timeout, 76 protocol error, 77 permission denied.\n"
	       "See sigrecv(1) and minitalk(7).\n");
}

/* Atomically: a script that sees the file may send at once.  Its
 * directory is reached through no link of another user in a sticky
 * directory (safepath.h) and kept open, so that the file is made, and
 * removed at exit, where it was checked; the name itself is replaced by
 * rename, never followed.  pidfile.h says what it holds. */
static int write_pid_file(const char *path)
{
	char text[64], tmp[NAME_MAX + 1];
	unsigned char rnd[4];
	int fd = -1, ok, len, i, saved;

	if ((len = pidfile_text(text, sizeof text)) < 0 ||
	    (pid_dirfd = safepath_walk(path, pid_name, 0)) < 0)
		return -1;
	if (!strcmp(pid_name, ".")) {
		errno = EISDIR;
		return -1;
	}
	for (i = 0; i < 100 && fd < 0; i++) {
		if (os_random(rnd, sizeof rnd) < 0)
			return -1;
		snprintf(tmp, sizeof tmp, ".%.200s.%02x%02x%02x%02x", pid_name, rnd[0], rnd[1],
		         rnd[2], rnd[3]);
		fd = openat(pid_dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		            0644);
		if (fd < 0 && errno != EEXIST)
			return -1;
	}
	if (fd < 0)
		return -1;
	ok = fchmod(fd, 0644) == 0 && write(fd, text, (size_t)len) == len &&
	     close(fd) == 0 && renameat(pid_dirfd, tmp, pid_dirfd, pid_name) == 0;
	if (!ok) {
		saved = errno;
		unlinkat(pid_dirfd, tmp, 0);
		errno = saved;
	}
	return ok ? 0 : -1;
}

/* The pid file and the name say the receiver is there: remove both. */
static void withdraw(void)
{
	if (pid_file && pid_dirfd >= 0)
		unlinkat(pid_dirfd, pid_name, 0);
	names_unregister(&reg);
	recv_withdraw();
}

/* -N: fails like -P does, after the pid file is written. */
static int register_name(const char *name)
{
	char dir[PATH_MAX];
	pid_t holder;
	int errnum;
	mt_err e = names_register(&reg, name, &holder, &errnum);

	if (e == MT_ENAMETAKEN && holder > 0)
		cli_error(name, "%s (PID %ld)", mt_strerror(e), (long)holder);
	else if (e == MT_ENAMETAKEN)
		cli_error(name, "%s", mt_strerror(e));
	else if (e != MT_OK)
		cli_error(names_dir(dir, sizeof dir) == 0 ? dir : name, "%s",
		          errnum ? strerror(errnum) : mt_strerror(e));
	return e == MT_OK ? 0 : mt_exit_code(e);
}

/* recv_setup failed: its registration's directory, or the signals. */
static int setup_failed(mt_err e, int errnum)
{
	char dir[PATH_MAX];

	if (e == MT_ENAMEDIR || e == MT_ECREATE)
		cli_error(names_dir(dir, sizeof dir) == 0 ? dir : NULL, "%s",
		          errnum ? strerror(errnum) : mt_strerror(e));
	else
		cli_error(NULL, "cannot set up signal handling");
	return e == MT_EINTERNAL ? EXIT_INTERNAL : mt_exit_code(e);
}

/* The receiver's session callback: --list shows it busy or idle. */
static void on_session(void *ctx, pid_t peer)
{
	(void)ctx;
	names_set_busy(&reg, peer);
}

/* Refuse early what would fail at the end: an existing output without
 * --force, or a directory we cannot write.  A device or FIFO is written
 * in place (sigrecv -o /dev/null), never replaced; in a sticky directory
 * (/tmp) not another user's, nor through another user's link (out.h). */
static int check_output(const char *out, int force)
{
	struct stat st;
	char *d;
	int r;

	if ((r = safepath_stat(out, &st)) < 0 && errno != ENOENT) {
		cli_error(out, "%s", strerror(errno));
		return -1;
	}
	if (r == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		if (!S_ISDIR(st.st_mode))
			return 0;
		cli_error(out, "%s", strerror(EISDIR));
		return -1;
	}
	if (!force && r == 0) {
		cli_error(out, "%s", mt_strerror(MT_EEXIST));
		return -1;
	}
	if (!(d = strdup(out)))
		return -1;
	r = access(dirname(d), W_OK | X_OK);
	free(d);
	if (r < 0) {
		cli_error(out, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* -d DIR: a DIR that does not exist yet is made, private to this user
 * like the name directory, and only its last component, as mkdir does:
 * a mistyped parent is reported, not built.  It is reached through no
 * link of another user in a sticky directory (safepath.h). */
static int check_dir(const char *dir)
{
	int fd;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		cli_error(dir, "%s", strerror(errno));
		return -1;
	}
	if ((fd = safepath_walk(dir, NULL, 0)) < 0 || close(fd) < 0 ||
	    access(dir, W_OK | X_OK) < 0) {
		cli_error(dir, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

static void report(mt_err e, const struct recv_result *r)
{
	char who[48];

	if (cli_quiet > 1)
		return;
	snprintf(who, sizeof who, "sender %ld", (long)r->peer);
	cli_error(*r->what ? r->what : r->peer ? who : NULL, "%s",
	          r->errnum ? strerror(r->errnum) :
	          e == MT_ETIMEOUT && !r->peer ? "no sender came (timeout)" :
	          e == MT_ETIMEOUT ? "sender went silent (timeout)" :
	          e == MT_EGONE ? "sender exited before completing the transfer" :
	          mt_strerror(e));
}

static void summary(const struct recv_result *r, double secs)
{
	char what[64];
	char tail[64];

	snprintf(what, sizeof what, "bytes from sender %ld", (long)r->peer);
	if (r->unit)
		snprintf(tail, sizeof tail, ", fast transport (%u bytes per signal), XXH3 verified",
		         r->unit);
	else
		snprintf(tail, sizeof tail, ", XXH3 verified");
	cli_summary(r->bytes_out, what, r->wire_bits, secs, 0, tail);
	if (r->status >= 0)
		fprintf(stderr, "%s: replied %llu bytes; the command's status %d\n", cli_prog,
		        (unsigned long long)r->reply_bytes, r->status);
}

/* Hash lines of a verified transfer are shown; others are dropped. */
static void print_hashes_if(int show)
{
	if (show)
		cli_print_hashes();
	else
		cli_hash_drop();
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "directory", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "exec", required_argument, NULL, 'e' },
		{ "echo", no_argument, NULL, OPT_ECHO },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "pid-file", required_argument, NULL, 'P' },
		{ "name", required_argument, NULL, 'N' },
		{ "timeout", required_argument, NULL, 'w' },
		{ "wait", required_argument, NULL, OPT_WAIT },
		CLI_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct recv_opts o = { .timeout_ms = 10000, .wait_ms = -1 };
	struct recv_result r;
	const char *name = NULL;
	char q[200];
	int c, keep = 0, status, echo = 0, errnum;
	mt_err e;
	/* First of all: the session key will live in this memory. */
	int begun = cli_begin("sigrecv", argv);

	if (begun)
		return begun;
	while ((c = getopt_long(argc, argv, "o:d:e:fkP:N:w:hV" CLI_COMMON_OPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 'd': o.dir = optarg; break;
		case 'f': o.force = 1; break;
		case 'e': o.exec = optarg; break;
		case OPT_ECHO: o.exec = "cat"; echo = 1; break;
		case OPT_WAIT:
			if ((o.wait_ms = cli_parse_secs(optarg)) < 0)
				cli_usage_error("invalid wait: '%s'", cli_quote(optarg, q, sizeof q));
			break;
		case 'k': keep = 1; break;
		case 'P': pid_file = optarg; break;
		case 'N':
			if (!names_valid(optarg))
				cli_usage_error("invalid name: '%s' (1 to %d of A-Z a-z 0-9 . _ -, not "
				                "starting with . or -, not all digits)",
				                cli_quote(optarg, q, sizeof q), NAMES_MAX);
			name = optarg;
			break;
		case 'w':
			if ((o.timeout_ms = cli_parse_secs(optarg)) < 0)
				cli_usage_error("invalid timeout: '%s'", cli_quote(optarg, q, sizeof q));
			break;
		case 'h': usage(); return cli_flush_stdout();
		case 'V': cli_version(); return cli_flush_stdout();
		default:
			if (cli_common_option(c))
				break;
			fprintf(stderr, "Try '%s --help' for more information.\n", cli_prog);
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		cli_usage_error("extra operand: '%s'", cli_quote(argv[optind], q, sizeof q));
	if (o.output && o.dir)
		cli_usage_error("cannot use -o with -d");
	if (o.exec && (o.output || o.dir))  /* the payload goes to the command */
		cli_usage_error("cannot use %s with %s", echo ? "--echo" : "-e",
		                o.output ? "-o" : "-d");
	if (o.output && check_output(o.output, o.force) < 0)
		return EXIT_CANTCREAT;
	if (o.dir && check_dir(o.dir) < 0)
		return EXIT_CANTCREAT;
	signal(SIGPIPE, SIG_IGN);  /* a closed pipe is a write error we report */
	cli_catch_signals();
	if ((e = recv_setup(&errnum)) != MT_OK) {
		recv_withdraw();  /* not withdraw(): the pid file is not ours yet */
		return setup_failed(e, errnum);
	}
	if (pid_file && write_pid_file(pid_file) < 0) {
		cli_error(pid_file, "%s", strerror(errno));
		pid_file = NULL;
		return EXIT_CANTCREAT;
	}
	if (name && (status = register_name(name)) != 0) {
		withdraw();
		return status;
	}
	if (!cli_quiet)
		fprintf(stderr, "%s: PID %ld, waiting for a sender\n", cli_prog, (long)getpid());
	if (cli_verbose)
		o.file_done = cli_hash_done;
	o.progress = cli_progress;
	if (name)
		o.session = on_session;
	do {
		e = recv_session(&o, &r);
		cli_progress_end();
		if (e != MT_OK && e != MT_EINTR)
			report(e, &r);
		if (e == MT_OK && cli_verbose && !cli_quiet)
			summary(&r, (double)(mt_now_ms() - r.start_ms) / 1000);
		print_hashes_if(e == MT_OK && cli_verbose && !cli_quiet);
		/* A broken output cannot serve the next transfer either. */
	} while (keep && e != MT_EINTR && !(e == MT_EWRITE && !o.output && !o.dir) &&
	         !(e == MT_ETIMEOUT && !r.peer) &&  /* --wait: idle that long */
	         e != MT_ENOMEM && e != MT_EINTERNAL);
	withdraw();
	if (e == MT_EINTR)
		cli_reraise();
	status = mt_exit_code(e);
	return status;
}
