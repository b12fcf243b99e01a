/* unit_proto - the protocol state machines, without processes: the real
 * proto_tx and proto_rx run against a simulated signal channel with the
 * kernel's rules for standard signals (one pending per type, a second one
 * merged away, the lower number dequeued first), stray signals from a
 * third process, and processes that stall (preemption, SIGSTOP).  The
 * receiver's output must equal the input, each frame delivered once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "unit.h"
#include "wire.h"

#define MS 1000LL                 /* simulated time is in microseconds */
#define NFRAMES 6

enum { NONE, PEER, STRAY };

#define RTQ 64

struct side {
	int pending[2];           /* who queued the pending SIGUSR1/SIGUSR2 */
	uint32_t rt[RTQ];         /* queued real-time signals (queries, answers) */
	int nrt;
	int64_t busy_until;       /* stalled (preempted, stopped) until then */
};

struct sim {
	uint64_t rng;
	int stray_rate;           /* chance per 5 us step, in 1/100000 */
	int stall_permille;       /* chance per wake-up of a long stall */
	int64_t now;
	struct side tx, rx;
	unsigned long signals, resyncs, queries, strays, delivered_twice;
	uint8_t frames[NFRAMES][WIRE_MAX_FRAME];
	size_t flen[NFRAMES];
	uint8_t got[NFRAMES * WIRE_MAX_PAYLOAD];
	size_t ngot;
	int nframes_seen;
};

static unsigned rnd(struct sim *s, unsigned n)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	return (unsigned)(s->rng % n);
}

/* kill(2) of a standard signal: merged away if one is already pending. */
static void post(struct side *d, int bit, int who)
{
	if (d->pending[bit] == NONE)
		d->pending[bit] = who;
}

/* sigqueue(2) of a real-time signal: queued, never merged. */
static void queue(struct side *d, uint32_t v)
{
	if (d->nrt < RTQ)
		d->rt[d->nrt++] = v;
}

/* sigtimedwait: lowest signal number first, so SIGUSR1, SIGUSR2, then
 * the real-time queue in order.  Returns 0/1 for a bit, 2 for a word. */
static int take(struct side *d, int *who, uint32_t *word)
{
	int b = d->pending[0] != NONE ? 0 : d->pending[1] != NONE ? 1 : -1;

	if (b >= 0) {
		*who = d->pending[b];
		d->pending[b] = NONE;
		return b;
	}
	if (d->nrt) {
		*who = PEER;
		*word = d->rt[0];
		memmove(d->rt, d->rt + 1, (size_t)--d->nrt * sizeof d->rt[0]);
		return 2;
	}
	return -1;
}

static int64_t wake_delay(struct sim *s)
{
	if ((int)rnd(s, 1000) < s->stall_permille)
		return (int64_t)rnd(s, 300) * MS;   /* up to 300 ms stopped */
	return 3 + rnd(s, 20);                    /* a few microseconds */
}

static void make_frames(struct sim *s)
{
	uint8_t p[WIRE_MAX_PAYLOAD];
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN };
	int i, k;

	s->flen[0] = wire_encode(s->frames[0], WIRE_HELLO, 0, p, wire_hello_pack(p, &h));
	for (i = 1; i < NFRAMES - 1; i++) {
		for (k = 0; k < 24; k++)
			p[k] = (uint8_t)rnd(s, 256);
		s->flen[i] = wire_encode(s->frames[i], WIRE_DATA, (uint16_t)i, p, 24);
	}
	s->flen[i] = wire_encode(s->frames[i], WIRE_END, (uint16_t)i, p, 0);
}

/* The sender: the real machine (proto_tx.c), driven as link_bit.c drives
 * it, with the simulated channel and clock.  Only the I/O is here. */
struct txd {
	struct proto_tx tx;
	struct proto_tx_act a;
	int frame, done;
	int64_t deadline;
};

/* Do what the machine says; returns -1 on a verdict other than OK. */
static int tx_perform(struct sim *s, struct txd *t)
{
	for (;;) {
		switch (t->a.what) {
		case TX_SEND_BIT:
			post(&s->rx, (int)t->a.arg, PEER);
			s->signals++;
			s->tx.busy_until = s->now + wake_delay(s);
			break;
		case TX_SEND_QUERY:
			queue(&s->rx, t->a.arg);
			s->queries++;
			break;
		case TX_KEEP_WAITING:
		case TX_KEEP_QUIET:
			break;
		case TX_REFUSED:
			return -1;
		case TX_DONE:
			if (t->tx.status != WIRE_ST_OK)
				return -1;
			if (++t->frame == NFRAMES) {
				t->done = 1;
				return 0;
			}
			t->a = proto_tx_begin(&t->tx, s->frames[t->frame], s->flen[t->frame], 0);
			continue;
		}
		t->deadline = s->now + t->a.ms * MS;
		return 0;
	}
}

