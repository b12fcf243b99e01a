/* src/link/ - the link: everything about signals between two processes.
 * It owns the signals (setup, sending, waiting: link.c, link_wait.c), the
 * two transports (link_bit.c; link_word.c and link_word_rx.c), the
 * receiver's side of a session (link_serve.c), what it takes in
 * (link_accept.c), and who is on the other end: the checks of a peer
 * (link_peer.c, peer.c) and the per-user directory of receivers by name
 * (names.c).  It may use src/proto/ and mt.h (and, once it exists, the
 * platform seam src/os/), never src/engine/ or src/cli/.  Its face is
 * this file; link_int.h is for the link's own files.
 *
 * link.h - everything about signals, behind one interface: frames go in at
 * the sender and come out at the receiver, each answered by a verdict.
 * Two transports carry them:
 *   - the classic bit transport (link_bit.c): one bit per signal, SIGUSR1
 *     = 0 and SIGUSR2 = 1, each answered, one in flight;
 *   - the fast word transport (link_word.c): a frame as a stream of queued
 *     real-time signals carrying LINK_WIDE, LINK_VALUE or LINK_NARROW
 *     bytes each (whichever the probe finds intact),
 *     sealed with a tag keyed by the session's secret, the verdict and all
 *     control as keyed records on the same signal.
 * A session starts on bits (the HELLO frame negotiates the rest); the
 * sender switches to words with link_go_fast when both sides offer them.
 * Only the peer is heard: signals from any other process are dropped. */
#ifndef LINK_H
#define LINK_H

#include <stdint.h>
#include <sys/types.h>
#include "mt.h"
#include "os.h"
#include "wire.h"

struct link_rx;

struct link {
	pid_t pid;
	struct os_proc proc;     /* the peer held (os.h): pid, and a handle */
	int timeout_ms;          /* the peer silent this long: give up */
	unsigned unit;           /* 0: bits; else bytes per queued signal */
	uint64_t signals;        /* signals sent */
	uint64_t wire_bits;      /* the payload bits they carried */
	uint64_t heard_bits;     /* receiver: payload bits of signals received */
	uint64_t queries;        /* sender: lost signals recovered */
	uint64_t resyncs;        /* sender: frames sent again */
	/* sender */
	int connected;           /* the receiver has answered us */
	int said_waiting;
	int64_t last_answer;
	unsigned qid;            /* the last position query */
	uint16_t txseq;          /* the sequence number of our next frame */
	uint64_t key;            /* the fast transport's: binds words to the session */
	unsigned turns;          /* fast transport: TURNs given and taken */
	uint64_t pings;          /* fast transport: keepalives sent */
	uint64_t frames_sent;    /* frames given to link_xmit */
	uint64_t frames_acked;   /* the first this many have their verdicts (on
	                            words, DATA frames may be in flight) */
	int turned;              /* the peer handed us the turn to send */
	int fresh_turn;          /* bits: ...and has not yet answered us since */
	int64_t knocked;         /* bits: when our last knock went, 0 if a frame since */
	void (*waiting)(void *ctx);  /* we wait in line (once); may be NULL */
	int said_stopped;
	void (*stopped)(void *ctx);  /* the peer is stopped (once); may be NULL */
	void *ctx;
	/* receiver */
	struct link_rx *rx;
};

/* Bytes a queued signal carries (os_proc_queue): all the kernel keeps
 * of what it was given of siginfo but si_signo, si_code and si_pid (36 on
 * 64-bit Linux); without the padding after si_code (32-bit systems, and
 * builds before 36-byte words) 32; where si_errno and si_uid are filled
 * by the kernel, or in the oldest builds, only the 24 from si_value on;
 * POSIX sigqueue only si_value. */
#define LINK_WIDE   36
#define LINK_MID    32
#define LINK_VALUE  24
#define LINK_NARROW 8

/* Roles a process declares (link_setup) and a peer must hold (link_open). */
#define LINK_SENDER   1u
#define LINK_RECEIVER 2u

