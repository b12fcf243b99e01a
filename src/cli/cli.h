/* src/cli/ - the two programs, sigsend and sigrecv, and what they share
 * (cli.c: messages, number parsing, progress, signal-driven cleanup) and
 * their bash completion.  They parse arguments, report and pick the exit
 * code; the work is the engine's.  The top floor: they may use the
 * engine through its face, src/engine/minitalk.h, and mt.h, nothing else
 * of minitalk, and nothing below may use them.
 *
 * cli.h - what both command-line programs share: messages in the
 * "prog: object: reason" form, number parsing, signal-driven cleanup. */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>
#include "mt.h"

extern const char *cli_prog;
extern int cli_quiet;          /* -q */
extern int cli_verbose;        /* -v */

void cli_error(const char *object, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A usage error: the message, the --help hint, exit 64. */
_Noreturn void cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* A program's first step: its name for messages (getopt's too, through
 * argv[0]), and its memory hidden before any session key is in it.  0,
 * or the exit status after an error message. */
int cli_begin(const char *prog, char **argv);
void cli_version(void);
/* After --help, --version or --list: what was printed must reach stdout,
 * as GNU's close_stdout insists.  0, or EXIT_IO after "write error:
 * REASON" (a full disk, /dev/full). */
int cli_flush_stdout(void);
/* s as an error message may show it: control characters and the quote
 * escaped (\n, \t, \x01), cut at about 40 characters with "...", in
 * buf (n bytes; 200 is enough). */
const char *cli_quote(const char *s, char *buf, size_t n);
/* Per-file hash lines, kept until the transfer is confirmed, then printed
 * as "XXH3 (NAME) = <hex>" by cli_print_hashes: xxhsum's BSD-style tag,
 * which xxhsum -H3 (0.8.1) prints and every xxhsum -c reads. */
void cli_hash_done(void *ctx, const char *name, uint64_t bytes, uint64_t hash);
void cli_print_hashes(void);
void cli_hash_drop(void);
/* The -v summary line, "prog: BYTES WHAT, W bytes on the wire (P%), TIME,
 * RATE/s", then the rate on the wire if asked, then tail.  TIME is "N ms"
 * under a second, else "S.SS s"; no rate under 10 ms. */
void cli_summary(uint64_t bytes, const char *what, uint64_t wire_bits, double secs,
                 int wire_rate, const char *tail);
/* "1.5 KiB" style sizes and rates, as pv prints them. */
const char *cli_size(double bytes, char *buf, size_t n);
/* Progress on stderr: a pv-style line redrawn about once a second, or
 * with -n one plain number per line (percent, or bytes if the total is
 * unknown).  PROG_AUTO shows the line only on a terminal, in the
 * foreground, without -q.  cli_progress is the core's callback. */
enum { PROG_AUTO, PROG_OFF, PROG_BAR, PROG_NUMERIC };
/* The pv-style line for a terminal width columns wide, into buf (n
 * bytes): DONE ELAPSED [RATE/s] [BAR] PCT% ETA H:MM:SS, or without the
 * percent, bar and ETA when total is UINT64_MAX (unknown).  It is always
 * narrower than width; the parts that do not fit are left out.  Returns
 * its length. */
size_t cli_progress_format(char *buf, size_t n, int width, uint64_t done, uint64_t total,
                           int64_t secs, double rate);

/* Options both programs take, with the same meaning. */
enum { OPT_PROGRESS = 256, OPT_NO_PROGRESS, OPT_PRIVATE };
#define CLI_COMMON_OPTS "qvn"
#define CLI_COMMON_LONGOPTS \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "numeric", no_argument, NULL, 'n' }, \
	{ "progress", no_argument, NULL, OPT_PROGRESS }, \
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS }
/* Apply one of those; returns 0 if c is not one of them. */
int cli_common_option(int c);
extern int cli_progress_mode;
void cli_progress(void *ctx, uint64_t done, uint64_t total);
void cli_progress_end(void);
/* Seconds as a decimal number in (0, 1e6]; returns milliseconds, or -1. */
int cli_parse_secs(const char *s);
/* Catch INT/TERM/HUP into mt_stop_signal, so the core can clean up. */
void cli_catch_signals(void);
/* After cleanup: die of the signal that stopped us, as the shell expects. */
void cli_reraise(void);

#endif
