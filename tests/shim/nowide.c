/* nowide.c - LD_PRELOAD shim for tests: a receiver that keeps only the 24
 * bytes of a queued signal from si_value on (an older build, or a kernel
 * that fills si_errno and si_uid itself), not the 36 the fast transport
 * probes for.  Data signals (41) arrive with si_errno and si_uid cleared. */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <string.h>

static void on_wait(int sig, siginfo_t *si)
{
	if (sig == 41 && si) {
		si->si_errno = 0;
		si->si_uid = 0;
	}
}

#include "waits.h"
