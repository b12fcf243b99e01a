/* src/proto/ - the protocol's pure core: the frame format (wire.h), the
 * fast transport's keyed records (wire_rec.h), the state machines of both
 * sides (this file) and the compression judge (adapt.h).  Buffers in,
 * decisions out: no signals, no clocks, no files, no processes.  It may
 * use libc, zlib, xxHash and mt.h, and nothing else of minitalk; every
 * folder above (link/, engine/, cli/) may use it.
 *
 * proto.h - the protocol state machines, pure: what was heard in, what to
 * answer or do next out.  No signals, no clocks, no files: the link_*.c
 * files carry the signals and keep the time, send.c and recv.c handle the
 * frames.  The receiver has a bit parser and a word reassembler; the
 * sender a machine that decides when to send, ask, reset or keep quiet.
 *
 * Every bit the sender sends is answered by exactly one bit:
 *   - frame bits are echoed (a receiver that lost its place answers with
 *     the inverted bit instead, so the sender notices at once);
 *   - after a frame the sender clocks 32 zero bits and the receiver answers
 *     with the verdict word, most significant bit first.
 * A standard signal pending at a process swallows a second one of the same
 * type, so a stray signal can eat a bit or its answer.  When an answer is
 * late the sender asks where the receiver is with a queued real-time signal
 * (which nothing can swallow); the receiver's position and last answer bit
 * tell it exactly whether to send the bit again or go on.  Anything else
 * wrong (a wrong echo, a position that makes no sense) makes the sender
 * reset the receiver's frame parser with the same kind of query and send
 * the whole frame again (or, for a short frame sent once, report it
 * refused: an older receiver cannot parse it).  Frames carry a sequence
 * number, so a frame that arrives twice is answered with the first
 * verdict and used once.
 *
 * Until the receiver has answered a bit it may not be listening to this
 * sender at all (it serves another one), so queries cannot be relied on:
 * then the sender falls silent for PROTO_QUIET_MS instead, and the
 * receiver drops a partial HELLO after PROTO_RESET_MS of silence. */
#ifndef PROTO_H
#define PROTO_H

#include <stddef.h>
#include <stdint.h>
#include "wire.h"
#include "wire_rec.h"

#define PROTO_ACK_MS     5   /* sender: ask where the receiver is after this */
#define PROTO_ANSWER_MS 200  /* sender, no queries: an answer later than this was lost */
#define PROTO_ASK_MAX_MS 100 /* sender: the longest pause between queries */
#define PROTO_RESET_MS  40   /* receiver: silence this long ends a partial HELLO */
#define PROTO_DROP_MS  250   /* receiver: ... and, after HELLO, a partial frame */
#define PROTO_SILENCE_MS 400 /* sender: silence kept after HELLO before a frame goes again */
#define PROTO_QUIET_MS 100   /* sender: silence kept before resending HELLO */
#define PROTO_TICK_MS   20   /* receiver: wake-up period during a transfer */
#define PROTO_LINGER_MS 1000 /* receiver: wait for FIN after the last verdict */
#define PROTO_TURN_MS  100   /* words: send TURN again while the peer is unheard */
#define PROTO_FIN        1   /* after the final verdict: a frame never starts with 1 */
#define PROTO_WINDOW     4   /* words: frames in flight before a verdict */
#define PROTO_REMEMBER   8   /* receiver: verdicts kept for repeats (>= window) */

enum proto_rx_state { RX_HDR, RX_BODY, RX_VERDICT, RX_DISCARD, RX_FINISHED };

enum proto_rx_event {
	RX_NONE,   /* nothing for the caller */
	RX_FRAME,  /* rx->frame holds a new, valid frame: call proto_rx_verdict */
	RX_FIN,    /* the sender has seen the final verdict and left */
	RX_TURN    /* a 1 right after a verdict: the peer hands us the turn */
};

struct proto_rx {
	enum proto_rx_state state;
	uint8_t buf[WIRE_MAX_FRAME];
	size_t nbits, need;        /* bits held, and bits in the whole frame */
	uint16_t next_seq;         /* the sequence number expected next */
	int have_last;             /* last_word answers a repeat of next_seq - 1 */
	uint32_t last_word;
	int last_final;
	/* words: the verdicts (status << 8 | info) of the frames before, by
	 * seq % PROTO_REMEMBER, for repeats of any frame of a window */
	uint16_t remembered[PROTO_REMEMBER];
	unsigned nremembered;
	uint32_t fcrc;             /* CRC of the frame being answered */
	uint32_t word;             /* verdict being clocked out */
	int vbit, final;
	int last_reply;            /* the last bit answered, for proto_rx_where */
	int between;               /* a verdict is done, no bit of the next yet */
	struct wire_frame frame;   /* valid when RX_FRAME was returned */
};

