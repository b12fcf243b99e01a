/* cli_progress.c - what sigsend and sigrecv show of a transfer as it
 * goes: the pv-style progress line (or the percentages of -n), redrawn
 * about once a second on stderr. */
#include "config.h"
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