/* One step of the sender: feed the machine what arrived, or that its
 * wait ran out; while it keeps quiet, whatever arrives is dropped. */
static int tx_step(struct sim *s, struct txd *t)
{
	uint32_t word = 0;
	int who, got;

	if (s->now < s->tx.busy_until)
		return 0;
	if (t->a.what == TX_KEEP_QUIET) {
		while (take(&s->tx, &who, &word) >= 0)
			;
		got = -1;
	} else if ((got = take(&s->tx, &who, &word)) >= 0 && who != PEER) {
		return 0;  /* a stray: dropped by its sender's PID */
	}
	if (got < 0 && s->now < t->deadline)
		return 0;
	if (got < 0)
		t->a = proto_tx_feed(&t->tx, TX_EV_TIMEOUT, 0);
	else if (got == 2)
		t->a = proto_tx_feed(&t->tx, TX_EV_WORD, word);
	else
		t->a = proto_tx_feed(&t->tx, TX_EV_BIT, (uint32_t)got);
	return tx_perform(s, t);
}

/* Run one transfer; returns 0 if it completed within the time limit. */
static int run(struct sim *s)
{
	struct txd t;
	struct proto_rx rx;
	int who, bit, reply;
	uint32_t word = 0;
	int64_t rx_last = 0, rx_tick = 0;
	enum proto_rx_event ev;

	make_frames(s);
	memset(&t, 0, sizeof t);
	proto_rx_init(&rx);
	proto_tx_init(&t.tx, 0, 0);
	t.a = proto_tx_begin(&t.tx, s->frames[0], s->flen[0], 0);
	tx_perform(s, &t);
	for (s->now = 0; !t.done; s->now += 5) {
		if (s->now > 600 * 1000 * MS)
			return -1;  /* ten simulated minutes: a livelock */
		if ((int)rnd(s, 100000) < s->stray_rate) {
			post(rnd(s, 2) ? &s->rx : &s->tx, (int)rnd(s, 2), STRAY);
			s->strays++;
		}
		if (tx_step(s, &t) < 0)
			return -1;
		s->resyncs = t.tx.resyncs;
		/* The receiver: answer each bit and query, drop a partial frame
		 * on silence. */
		if (s->now < s->rx.busy_until)
			continue;
		if ((bit = take(&s->rx, &who, &word)) >= 0) {
			if (who != PEER)
				continue;
			rx_last = rx_tick = s->now;
			s->rx.busy_until = s->now + wake_delay(s);
			if (bit == 2) {
				if (word & PROTO_Q_RESET)
					proto_rx_silence(&rx);
				queue(&s->tx, proto_rx_where(&rx, word & PROTO_QID_MASK));
				continue;
			}
			ev = proto_rx_bit(&rx, bit, &reply);
			if (reply >= 0)
				post(&s->tx, reply, PEER);
			if (ev == RX_FRAME) {
				const struct wire_frame *f = &rx.frame;
				if (f->seq != s->nframes_seen)
					s->delivered_twice++;
				s->nframes_seen++;
				if (f->type == WIRE_DATA) {
					memcpy(s->got + s->ngot, f->payload, f->len);
					s->ngot += f->len;
				}
				proto_rx_verdict(&rx, WIRE_ST_OK, 0, f->type == WIRE_END);
				s->rx.busy_until += rnd(s, 30) * MS;  /* writing output */
			}
		} else if (s->now - rx_tick >= PROTO_TICK_MS * MS) {
			rx_tick = s->now;
			if (rx.next_seq == 0 && s->now - rx_last >= PROTO_RESET_MS * MS)
				proto_rx_silence(&rx);
		}
	}
	return 0;
}

static int intact(const struct sim *s)
{
	size_t off = 0;
	int i;

	for (i = 1; i < NFRAMES - 1; i++) {
		if (memcmp(s->got + off, s->frames[i] + WIRE_HDR, 24))
			return 0;
		off += 24;
	}
	return off == s->ngot && s->nframes_seen == NFRAMES && !s->delivered_twice;
}

