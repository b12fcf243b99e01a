/* link.c - signals: setup, sending (with the backlog of what came in
 * while a send waited for room), CPU placement, all through the platform
 * seam (os.h).  Waiting for signals is in link_wait.c, the checks of the
 * peer in link_peer.c, the transports in link_bit.c and link_word.c, the
 * receiver's session loop in link_serve.c. */
#include "link_int.h"
#include "link_sig.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <time.h>

#include "os.h"

mt_err link_setup(unsigned roles, int *errnum)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, LINK_SIGWORD, LINK_SIGDATA };

	if (os_sig_setup(sigs, sizeof sigs / sizeof *sigs) < 0)
		return MT_EINTERNAL;
	return link_declare(roles, errnum);
}

static mt_err send_err(void)
{
	return errno == ESRCH ? MT_EGONE : errno == EPERM ? MT_EPERM :
	       errno == EINTR ? MT_EINTR : MT_EINTERNAL;
}

mt_err link_send_bit(struct link *l, int bit)
{
	if (os_proc_kill(&l->proc, bit ? SIGUSR2 : SIGUSR1) < 0)
		return send_err();
	l->signals++;
	l->wire_bits++;
	return MT_OK;
}

/* Signals taken in while a send waited for room in the queue, oldest
 * first; link_wait hands them out before any new one. */
#define BACKLOG 4096  /* a window of frames in 8-byte signals, and more */
static struct os_sig backlog[BACKLOG];
static unsigned bl_head, bl_len;

void link_backlog_clear(void)
{
	bl_head = bl_len = 0;
}

/* RLIMIT_SIGPENDING counts the signals pending for the user, ours too:
 * a side that waits for room while the peer's signals (or our own tick)
 * sit in its queue would wait forever.  Take them in (the tick is only a
 * clock: dropped). */
static void drain(void)
{
	struct os_sig s;

	while (bl_len < BACKLOG && os_sig_wait(&s, 0) > 0)
		if (s.signo != SIGALRM)
			backlog[(bl_head + bl_len++) % BACKLOG] = s;
}

int link_backlog_take(struct os_sig *s)
{
	if (!bl_len)
		return 0;
	*s = backlog[bl_head];
	bl_head = (bl_head + 1) % BACKLOG;
	bl_len--;
	return 1;
}

/* A queued signal with our true si_pid.  EAGAIN means the queue limit
 * is reached: take in what is queued for us, yield to the receiver so
 * that it drains, then try again. */
static mt_err queue(const struct link *l, const uint8_t *p, size_t n)
{
	int64_t since = 0;
	unsigned tries = 0;
	struct timespec nap = { 0, 200000 };

	while (os_proc_queue(&l->proc, LINK_SIGDATA, p, n) < 0) {
		if (errno == EINTR && !mt_stop_signal)
			continue;
		if (errno != EAGAIN)
			return send_err();
		if (mt_stop_signal)
			return MT_EINTR;
		drain();
		if (!since)
			since = mt_now_ms();
		if (++tries % 64) {
			sched_yield();
			continue;
		}
		if (!link_alive(l))
			return MT_EGONE;
		if (mt_now_ms() - since > l->timeout_ms)
			return MT_ETIMEOUT;
		nanosleep(&nap, NULL);
	}
	return MT_OK;
}

mt_err link_send_data(struct link *l, const uint8_t *p, size_t n)
{
	l->signals++;
	l->wire_bits += 8 * (n < LINK_WIDE ? n : LINK_WIDE);
	return queue(l, p, n < LINK_WIDE ? n : LINK_WIDE);
}

int link_pin(int cpu)
{
	return os_pin(cpu);
}

void link_unpin(void)
{
	os_unpin();
}