/* Block our signals and give them a handler too: a process sleeping in
 * the wait shows them unblocked to the system, but still caught.  Then
 * declare our roles: for each, a registration file .pid-PID.send or
 * .pid-PID.recv in the user's private directory (the names', names.h),
 * write-locked (fcntl) for the life of the process; a peer asks the
 * kernel who holds the lock (F_GETLK), on any UNIX-like, and needs to
 * read nothing of ours.  Catching SIGUSR1 and SIGUSR2 is not enough to be
 * taken for a minitalk process: an interactive bash and top catch them
 * too, and die of them.  MT_ENAMEDIR if the directory is not private,
 * MT_ECREATE with *errnum if it or a file cannot be made. */
mt_err link_setup(unsigned roles, int *errnum);
/* Remove the registration files (at exit; a file left by a process that
 * was killed is stale and proves nothing). */
void link_withdraw(void);
/* In a child after fork(): forget the registration files inherited (they
 * name the parent, and fcntl locks are not inherited), unremoved, so that
 * link_setup registers the child itself. */
void link_forget(void);

/* Take pid as our peer, if we may signal it: it must exist, not be us, be
 * ours to signal, not be a zombie, be able to signal us back, (where
 * the system tells) catch SIGUSR1, SIGUSR2 and the word signals, and hold
 * the lock of its registration file for every role in roles; what cannot
 * be looked at proves nothing (peer.h).  No signal is sent; kill(pid, 0)
 * only probes.  The process is held first (os_proc_open) and checked
 * through its handle, where the system gives one, so a recycled PID is
 * never taken for the one checked, nor signalled later. */
mt_err link_open(struct link *l, pid_t pid, unsigned roles);
void link_close(struct link *l);

/* Sender.  Send one encoded frame and wait for its verdict.  With once, a
 * receiver that cannot parse the frame (an older version) is reset and
 * MT_EREFUSED returned instead of sending it again. */
mt_err link_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                 uint8_t *status, uint8_t *info);
/* Draw the session's key for the word transport into l->key (sent in
 * HELLO); -1 if the system gives no randomness (then no word transport). */
int link_new_key(struct link *l);
/* After a HELLO verdict that granted the word transport: probe how many
 * bytes a signal carries intact and go on in words (l->unit). */
mt_err link_go_fast(struct link *l);
/* Tell a receiver waiting for more that we are alive. */
mt_err link_keepalive(struct link *l);
/* After the final verdict: let the receiver go at once. */
void link_fin(struct link *l);

/* Replies: the side that sent last hands the turn to the other, which
 * sends frames next, and listens itself (link_recv, link_answer).  The
 * other side's link_recv returns no frame and sets l->turned. */
mt_err link_turn(struct link *l);

/* Receiver.  Wait (wait_ms < 0: forever) for a sender to start a frame
 * and take it as the peer; MT_ETIMEOUT or MT_EINTR otherwise. */
mt_err link_accept(struct link *l, int wait_ms, int timeout_ms);
/* Serve the peer until a new frame is complete (*f points to it until
 * the next call), or the session is over (*f NULL: the final verdict was
 * taken or the sender left after it). */
mt_err link_recv(struct link *l, const struct wire_frame **f);
/* The verdict for the frame link_recv gave; final ends the session. */
mt_err link_answer(struct link *l, uint8_t status, uint8_t info, int final);
/* 1 if this system can take the word transport with peer (0: whoever):
 * queued real-time signals exist, and neither side's RLIMIT_SIGPENDING
 * is too small for them.  After answering a HELLO that asked for it,
 * link_expect_fast readies the receiver for the probe, with the key that
 * HELLO carried. */
int link_can_fast(pid_t peer);
void link_expect_fast(struct link *l, uint64_t key);
/* Forget the peer, free what link_accept took. */
void link_end(struct link *l);

/* Run on one CPU with the peer, since a signal round trip within a CPU
 * costs a fraction of one that must wake another.  cpu < 0 pins to the
 * CPU we run on now.  Returns the CPU, or -1 (then nothing changed).
 * Only this process's own affinity is touched; link_unpin restores it. */
int link_pin(int cpu);
void link_unpin(void);

#endif