void proto_rx_init(struct proto_rx *rx);
/* Feed one bit from the peer.  *reply is the bit to send back, or -1 for
 * none.  On RX_FRAME, send the reply first, then handle rx->frame and call
 * proto_rx_verdict before feeding the next bit. */
enum proto_rx_event proto_rx_bit(struct proto_rx *rx, int bit, int *reply);
/* The verdict for the frame just delivered; final ends the session once
 * it has been clocked out (END accepted, or any failure). */
void proto_rx_verdict(struct proto_rx *rx, uint8_t status, uint8_t info,
                      int final);
/* The same verdict, only recorded (for a repeat of the frame) and
 * returned, for a frame that came on the word transport. */
uint32_t proto_rx_decide(struct proto_rx *rx, uint8_t status, uint8_t info,
                         int final);
/* Drop any partial frame (or verdict): after PROTO_RESET_MS of silence,
 * the sender's way to start a frame again on the classic transport. */
void proto_rx_silence(struct proto_rx *rx);
/* A query is   reset(1, bit 15) qid(13, bits 0-12)
 * its answer   qid(13) between(1) last_reply(1) position(17)
 * position counts the bits of the current frame, then its clocks, or is
 * PROTO_LOST while the receiver discards; between says that the receiver
 * has clocked out a whole verdict and waits for the next frame. */
#define PROTO_QID_MASK  0x1fff
#define PROTO_Q_RESET   0x8000  /* in a query: reset the parser, then answer */
#define PROTO_LOST      0x1ffff
#define PROTO_LAST_BIT  17
#define PROTO_BETWEEN   (1u << 18)
#define PROTO_QID(w)    ((w) >> 19)
uint32_t proto_rx_where(const struct proto_rx *rx, unsigned qid);

/* The word transport.  Each direction is a stream of data signals of
 * unit bytes (signals of one number from one sender arrive in order):
 * frames, each sealed with its keyed tag (wire_seal) and starting on a
 * fresh signal, its last one padded; and records (wire_record), one signal
 * when unit holds WIRE_REC bytes, else two.  A record is recognised by
 * its tag wherever it comes, so a foreign signal cannot hide one; a frame
 * whose tag fails (a foreign signal landed in it, or it is forged) is
 * dropped, answered WIRE_REC_NAK, and everything after it until the
 * sender's WIRE_REC_RESYNC, which the sender sends before any frame it
 * sends again.  A signal that starts neither a frame nor a record where
 * one must start is dropped alone.  Words on signal 40 are not used once
 * the transport runs: none carries a key. */
#define PROTO_MAX_UNIT 36

enum proto_wrx_event {
	WRX_NONE,    /* nothing for the caller (*answer may still be set) */
	WRX_FRAME,   /* rx->frame holds a new frame: answer proto_rx_decide's verdict */
	WRX_RECORD,  /* w->kind and w->arg hold a record from the peer */
	WRX_STRAY    /* a signal that starts nothing (the caller may know it: the probe) */
};

struct proto_wrx {
	uint8_t buf[WIRE_MAX_FRAME + WIRE_TAG + PROTO_MAX_UNIT];
	size_t have, need;         /* bytes held, and in the whole sealed frame */
	unsigned unit;             /* bytes per data signal */
	uint64_t key;
	int frames;                /* we listen for frames (else records only) */
	int discard;               /* a frame failed: drop until RESYNC */
	uint8_t prev[PROTO_MAX_UNIT];  /* the last signal (a record's first half) */
	int has_prev;
	uint8_t kind;              /* with WRX_RECORD */
	uint64_t arg;
	unsigned long dropped;     /* frames dropped for a bad tag */
};

/* An answer to send back: a record kind (0: none) and its arg. */
struct proto_answer {
	uint8_t kind;
	uint64_t arg;
};

