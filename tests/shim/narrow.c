/* narrow.c - LD_PRELOAD shim for tests: a system whose queued signals
 * deliver only the POSIX sigqueue value (8 bytes), not the 24 bytes the
 * fast transport probes for.  Data signals (41) lose all bytes past the
 * first 8 of si_value on their way in. */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <string.h>

static void on_wait(int sig, siginfo_t *si)
{
	if (sig == 41 && si)
		memset((char *)si + offsetof(siginfo_t, si_value) + 8, 0, 16);
}

#include "waits.h"
