/* nopad.c - LD_PRELOAD shim for tests: a receiver that keeps the 32 bytes
 * of a queued signal from si_value on, in si_uid and in si_errno, but not
 * the padding after si_code (a 32-bit system has none; an older build
 * never read it), so not the 36 the fast transport probes for.  Data
 * signals (41) arrive with those 4 bytes cleared. */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <string.h>

#define PAD_AT (offsetof(siginfo_t, si_code) + sizeof(int))

static void on_wait(int sig, siginfo_t *si)
{
	if (sig == 41 && si)
		memset((char *)si + PAD_AT, 0, offsetof(siginfo_t, si_pid) - PAD_AT);
}

#include "waits.h"
