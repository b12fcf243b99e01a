/* unit_accept - what a link takes in (src/link/link_accept.c), row by row: a
 * signal's number, si_code and si_pid, and the link's state, against
 * taken or dropped; then the fast transport's verdict and TURN records.
 * Each check of each decision has a row that only it decides, so that
 * breaking any one alone fails here (see tests/mutants.txt, "pin"). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>

#include "unit.h"
#include "link_int.h"

#define PEER 4242
#define OTHER 4343
#define DROP 0

/* The link's state: idle (waiting for any sender's first bit), or in a
 * session with PEER. */
enum state { IDLE, SESSION };

static const struct row {
	int signo, code;
	pid_t pid;
	enum state state;
	int want;    /* IDLE: 1 taken, 0 dropped; SESSION: LINK_BIT/WORD/DATA or DROP */
} rows[] = {
	/* idle: a kernel-stamped 0 bit (kill, tgkill) starts a session */
	{ SIGUSR1, SI_USER, OTHER, IDLE, 1 },
	{ SIGUSR1, SI_TKILL, OTHER, IDLE, 1 },
	/* ... a forged one (rt_sigqueueinfo: si_pid is the forger's word) not */
	{ SIGUSR1, SI_QUEUE, OTHER, IDLE, 0 },
	{ SIGUSR1, SI_MESGQ, OTHER, IDLE, 0 },
	{ SIGUSR1, SI_TIMER, OTHER, IDLE, 0 },
	/* ... nor a 1 (a late FIN, a stray), stamped or not */
	{ SIGUSR2, SI_USER, OTHER, IDLE, 0 },
	{ SIGUSR2, SI_TKILL, OTHER, IDLE, 0 },
	{ SIGUSR2, SI_QUEUE, OTHER, IDLE, 0 },
	/* ... nor words or data, however sent */
	{ LINK_SIGWORD, SI_QUEUE, OTHER, IDLE, 0 },
	{ LINK_SIGWORD, SI_USER, OTHER, IDLE, 0 },
	{ LINK_SIGDATA, SI_QUEUE, OTHER, IDLE, 0 },
	{ LINK_SIGDATA, SI_USER, OTHER, IDLE, 0 },
	{ SIGALRM, SI_USER, OTHER, IDLE, 0 },

	/* in a session: the peer's stamped bits, both values */
	{ SIGUSR1, SI_USER, PEER, SESSION, LINK_BIT },
	{ SIGUSR2, SI_USER, PEER, SESSION, LINK_BIT },
	{ SIGUSR1, SI_TKILL, PEER, SESSION, LINK_BIT },
	{ SIGUSR2, SI_TKILL, PEER, SESSION, LINK_BIT },
	/* ... a bit that claims the peer's si_pid but no kernel stamped */
	{ SIGUSR1, SI_QUEUE, PEER, SESSION, DROP },
	{ SIGUSR2, SI_QUEUE, PEER, SESSION, DROP },
	{ SIGUSR1, SI_MESGQ, PEER, SESSION, DROP },
	{ SIGUSR2, SI_ASYNCIO, PEER, SESSION, DROP },
	/* ... the peer's queued data; no word on 40 (classic control is on
	 * stamped bits) */
	{ LINK_SIGWORD, SI_QUEUE, PEER, SESSION, DROP },
	{ LINK_SIGDATA, SI_QUEUE, PEER, SESSION, LINK_DATA },
	/* ... words and data not queued carry no payload */
	{ LINK_SIGWORD, SI_USER, PEER, SESSION, DROP },
	{ LINK_SIGWORD, SI_TKILL, PEER, SESSION, DROP },
	{ LINK_SIGDATA, SI_USER, PEER, SESSION, DROP },
	{ LINK_SIGDATA, SI_MESGQ, PEER, SESSION, DROP },
	/* ... anyone else's signals, however stamped, are strays */
	{ SIGUSR1, SI_USER, OTHER, SESSION, DROP },
	{ SIGUSR2, SI_TKILL, OTHER, SESSION, DROP },
	{ LINK_SIGWORD, SI_QUEUE, OTHER, SESSION, DROP },
	{ LINK_SIGDATA, SI_QUEUE, OTHER, SESSION, DROP },
	{ SIGUSR1, SI_USER, 0, SESSION, DROP },  /* from another PID namespace */
	/* ... and no other signal is a bit */
	{ SIGALRM, SI_USER, PEER, SESSION, DROP },
	{ SIGTERM, SI_USER, PEER, SESSION, DROP },
};

static void test_signals(void)
{
	size_t i;
	int got;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];

		got = r->state == IDLE ? link_take_first(r->signo, r->code) :
		                         link_take(r->signo, r->code, r->pid, PEER);
		if (got != r->want)
			fprintf(stderr, "row %zu: signal %d, si_code %d, si_pid %ld, %s: %d, want %d\n",
			        i, r->signo, r->code, (long)r->pid,
			        r->state == IDLE ? "idle" : "session", got, r->want);
		CHECK_EQ(got, r->want);
	}
}

/* A verdict record: seq << 16 | status << 8 | info (proto_verdict_arg). */
static void test_verdicts(void)
{
	CHECK(link_take_verdict(proto_verdict_arg(7, WIRE_ST_OK, 0), 7));
	CHECK(link_take_verdict(proto_verdict_arg(7, WIRE_ST_HASH, 3), 7));
	CHECK(link_take_verdict(proto_verdict_arg(0xffff, WIRE_ST_OK, 0), 0xffff));
	/* another frame's verdict, older or newer, is not this one's */
	CHECK(!link_take_verdict(proto_verdict_arg(6, WIRE_ST_OK, 0), 7));
	CHECK(!link_take_verdict(proto_verdict_arg(8, WIRE_ST_OK, 0), 7));
	/* status 0 is no verdict */
	CHECK(!link_take_verdict(proto_verdict_arg(7, 0, 0), 7));
	CHECK(!link_take_verdict(proto_verdict_arg(7, 0, 0xff), 7));
}

static void test_turns(void)
{
	CHECK(link_take_turn(1, 0));
	CHECK(link_take_turn(5, 4));
	CHECK(!link_take_turn(4, 4));   /* one we took already, sent again */
	CHECK(!link_take_turn(3, 4));
	CHECK(!link_take_turn(6, 4));   /* one we never gave room for */
	CHECK(!link_take_turn(0, 0));
	CHECK(!link_take_turn((uint64_t)1 << 32 | 5, 4));
}

int main(void)
{
	test_signals();
	test_verdicts();
	test_turns();
	return tests_result("unit_accept");
}
