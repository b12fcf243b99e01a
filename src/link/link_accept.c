/* link_accept.c - what a link takes in: which signals, by number, si_code
 * and si_pid, and which of the fast transport's records.  Each decision
 * is a pure function, made at one place (its caller named on each), so
 * that tests/unit_accept.c pins every check of it on its own, whatever
 * other check stands behind it. */
#include "link_int.h"

#include <signal.h>

/* kill(2) and tgkill(2) set si_pid themselves, while a queued signal
 * (rt_sigqueueinfo) may carry whatever si_pid its sender wrote: os.h
 * tells which is which. */
static int stamped(int code)
{
	return os_stamped(code);
}

/* link_wait_first: an idle receiver opens a session only on a frame's
 * first bit, always a 0 (a 1 is a late FIN or a stray), and only on a
 * kernel-stamped one, since si_pid names the process it will answer. */
int link_take_first(int signo, int code)
{
	if (signo != SIGUSR1)
		return 0;
	return stamped(code);
}

/* link_wait: in a session, only the peer is heard.  A bit counts only if
 * the kernel stamped it; a data signal has its payload only if it was
 * queued (a kill(2) of 41 carries none).  No word on 40 is taken: classic
 * control rides on stamped bits, and the fast words have their own
 * reader (link_word_rx.c). */
int link_take(int signo, int code, pid_t pid, pid_t peer)
{
	if (pid != peer)
		return 0;  /* a stray */
	if (signo == LINK_SIGDATA) {
		if (!os_queued(code))
			return 0;
		return LINK_DATA;
	}
	if (signo != SIGUSR1 && signo != SIGUSR2)
		return 0;
	if (!stamped(code))
		return 0;  /* a forged bit */
	return LINK_BIT;
}

/* settle: a verdict is taken only for the oldest frame in flight (they
 * come in order), and never one with no status (0 is no verdict). */
int link_take_verdict(uint64_t arg, uint16_t oldest)
{
	return (uint16_t)(arg >> 16) == oldest && (uint8_t)(arg >> 8) != 0;
}

/* on_record: a TURN is new only if it is the next one; an older one is a
 * resend of a TURN we took already. */
int link_take_turn(uint64_t arg, unsigned turns)
{
	return arg == (uint64_t)turns + 1;
}
