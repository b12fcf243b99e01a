/* cli.h - what both command-line programs share: messages in the
 * "prog: object: reason" form, number parsing, signal-driven cleanup. */
#ifndef CLI_H
#define CLI_H

#include "mt.h"

extern const char *cli_prog;
extern int cli_quiet;          /* -q */

void cli_error(const char *object, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A usage error: the message, the --help hint, exit 64. */
_Noreturn void cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void cli_version(void);
/* Seconds as a decimal number in (0, 1e6]; returns milliseconds, or -1. */
int cli_parse_secs(const char *s);
/* Catch INT/TERM/HUP into mt_stop_signal, so the core can clean up. */
void cli_catch_signals(void);
/* After cleanup: die of the signal that stopped us, as the shell expects. */
void cli_reraise(void);

#endif
