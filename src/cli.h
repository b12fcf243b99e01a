/* cli.h - what both command-line programs share: messages in the
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
void cli_version(void);
/* Per-file hash lines, kept until the transfer is confirmed, then printed
 * as "XXH3_<hex>  NAME" (the form of xxhsum -H3) by cli_print_hashes. */
void cli_hash_done(void *ctx, const char *name, uint64_t bytes, uint64_t hash);
void cli_print_hashes(void);
void cli_hash_drop(void);
/* "1.5 KiB" style sizes and rates, as pv prints them. */
const char *cli_size(double bytes, char *buf, size_t n);
/* Seconds as a decimal number in (0, 1e6]; returns milliseconds, or -1. */
int cli_parse_secs(const char *s);
/* Catch INT/TERM/HUP into mt_stop_signal, so the core can clean up. */
void cli_catch_signals(void);
/* After cleanup: die of the signal that stopped us, as the shell expects. */
void cli_reraise(void);

#endif
