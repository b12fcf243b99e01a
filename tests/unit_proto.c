/* unit_proto - the protocol state machines, without processes: the real
 * proto_tx and proto_rx run against a simulated signal channel with the
 * kernel's rules for standard signals (one pending per type, a second one
 * merged away, the lower number dequeued first), stray signals from a
 * third process, and processes that stall (preemption, SIGSTOP).  The
 * receiver's output must equal the input, each frame delivered once.  A
 * transfer may also open with a short frame, which an older receiver
 * (one whose parser rejects its magic) refuses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "unit.h"
#include "wire.h"

#define MS 1000LL                 /* simulated time is in microseconds */
#define NFRAMES 6
#define SHORT_DATA 40

enum { NONE, PEER, STRAY };

/* How a transfer opens: HELLO; a short frame that is the whole transfer;
 * or a short frame the receiver cannot parse, then HELLO as send.c does. */
enum { OPEN_HELLO, OPEN_SHORT, OPEN_REFUSED };

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
	int open;                 /* OPEN_* */
	int64_t now;
	struct side tx, rx;
	unsigned long signals, resyncs, queries, strays, delivered_twice, refused;
	uint8_t frames[NFRAMES + 1][WIRE_MAX_FRAME];
	size_t flen[NFRAMES + 1];
	int nframes, ndeliver;    /* frames sent, and the receiver should take */
	uint8_t want[NFRAMES * WIRE_MAX_PAYLOAD], got[NFRAMES * WIRE_MAX_PAYLOAD];
	size_t nwant, ngot;
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

static void add(uint8_t *buf, size_t *n, const uint8_t *p, size_t len)
{
	memcpy(buf + *n, p, len);
	*n += len;
}

/* The short frame carries raw data named "note"; the one for an older
 * receiver gets a magic the parser rejects, which is how a parser from
 * before short frames meets WIRE_SHORT_MAGIC. */
static size_t make_short(struct sim *s, uint8_t *out)
{
	struct wire_short ws = { 0, 0, 0xff, 0, "note", NULL, SHORT_DATA };
	uint8_t data[SHORT_DATA];
	size_t k, n;

	for (k = 0; k < SHORT_DATA; k++)
		data[k] = (uint8_t)rnd(s, 256);
	ws.data = data;
	n = wire_short_encode(out, &ws);
	if (s->open == OPEN_SHORT)
		add(s->want, &s->nwant, data, SHORT_DATA);
	else
		out[0] ^= 1;
	return n;
}

static void make_frames(struct sim *s)
{
	uint8_t p[WIRE_MAX_PAYLOAD];
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN, 0 };
	int i, k, n = 0;

	if (s->open != OPEN_HELLO)
		s->flen[n++] = make_short(s, s->frames[0]);
	s->nframes = s->ndeliver = 1;
	if (s->open == OPEN_SHORT)
		return;
	s->flen[n] = wire_encode(s->frames[n], WIRE_HELLO, 0, p, wire_hello_pack(p, &h));
	for (i = 1; i < NFRAMES - 1; i++) {
		for (k = 0; k < 24; k++)
			p[k] = (uint8_t)rnd(s, 256);
		s->flen[n + i] = wire_encode(s->frames[n + i], WIRE_DATA, (uint16_t)i, p, 24);
		add(s->want, &s->nwant, p, 24);
	}
	s->flen[n + i] = wire_encode(s->frames[n + i], WIRE_END, (uint16_t)i, p, 0);
	s->nframes = n + NFRAMES;
	s->ndeliver = NFRAMES;
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
		case TX_REFUSED:  /* the usual frames follow, as in send.c */
			if (t->frame != 0 || s->open != OPEN_REFUSED)
				return -1;
			s->refused++;
			break;
		case TX_DONE:
			if (t->tx.status != WIRE_ST_OK)
				return -1;
			break;
		}
		if (t->a.what == TX_REFUSED || t->a.what == TX_DONE) {
			if (++t->frame == s->nframes) {
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

/* A short frame is the whole transfer: its body parsed as sigrecv does. */
static void take_short(struct sim *s, const struct wire_frame *f)
{
	struct wire_short ws;

	CHECK_EQ(wire_short_parse(f->payload, f->len, &ws), 0);
	CHECK(!strcmp(ws.name, "note"));
	add(s->got, &s->ngot, ws.data, ws.len);
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
	t.a = proto_tx_begin(&t.tx, s->frames[0], s->flen[0], s->open != OPEN_HELLO);
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
				if (f->type == WIRE_DATA)
					add(s->got, &s->ngot, f->payload, f->len);
				if (f->type == WIRE_SHORT)
					take_short(s, f);
				proto_rx_verdict(&rx, WIRE_ST_OK, 0,
				                 f->type == WIRE_END || f->type == WIRE_SHORT);
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
	return s->ngot == s->nwant && !memcmp(s->got, s->want, s->nwant) &&
	       s->nframes_seen == s->ndeliver && !s->delivered_twice;
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
	for (i = 0; i < s->nframes; i++)
		bits += s->flen[i] * 8 + WIRE_VERDICT_BITS;
	CHECK_EQ(s->signals, bits);
	CHECK_EQ(s->resyncs, 0);
	free(s);
}

/* A short frame (sent with once) is the whole transfer: through the bit
 * parser like any frame, at the same cost, parsed by its own layout. */
static void test_short_frame(void)
{
	struct sim *s = calloc(1, sizeof *s);

	s->rng = 7;
	s->open = OPEN_SHORT;
	CHECK(run(s) == 0);
	CHECK(intact(s));
	CHECK_EQ(s->nframes, 1);
	CHECK_EQ(s->frames[0][0], WIRE_SHORT_MAGIC);
	CHECK_EQ(s->signals, s->flen[0] * 8 + WIRE_VERDICT_BITS);
	CHECK_EQ(s->resyncs + s->queries + s->refused, 0);
	free(s);
}

/* An older receiver rejects a short frame's magic at its eighth bit and
 * answers it inverted: the sender resets it with one query and reports
 * the refusal instead of sending again; the usual frames then go through
 * a receiver on a clean slate. */
static void test_short_refused(void)
{
	struct sim *s = calloc(1, sizeof *s);
	unsigned long bits = 8;
	int i;

	s->rng = 7;
	s->open = OPEN_REFUSED;
	CHECK(run(s) == 0);
	CHECK(intact(s));
	CHECK_EQ(s->refused, 1);
	CHECK_EQ(s->resyncs, 0);
	for (i = 1; i < s->nframes; i++)
		bits += s->flen[i] * 8 + WIRE_VERDICT_BITS;
	CHECK_EQ(s->signals, bits);
	free(s);
}

int main(void)
{
	test_clean_cost();
	test_short_frame();
	test_short_refused();
	scenario("clean channel", 0, 0, 20);
	scenario("strays at both ends", 300, 0, 60);
	scenario("stalls (preempt, SIGSTOP)", 0, 2, 60);
	scenario("strays and stalls", 200, 2, 60);
	scenario("stray flood (6000/s)", 3000, 0, 20);
	scenario("flood and stalls", 3000, 2, 20);
	return tests_result("unit_proto");
}
