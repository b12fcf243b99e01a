/* orphans.c - find, signal and reap what commands leave behind (see
 * orphans.h).  Only ever our own children are signalled: a child's PID
 * cannot be reused before it is reaped, and only we reap our children. */
#include "orphans.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os.h"

#define MAX_KIDS 256              /* children signalled per look at them */

void orphans_adopt(void)
{
	(void)os_adopt_orphans();
}

int orphans_any(void)
{
	siginfo_t si;

	return !(waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == ECHILD);
}

/* Look before reaping (WNOWAIT): keep's status is not ours to take. */
void orphans_reap(pid_t keep)
{
	siginfo_t si;

	for (;;) {
		si.si_pid = 0;
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == EINTR)
			continue;
		if (si.si_pid == 0 || si.si_pid == keep)
			return;
		(void)waitpid(si.si_pid, NULL, WNOHANG);
	}
}

void orphans_signal(int sig, pid_t *done, size_t *ndone, size_t cap)
{
	pid_t kids[MAX_KIDS];
	int got = os_children(kids, MAX_KIDS);
	size_t n = got < 0 ? 0 : (size_t)got, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; done && j < *ndone && done[j] != kids[i]; j++)
			;
		if (done && j < *ndone)
			continue;
		(void)kill(kids[i], sig);
		if (sig == SIGTERM)
			(void)kill(kids[i], SIGCONT);
		if (done && *ndone < cap)
			done[(*ndone)++] = kids[i];
	}
}
