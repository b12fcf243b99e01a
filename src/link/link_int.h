/* link_int.h - what link.c shares with its two transports, link_bit.c and
 * link_word.c: the raw signals and the receiver's state.  Not for use
 * outside the link. */
#ifndef LINK_INT_H
#define LINK_INT_H

#include "link.h"
#include "os.h"
#include "proto.h"

/* The queued real-time signals.  41 carries the word transport's data
 * and records.  40 carries nothing any more (the classic transport's
 * control went to stamped bits, since anyone of the user may queue a
 * word claiming any si_pid); both are still caught and blocked for the
 * whole session, so that a stray one never kills a process (their
 * default action) and a peer sees them caught.  Where the system has no
 * queued words (os_words is 0) neither exists.  Numbers in os.h. */
#define LINK_SIGWORD OS_SIGWORD
#define LINK_SIGDATA OS_SIGDATA

/* What link_wait returns, besides -1 when mt_stop_signal was set. */
enum { LINK_TIMEOUT = 0, LINK_BIT = 1, LINK_DATA = 3 };

struct link_msg {
	int bit;
	uint8_t data[LINK_WIDE];
};

/* Hold the registration files of roles (see link_setup), once per
 * process; *errnum gets errno detail.  (tests/forge uses it to pretend.) */
mt_err link_declare(unsigned roles, int *errnum);

mt_err link_send_bit(struct link *l, int bit);
/* Queued signals may meet EAGAIN (RLIMIT_SIGPENDING, shared by all of
 * the user's processes): they are retried, yielding to the receiver,
 * until the peer is gone or timeout_ms passes without progress. */
mt_err link_send_data(struct link *l, const uint8_t *p, size_t n);
/* Wait up to ms (< 0: forever) for a bit, word or data from the peer;
 * signals from anyone else are dropped. */
int link_wait(const struct link *l, int ms, struct link_msg *m);
/* Forget the signals taken in while a send waited for room. */
void link_backlog_clear(void);
/* Wait for the first bit of a frame (a 0) from any process, an unknown
 * sender's, and say which process; the rest is dropped (link_take_first). */
int link_wait_first(int ms, pid_t *pid);
/* Keep silent for ms, discarding whatever arrives: 1 if that held a
 * bit the peer sent (link_take), 0 if not, -1 if interrupted. */
int link_quiet(const struct link *l, int ms);
/* 1 while the peer lives (a zombie does not), 0 once it has exited. */
int link_alive(const struct link *l);
/* 1 if the peer is stopped (SIGSTOP, a debugger), as far as the system tells. */
int link_stopped(const struct link *l);
/* A receiver says in its role file whom it serves (0: nobody), and a
 * sender reads whom the receiver pid serves: 0 if idle or not said. */
void link_serving(pid_t peer);
pid_t link_serves(pid_t pid);
/* The sender's clock: the peer gone or silent past timeout_ms. */
mt_err link_check_time(struct link *l);

/* What a link takes in (link_accept.c), each decision made at one place.
 * An idle receiver: 1 if a signal may start a session (a kernel-stamped
 * 0 bit); its si_pid is then the sender to check. */
int link_take_first(int signo, int code);
/* In a session with peer: LINK_BIT or LINK_DATA as the signal
 * counts, 0 if it is dropped. */
int link_take(int signo, int code, pid_t pid, pid_t peer);
/* The fast transport's records: 1 if a verdict record's arg is the
 * verdict of the oldest frame in flight; 1 if a TURN's arg is the next
 * TURN after turns. */
int link_take_verdict(uint64_t arg, uint16_t oldest);
int link_take_turn(uint64_t arg, unsigned turns);

/* The receiver's state for one session. */
struct link_rx {
	struct proto_rx bits;    /* the bit parser, also the sequence state */
	struct proto_wrx words;  /* frames reassembled from data signals */
	int final;               /* the final verdict is given */
	int expect_probe;        /* the next data signal is the probe */
	uint8_t probe_half[LINK_NARROW];  /* a whole probe came: its second */
	int probe_half_due;      /* signal, a copy of these, is not a frame */
	int first;               /* link_accept took the first bit */
	int listening;           /* we handed the turn over: the peer is known */
	int64_t turned_at;       /* words: when we sent TURN, until the peer was heard */
	int words_frame;         /* the frame being answered came as data */
	int64_t last;            /* when the peer was last heard */
};

/* The transports' halves. */
mt_err link_bit_xmit(struct link *l, const uint8_t *frame, size_t n, int once,
                     uint8_t *status, uint8_t *info);
/* Hand the turn to the peer on bits (see link_turn). */
mt_err link_bit_turn(struct link *l);
mt_err link_word_xmit(struct link *l, const uint8_t *frame, size_t n,
                      uint8_t *status, uint8_t *info);
/* Receiver: a data signal from the peer; sets *f when a new frame is
 * complete, *end when the sender said FIN or handed us the turn. */
mt_err link_word_data(struct link *l, const uint8_t *p, const struct wire_frame **f,
                      int *end);
/* The word transport's keepalive: PING, answered PONG. */
mt_err link_word_ping(struct link *l);
/* Wait for the verdicts of every frame in flight; forget them (a new
 * turn to send).  link_word_reset forgets them at once (the peer took a
 * TURN: we send anew). */
mt_err link_word_flush(struct link *l);
void link_word_reset(void);
/* One record to the peer, in signals of l->unit bytes (link_word_send)
 * or of unit bytes (link_word_record, link_word_rx.c); link_word_units
 * sends n bytes as signals of unit bytes. */
mt_err link_word_send(struct link *l, uint8_t kind, uint64_t arg);
mt_err link_word_record(struct link *l, unsigned unit, uint8_t kind, uint64_t arg);
mt_err link_word_units(struct link *l, const uint8_t *p, size_t n, unsigned unit);
/* The receiving state (made once per link, link_word_rx.c). */
mt_err link_rx_new(struct link *l);


#endif