static void scenario(const char *name, int strays, int stalls, int seeds)
{
	int seed, ok = 0, fails = 0;
	unsigned long resyncs = 0, nstray = 0, queries = 0;

	for (seed = 1; seed <= seeds; seed++) {
		struct sim *s = calloc(1, sizeof *s);
		s->rng = 0x9E3779B97F4A7C15ULL * (uint64_t)seed;
		s->stray_rate = strays;
		s->stall_permille = stalls;
		if (run(s) == 0 && intact(s))
			ok++;
		else if (fails++ < 3)
			fprintf(stderr, "%s: seed %d: transfer failed or corrupted\n", name, seed);
		resyncs += s->resyncs;
		queries += s->queries;
		nstray += s->strays;
		free(s);
	}
	printf("%-28s %3d/%d intact, %8lu strays, %6lu queries, %5lu frames resent\n",
	       name, ok, seeds, nstray, queries, resyncs);
	CHECK_EQ(ok, seeds);
}

/* On a clean channel the cost is exact: frame bits plus 32 clocks each. */
static void test_clean_cost(void)
{
	struct sim *s = calloc(1, sizeof *s);
	unsigned long bits = 0;
	int i;

	s->rng = 42;
	CHECK(run(s) == 0);
	CHECK(intact(s));
	for (i = 0; i < NFRAMES; i++)
		bits += s->flen[i] * 8 + WIRE_VERDICT_BITS;
	CHECK_EQ(s->signals, bits);
	CHECK_EQ(s->resyncs, 0);
	free(s);
}

/* The receiver drops a frame whose bits stop, and never delivers it. */
static void test_rx_partial_and_garbage(void)
{
	struct proto_rx rx;
	uint8_t f[WIRE_MAX_FRAME];
	size_t n = wire_encode(f, WIRE_HELLO, 0, (const uint8_t *)"\1\0\0\0\0\0", 6), i;
	int reply, ev = RX_NONE, inverted = 0;

	proto_rx_init(&rx);
	for (i = 0; i < n * 8 / 2; i++)
		ev = proto_rx_bit(&rx, f[i / 8] >> (7 - i % 8) & 1, &reply);
	CHECK_EQ(ev, RX_NONE);
	proto_rx_silence(&rx);
	for (i = 0; i < n * 8; i++)
		ev = proto_rx_bit(&rx, f[i / 8] >> (7 - i % 8) & 1, &reply);
	CHECK_EQ(ev, RX_FRAME);
	CHECK_EQ(rx.frame.seq, 0);

	/* Garbage instead of a magic byte: the receiver answers inverted bits. */
	proto_rx_init(&rx);
	for (i = 0; i < 64; i++) {
		ev = proto_rx_bit(&rx, 1, &reply);
		inverted += reply == 0;
		CHECK_EQ(ev, RX_NONE);
	}
	CHECK(inverted >= 56);
}

/* Feed a whole frame and its 32 clocks; returns the event of the frame. */
static enum proto_rx_event feed_frame(struct proto_rx *rx, const uint8_t *f, size_t n)
{
	enum proto_rx_event ev = RX_NONE, e;
	size_t i;
	int reply;

	for (i = 0; i < n * 8; i++)
		if ((e = proto_rx_bit(rx, f[i / 8] >> (7 - i % 8) & 1, &reply)) != RX_NONE)
			ev = e;
	if (ev == RX_FRAME)
		proto_rx_verdict(rx, WIRE_ST_OK, 0, 0);
	for (i = 0; i < WIRE_VERDICT_BITS; i++)
		proto_rx_bit(rx, 0, &reply);
	return ev;
}

/* Sequence numbers are 16 bits: 65535 is followed by 0, which is a new
 * frame, not a repeat; a repeat of 0 right after is still recognised. */
static void test_seq_wrap(void)
{
	struct proto_rx rx;
	uint8_t f[WIRE_MAX_FRAME];
	size_t n;

	proto_rx_init(&rx);
	rx.next_seq = 65535;
	n = wire_encode(f, WIRE_DATA, 65535, (const uint8_t *)"a", 1);
	CHECK_EQ(feed_frame(&rx, f, n), RX_FRAME);
	n = wire_encode(f, WIRE_DATA, 0, (const uint8_t *)"b", 1);
	CHECK_EQ(feed_frame(&rx, f, n), RX_FRAME);
	CHECK_EQ(rx.next_seq, 1);
	CHECK_EQ(feed_frame(&rx, f, n), RX_NONE);  /* the same frame again */
	CHECK_EQ(rx.next_seq, 1);
	CHECK_EQ(rx.state, RX_HDR);
}

int main(void)
{
	test_seq_wrap();
	test_clean_cost();
	test_rx_partial_and_garbage();
	scenario("clean channel", 0, 0, 20);
	scenario("strays at both ends", 300, 0, 60);
	scenario("stalls (preempt, SIGSTOP)", 0, 2, 60);
	scenario("strays and stalls", 200, 2, 60);
	scenario("stray flood (6000/s)", 3000, 0, 20);
	scenario("flood and stalls", 3000, 2, 20);
	return tests_result("unit_proto");
}