void proto_wrx_init(struct proto_wrx *w, unsigned unit, uint64_t key);
/* Take one data signal's bytes (w->unit of them).  On WRX_FRAME rx->frame
 * holds a new frame: send the verdict for it.  *answer is a record to
 * send back (a NAK, or the verdict of a repeated frame), kind 0 for none. */
enum proto_wrx_event proto_wrx_data(struct proto_rx *rx, struct proto_wrx *w,
                                    const uint8_t *p, struct proto_answer *answer);
/* Listen for frames (after a TURN to us, or the probe) or stop (we send
 * now): either way the stream starts afresh. */
void proto_wrx_listen(struct proto_wrx *w, int frames);
/* The verdict record's arg for a frame. */
uint64_t proto_verdict_arg(uint16_t seq, uint8_t status, uint8_t info);

/* The sender's machine for the bit transport: fed what the driver
 * (link_bit.c, or the unit test's simulated channel) hears, it returns
 * the next thing to do.  It keeps no time and sends nothing: the driver
 * sends, waits, keeps quiet and checks its clock, as the action says.
 * Its states are named for what they wait on. */
enum proto_tx_state {
	TX_WAIT_ACK,    /* a frame bit or clock is out: its answer */
	TX_WAIT_WHERE,  /* that answer was late: the reply to a position query */
	TX_WAIT_RESET,  /* an answer was wrong: the reply to a reset query */
	TX_WAIT_ASKED,  /* a query on its own (proto_tx_ask): its reply */
	TX_QUIET,       /* not yet answered at all: the end of a silence */
	TX_OVER         /* DONE or REFUSED was returned */
};

enum proto_tx_event {
	TX_EV_BIT,      /* a bit from the receiver */
	TX_EV_WORD,     /* a word from the receiver (the answer to a query) */
	TX_EV_TIMEOUT   /* the wait (or the silence) the last action asked for ran out */
};

enum proto_tx_do {
	TX_SEND_BIT,    /* send bit arg, then wait up to ms */
	TX_SEND_QUERY,  /* send word arg as a query, then wait up to ms */
	TX_KEEP_WAITING, /* nothing to send: wait up to ms again */
	TX_KEEP_QUIET,  /* drop whatever arrives for ms, then feed TX_EV_TIMEOUT */
	TX_DONE,        /* the verdict is in (status, info), or the query's reply (where) */
	TX_REFUSED      /* with once: the receiver cannot parse the frame */
};

struct proto_tx_act {
	enum proto_tx_do what;
	uint32_t arg;   /* the bit or query word to send */
	int ms;         /* how long to wait or keep quiet */
	int late;       /* the receiver let a wait run out: check the clock first */
	int heard;      /* the event fed was an answer from the receiver */
};

struct proto_tx {
	enum proto_tx_state state;
	const uint8_t *frame;
	size_t nbits, pos;
	uint32_t fcrc, word;
	int nclock;
	int once;                  /* refuse rather than resend after an answer */
	int reset;                 /* the query out is a reset query */
	int ms;                    /* the wait in force */
	int connected;             /* the receiver has answered a bit */
	unsigned qid;              /* the last query's */
	uint32_t where;            /* the reply to a query on its own */
	uint8_t status, info;
	unsigned long queries;     /* late answers asked after */
	unsigned long resyncs;     /* how often the frame had to be resent */
	int noask;                 /* no queries (the classic link since it binds
	                              its control to stamped bits): every loss is
	                              repaired by silence and the frame again */
};

/* A sender's machine; connected and qid carry over from the session so
 * far (the receiver answered before; the last query's qid). */
void proto_tx_init(struct proto_tx *tx, int connected, unsigned qid);
/* Start sending a frame of n bytes; with once (a short frame), a frame
 * the receiver cannot parse is refused instead of sent again. */
struct proto_tx_act proto_tx_begin(struct proto_tx *tx, const uint8_t *frame,
                                   size_t n, int once);
/* Ask where the receiver is (with reset, after dropping its frame): a
 * keepalive.  DONE leaves the reply in tx->where. */
struct proto_tx_act proto_tx_ask(struct proto_tx *tx, int reset);
/* What the driver heard (value: the bit or the word) or that its wait
 * ran out.  In TX_QUIET only a timeout is expected; anything else fed
 * there, or a stale answer anywhere, is ignored: TX_KEEP_WAITING. */
struct proto_tx_act proto_tx_feed(struct proto_tx *tx, enum proto_tx_event ev,
                                  uint32_t value);

#endif
