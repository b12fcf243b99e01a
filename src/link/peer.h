/* peer.h - whether a process may be taken for a minitalk receiver (or
 * sender) and signalled: a pure judgement of facts that link_peer.c
 * gathers (kill(2), the system's description of it, os_describe, and the
 * registration files), so that
 * every check is pinned by a table (tests/unit_peer.c).  A fact that could
 * not be seen never counts in the process's favour. */
#ifndef PEER_H
#define PEER_H

#include <stdint.h>
#include <sys/types.h>
#include "mt.h"

/* The proof of a role: the process itself holds a write lock on its
 * registration file in the user's private directory (see link.h). */
enum peer_proof {
	PEER_PROOF_ABSENT,   /* no file, a stale one, or locked by another process */
	PEER_PROOF_HELD,     /* locked by the process itself */
	PEER_PROOF_UNKNOWN   /* could not be looked at (unreadable, unsafe directory) */
};

struct peer_facts {
	int kill_errno;          /* kill(pid, 0): 0, ESRCH or EPERM */
	int proc;                /* the system described it (os_describe); if
	                            not, the five fields below are unknown */
	char state;              /* R, S, T, Z, X, ... */
	uint64_t caught;         /* bit n-1 set if signal n is caught */
	uid_t uid, euid;         /* its real and effective uid */
	int other_ns;            /* it lives in a PID namespace below ours */
	uid_t our_uid, our_euid, our_suid;
	enum peer_proof proof;   /* of every role asked for */
};

/* MT_OK: a live process we may signal, that can signal us back, catches
 * every signal of the protocol, and proves the role.  Else why not:
 * MT_ENOPEER (gone, a zombie), MT_EPERM, MT_EOTHERNS, MT_ENOANSWER,
 * MT_ENOTRECV (not proven: absent or unknown alike). */
mt_err peer_judge(const struct peer_facts *f);

/* The signals a minitalk process catches, as a SigCgt mask. */
uint64_t peer_signals(void);

#endif
