/* peer.c - the judgement of a would-be peer; see peer.h. */
#include "peer.h"

#include <errno.h>
#include <signal.h>

#include "link_int.h"  /* the signals' numbers */

/* The word signals only where this build has words: a portable
 * receiver catches the classic pair alone. */
uint64_t peer_signals(void)
{
	uint64_t words = 1ULL << (LINK_SIGWORD - 1) | 1ULL << (LINK_SIGDATA - 1);

	return 1ULL << (SIGUSR1 - 1) | 1ULL << (SIGUSR2 - 1) | (os_words ? words : 0);
}

/* The kernel lets a process signal another whose real or saved uid is its
 * real or effective uid (or with CAP_KILL): can the peer signal us back?
 * Root sending to a user's receiver gets no answer, and is told so at
 * once instead of waiting for the timeout. */
static int can_answer(const struct peer_facts *f)
{
	return f->euid == 0 || f->uid == f->our_uid || f->uid == f->our_suid ||
	       f->euid == f->our_uid || f->euid == f->our_suid;
}

mt_err peer_judge(const struct peer_facts *f)
{
	if (f->kill_errno)
		return f->kill_errno == EPERM ? MT_EPERM : MT_ENOPEER;
	if (f->proc) {
		if (f->state == 'Z' || f->state == 'X')
			return MT_ENOPEER;
		if (f->other_ns)
			return MT_EOTHERNS;
		/* Caught, not merely blocked: a shell blocks every signal while
		 * it forks, and would die of SIGUSR1 a moment later.  What it is
		 * comes first: root's look at a user's sleep is not told the
		 * sleep cannot answer. */
		if ((f->caught & peer_signals()) != peer_signals())
			return MT_ENOTRECV;
		if (!can_answer(f))
			return MT_ENOANSWER;
	}
	/* Catching them is not enough: an interactive bash and top do, and
	 * die of them.  Only the lock proves a minitalk process. */
	if (f->proof != PEER_PROOF_HELD)
		return MT_ENOTRECV;
	return MT_OK;
}
