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
#include <xxhash.h>
#define WIRE_NAME_LINE 320
#include <zlib.h>

const char *cli_prog = "minitalk";
int cli_quiet;
int cli_verbose;

static char *hashes;
static size_t hashes_len;

void cli_error(const char *object, const char *fmt, ...)
{
	va_list ap;

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
	printf("%s (%s) %s\n", cli_prog, PACKAGE_NAME, PACKAGE_VERSION);
	printf("Protocol version 1; zlib %s, xxHash %u.\n", zlibVersion(),
	       XXH_versionNumber());
	printf("License MIT: free to use, change and share; no warranty.\n");
}

void cli_hash_done(void *ctx, const char *name, uint64_t bytes, uint64_t hash)
{
	char line[WIRE_NAME_LINE];
	int n;
	char *p;

	(void)ctx;
	(void)bytes;
	n = snprintf(line, sizeof line, "XXH3_%016llx  %s\n", (unsigned long long)hash,
	             *name ? name : "stdin");
	if (n < 0 || !(p = realloc(hashes, hashes_len + (size_t)n + 1)))
		return;
	hashes = p;
	memcpy(hashes + hashes_len, line, (size_t)n + 1);
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
