/* link_wait.c - waiting for signals: a bit, a word or the deadline, on
 * a 5 ms tick while a transfer runs.  What link.c took in while a send
 * waited for room (its backlog) comes first. */
#include "link_int.h"
#include "link_sig.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "os.h"

/* Timed waits: a timed wait arms a kernel timer every time it sleeps,
 * which costs a tenth of a round trip.  Instead a 5 ms interval
 * timer (SIGALRM, blocked and waited for with the bits) runs while a
 * timed wait is in progress, and the wait itself has no timer. */
#define TICK_US 5000
static int ticking;

static void tick(int on)
{
	struct itimerval it = { { 0, on ? TICK_US : 0 }, { 0, on ? TICK_US : 0 } };

	if (on != ticking && setitimer(ITIMER_REAL, &it, NULL) == 0)
		ticking = on;
}

/* Wait for a bit, a word or the deadline (< 0: none), retried on EINTR
 * unless a terminating signal asked us to stop.  With ticks (during a
 * transfer) the deadline is seen at the next SIGALRM; without (a receiver
 * idle between senders) one timed wait sleeps until it, so that an idle
 * receiver is not woken 200 times a second and does not look busy to a
 * sender waiting in line. */
static int wait_bit(int64_t deadline, struct os_sig *s, int ticks)
{
	int64_t left;
	int r;

	tick(ticks && deadline >= 0);
	for (;;) {
		if (mt_stop_signal)
			return -1;
		left = deadline < 0 ? -1 : deadline - mt_now_ms();
		if (left >= 0 && (left == 0 || !ticks))
			r = os_sig_wait(s, left > INT_MAX ? INT_MAX : (int)left);
		else if (left < 0 && deadline >= 0)
			r = os_sig_wait(s, 0);  /* past the deadline, still take what is there */
		else
			r = os_sig_wait(s, -1);
		if (r == 0)
			return 0;
		if (r > 0 && s->signo == SIGALRM)
			continue;
		if (r > 0)
			return 1;
		if (errno != EINTR)
			return -1;
	}
}

static int64_t deadline_of(int ms)
{
	return ms < 0 ? -1 : mt_now_ms() + ms;
}

_Static_assert(LINK_WIDE == OS_WIDE, "a data signal is all a queued signal carries");

int link_wait(const struct link *l, int ms, struct link_msg *m)
{
	int64_t deadline = deadline_of(ms);
	struct os_sig s;
	int r;

	while ((r = link_backlog_take(&s) ? 1 : wait_bit(deadline, &s, 1)) > 0) {
		switch (link_take(s.signo, s.code, s.pid, l->pid)) {
		case LINK_DATA:
			memcpy(m->data, s.data, LINK_WIDE);
			return LINK_DATA;
		case LINK_BIT:
			m->bit = s.signo == SIGUSR2;
			return LINK_BIT;
		default:
			break;  /* a stray, or forged: ignored */
		}
	}
	return r;
}

int link_wait_first(int ms, pid_t *pid)
{
	int64_t deadline = deadline_of(ms);
	struct os_sig s;
	int r;

	while ((r = wait_bit(deadline, &s, 0)) > 0) {
		if (!link_take_first(s.signo, s.code))
			continue;
		*pid = s.pid;
		return LINK_BIT;
	}
	return r;
}

int link_quiet(const struct link *l, int ms)
{
	int64_t deadline = deadline_of(ms);
	struct os_sig s;
	int r, heard = 0;

	link_backlog_clear();
	while ((r = wait_bit(deadline, &s, 1)) > 0)
		heard |= link_take(s.signo, s.code, s.pid, l->pid) == LINK_BIT;
	return r < 0 ? r : heard;
}
