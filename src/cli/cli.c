/* cli.c - messages and helpers shared by sigsend and sigrecv; the
 * progress line is cli_progress.c's. */
#include "config.h"
#include "cli.h"
#include "os.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

const char *cli_prog = "minitalk";
int cli_quiet;
int cli_verbose;
int cli_progress_mode = PROG_AUTO;

static char *hashes;
static size_t hashes_len;

void cli_error(const char *object, const char *fmt, ...)
{
	va_list ap;

	if (cli_quiet > 1)  /* -qq: the exit status alone tells */
		return;
	fprintf(stderr, "%s: ", cli_prog);
	if (object)
		fprintf(stderr, "%s: ", object);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cli_prog);
	exit(EXIT_USAGE);
}

int cli_begin(const char *prog, char **argv)
{
	int hidden = os_hide_memory();

	cli_prog = prog;
	argv[0] = (char *)prog;  /* getopt's messages: "PROG: ...", not a path */
	if (hidden) {
		cli_error(NULL, "cannot hide this process's memory: %s", strerror(hidden));
		return EXIT_INTERNAL;
	}
	return 0;
}

void cli_version(void)
{
	unsigned x = XXH_versionNumber();  /* 801 is 0.8.1 */

	printf("%s (%s) %s\n", cli_prog, PACKAGE_NAME, PACKAGE_VERSION);
	printf("Protocol version 1; zlib %s, xxHash %u.%u.%u.\n", zlibVersion(),
	       x / 10000, x / 100 % 100, x % 100);
	printf("License MIT: free to use, change and share; no warranty.\n");
}

int cli_flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	cli_error(NULL, "write error%s%s", errno ? ": " : "", errno ? strerror(errno) : "");
	return EXIT_IO;
}

#define QUOTE_MAX 40  /* characters of a bad operand worth repeating */

const char *cli_quote(const char *s, char *buf, size_t n)
{
	size_t o = 0, i;
	unsigned char c;

	/* Past the limit, only the rest of a UTF-8 character: never half of one. */
	for (i = 0; s[i] && (i < QUOTE_MAX || ((unsigned char)s[i] & 0xc0) == 0x80) && o + 8 < n;
	     i++) {
		c = (unsigned char)s[i];
		if (c == '\n' || c == '\t' || c == '\\' || c == '\'')
			o += (size_t)snprintf(buf + o, n - o, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : c);
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(buf + o, n - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	if (s[i] && o + 4 <= n)
		o += (size_t)snprintf(buf + o, n - o, "...");
	buf[o < n ? o : n - 1] = '\0';
	return buf;
}

void cli_hash_done(void *ctx, const char *name, uint64_t bytes, uint64_t hash)
{
	const char *fmt = "XXH3 (%s) = %016llx\n";
	int n;
	char *p;

	(void)ctx;
	(void)bytes;
	name = *name ? name : "stdin";
	/* The sender's names are paths as given, of any length. */
	n = snprintf(NULL, 0, fmt, name, (unsigned long long)hash);
	if (n < 0 || !(p = realloc(hashes, hashes_len + (size_t)n + 1)))
		return;
	hashes = p;
	snprintf(hashes + hashes_len, (size_t)n + 1, fmt, name, (unsigned long long)hash);
	hashes_len += (size_t)n;
}

void cli_print_hashes(void)
{
	if (hashes)
		fputs(hashes, stderr);
	cli_hash_drop();
}

void cli_hash_drop(void)
{
	free(hashes);
	hashes = NULL;
	hashes_len = 0;
}

/* The clocks count whole milliseconds: a short transfer's time is told
 * in ms (never "0.00 s"), and its rate only from 10 ms on, where that
 * rounding is at most a tenth of it. */
void cli_summary(uint64_t bytes, const char *what, uint64_t wire_bits, double secs,
                 int wire_rate, const char *tail)
{
	char a[32], b[32];
	double wire = (double)((wire_bits + 7) / 8);

	fprintf(stderr, "%s: %llu %s, %.0f bytes on the wire (%.1f%%), ", cli_prog,
	        (unsigned long long)bytes, what, wire, bytes ? 100.0 * wire / (double)bytes : 0.0);
	if (secs < 1)
		fprintf(stderr, "%.0f ms", secs * 1000);
	else
		fprintf(stderr, "%.2f s", secs);
	if (secs >= 0.01) {
		fprintf(stderr, ", %s/s", cli_size((double)bytes / secs, a, sizeof a));
		if (wire_rate)
			fprintf(stderr, " (%s/s on the wire)", cli_size(wire / secs, b, sizeof b));
	}
	fprintf(stderr, "%s\n", tail);
}

const char *cli_size(double v, char *buf, size_t n)
{
	static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, n, u ? "%.1f%s" : "%.0f%s", v, units[u]);
	return buf;
}

int cli_common_option(int c)
{
	switch (c) {
	case 'q': cli_quiet++; return 1;
	case 'v': cli_verbose = 1; return 1;
	case 'n': cli_progress_mode = PROG_NUMERIC; return 1;
	case OPT_PROGRESS: cli_progress_mode = PROG_BAR; return 1;
	case OPT_NO_PROGRESS: cli_progress_mode = PROG_OFF; return 1;
	}
	return 0;
}

int cli_parse_secs(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v <= 0 || v > 1e6)
		return -1;
	return (int)(v * 1000 + 0.5) ? (int)(v * 1000 + 0.5) : 1;
}

static void on_stop(int sig)
{
	mt_stop_signal = sig;
}

void cli_catch_signals(void)
{
	struct sigaction sa;
	int sigs[] = { SIGINT, SIGTERM, SIGHUP }, i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;  /* no SA_RESTART: blocking calls return EINTR */
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, NULL);
}

void cli_reraise(void)
{
	int sig = mt_stop_signal;

	if (!sig)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}
