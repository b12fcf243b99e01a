/* cli.c - messages and helpers shared by sigsend and sigrecv. */
#include "config.h"
#include "cli.h"

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

int cli_progress_mode = PROG_AUTO;

#define WINDOW 5  /* samples, one a second: the rate is over the last 5 s */

static struct {
	int active, drawn;
	int64_t start, last;
	uint64_t done, total;
	int64_t t[WINDOW];
	uint64_t b[WINDOW];
	int n;
} prog;

static void hms(char *buf, size_t n, int64_t secs)
{
	if (secs > 3599999)  /* 999:59:59: the figure means "a long time" */
		secs = 3599999;
	snprintf(buf, n, "%d:%02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60),
	         (int)(secs % 60));
}

/* Append s to the line t (of room cap), as far as it fits. */
static void put(char *t, size_t cap, const char *s)
{
	size_t l = strlen(t);

	snprintf(t + l, cap - l, "%s", s);
}

/* The line must stay narrower than the terminal: one that reaches the
 * last column wraps, and every redraw then leaves a line behind.  So, as
 * pv does, the parts go in turn until it fits: the bar, the ETA, the
 * elapsed time, the rate; then it is cut. */
size_t cli_progress_format(char *buf, size_t n, int width, uint64_t done, uint64_t total,
                           int64_t secs, double rate)
{
	char t[512], size[32], rs[32], r[48], el[32], eta[32], tail[64], bar[256];
	int pct = -1, lvl, k, fill;
	size_t max = width > 1 ? (size_t)width - 1 : 1, len;

	if (!n)
		return 0;
	if (total == 0)
		pct = 100;  /* nothing to send is all sent */
	else if (total != UINT64_MAX)
		pct = (int)(done >= total ? 100 : done * 100 / total);
	cli_size((double)done, size, sizeof size);
	hms(el, sizeof el, secs);
	snprintf(r, sizeof r, " [%s/s]", cli_size(rate, rs, sizeof rs));
	if (pct >= 0 && rate > 0 && pct < 100)
		hms(eta, sizeof eta, (int64_t)((double)(total - done) / rate + 0.5));
	else
		snprintf(eta, sizeof eta, "%s", pct < 100 ? "-:--:--" : "0:00:00");
	for (lvl = 0;; lvl++) {
		snprintf(t, sizeof t, "%s", size);
		if (lvl < 3) {
			put(t, sizeof t, " ");
			put(t, sizeof t, el);
		}
		if (lvl < 4)
			put(t, sizeof t, r);
		tail[0] = '\0';
		if (pct >= 0 && lvl < 2)
			snprintf(tail, sizeof tail, " %3d%% ETA %s", pct, eta);
		else if (pct >= 0)
			snprintf(tail, sizeof tail, " %3d%%", pct);
		if (lvl == 0) {  /* the bar: " [", what is left, "]" */
			if (pct < 0 || max < strlen(t) + strlen(tail) + 3 + 4)
				continue;
			k = (int)(max - strlen(t) - strlen(tail) - 3);
			k = k < (int)sizeof bar - 1 ? k : (int)sizeof bar - 1;
			fill = k * pct / 100;
			memset(bar, '=', (size_t)fill);
			memset(bar + fill, ' ', (size_t)(k - fill));
			if (fill > 0 && fill < k)
				bar[fill - 1] = '>';
			bar[k] = '\0';
			put(t, sizeof t, " [");
			put(t, sizeof t, bar);
			put(t, sizeof t, "]");
		}
		put(t, sizeof t, tail);
		if (strlen(t) <= max || lvl == 4)
			break;
	}
	len = strlen(t);
	len = len < max ? len : max;
	len = len < n - 1 ? len : n - 1;
	memcpy(buf, t, len);
	buf[len] = '\0';
	return len;
}

static void draw(int64_t now, int final)
{
	char line[512];
	double r = 0;
	int i = prog.n % WINDOW, o, width = 80;
	size_t len;
	struct winsize ws;

	prog.t[i] = now;  /* the newest sample; o is the oldest one kept */
	prog.b[i] = prog.done;
	prog.n++;
	o = prog.n > WINDOW ? prog.n % WINDOW : 0;
	if (prog.t[i] > prog.t[o] && !final)
		r = (double)(prog.b[i] - prog.b[o]) * 1000 / (double)(prog.t[i] - prog.t[o]);
	else if (now > prog.start)  /* the last line gives the average */
		r = (double)prog.done * 1000 / (double)(now - prog.start);
	if (cli_progress_mode == PROG_NUMERIC) {
		if (prog.total == 0 || prog.total == UINT64_MAX)
			fprintf(stderr, "%llu\n", (unsigned long long)prog.done);
		else
			fprintf(stderr, "%d\n", (int)(prog.done >= prog.total ? 100 :
			                               prog.done * 100 / prog.total));
		return;
	}
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		width = ws.ws_col;
	len = cli_progress_format(line, sizeof line, width, prog.done, prog.total,
	                          (now - prog.start) / 1000, r);
	/* Blanks to the line's end erase what a longer line left there. */
	fprintf(stderr, "\r%s%*s", line, width - 1 > (int)len ? width - 1 - (int)len : 0, "");
	prog.drawn = 1;
}

/* A line a second; MINITALK_PROGRESS_MS (not documented: for the tests)
 * sets another interval, so that a test can see every figure however
 * fast the transfer. */
static int64_t interval_ms(void)
{
	static int64_t ms = -1;
	const char *e;

	if (ms < 0)
		ms = (e = getenv("MINITALK_PROGRESS_MS")) && *e ? strtol(e, NULL, 10) : 1000;
	return ms < 0 ? 1000 : ms;
}

void cli_progress(void *ctx, uint64_t done, uint64_t total)
{
	static int64_t looked = -1000;  /* at the terminal: once a second */
	int64_t now = mt_now_ms();

	(void)ctx;
	if (!prog.active) {
		if (now - looked < 1000)
			return;
		looked = now;
		if (cli_progress_mode == PROG_OFF || (cli_progress_mode == PROG_AUTO &&
		    (cli_quiet || !isatty(STDERR_FILENO) ||
		     tcgetpgrp(STDERR_FILENO) != getpgrp())))
			return;
		memset(&prog, 0, sizeof prog);
		prog.active = 1;
		prog.start = prog.last = now;
	}
	prog.done = done;
	prog.total = total;
	if (now - prog.last >= interval_ms()) {
		prog.last = now;
		draw(now, 0);
	}
}

void cli_progress_end(void)
{
	if (prog.active) {
		draw(mt_now_ms(), 1);
		if (prog.drawn && cli_progress_mode != PROG_NUMERIC)
			fputc('\n', stderr);
	}
	memset(&prog, 0, sizeof prog);
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
