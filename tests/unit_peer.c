/* unit_peer - peer_judge (peer.h), the decision whether a process may be
 * taken for a minitalk receiver or sender and signalled: one row per
 * fact, each changing one thing in a live, answerable, catching, proven
 * peer, so that every check is pinned alone; a fact that could not be
 * seen never lets a process through. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "os.h"
#include "peer.h"
#include "unit.h"

#define ME   1000u
#define YOU  1001u

enum field { F_NONE, F_KILL, F_NOPROC, F_STATE, F_CAUGHT, F_UID, F_EUID, F_OURS, F_NS,
             F_PROOF };

static const struct row {
	const char *what;
	enum field field;
	long long value;
	mt_err want;
	int words;               /* only where the build has words (os_words): */
} rows[] = {                     /* without, the classic pair is all it catches */
	{ "a proven receiver", F_NONE, 0, MT_OK },
	{ "gone (ESRCH)", F_KILL, ESRCH, MT_ENOPEER },
	{ "not ours to signal (EPERM)", F_KILL, EPERM, MT_EPERM },
	{ "a zombie", F_STATE, 'Z', MT_ENOPEER },
	{ "dead (X)", F_STATE, 'X', MT_ENOPEER },
	{ "stopped is still a peer", F_STATE, 'T', MT_OK },
	{ "in a PID namespace below ours", F_NS, 1, MT_EOTHERNS },
	{ "another user, who cannot signal us back", F_UID, YOU, MT_ENOANSWER },
	{ "another user, root's euid answers", F_EUID, 0, MT_OK },
	{ "its uid is our saved uid", F_OURS, YOU, MT_OK },
	{ "catches nothing", F_CAUGHT, 0, MT_ENOTRECV },
	{ "SIGUSR1 and SIGUSR2 only (bash, top)", F_CAUGHT,
	  1LL << (SIGUSR1 - 1) | 1LL << (SIGUSR2 - 1), MT_ENOTRECV, 1 },
	{ "all but signal 41", F_CAUGHT, -41, MT_ENOTRECV, 1 },
	{ "all but signal 40", F_CAUGHT, -40, MT_ENOTRECV, 1 },
	{ "all but SIGUSR2", F_CAUGHT, -SIGUSR2, MT_ENOTRECV },
	{ "everything caught", F_CAUGHT, -64, MT_OK },
	{ "catches all, no proof", F_PROOF, PEER_PROOF_ABSENT, MT_ENOTRECV },
	{ "catches all, proof unknown", F_PROOF, PEER_PROOF_UNKNOWN, MT_ENOTRECV },
	{ "no /proc: the proof decides", F_NOPROC, PEER_PROOF_HELD, MT_OK },
	{ "no /proc, no proof", F_NOPROC, PEER_PROOF_ABSENT, MT_ENOTRECV },
	{ "no /proc, proof unknown", F_NOPROC, PEER_PROOF_UNKNOWN, MT_ENOTRECV },
};

/* A peer that passes every check. */
static void good(struct peer_facts *f)
{
	memset(f, 0, sizeof *f);
	f->proc = 1;
	f->state = 'S';
	f->caught = peer_signals() | 1ULL << (SIGINT - 1) | 1ULL << (SIGALRM - 1);
	f->uid = f->euid = ME;
	f->our_uid = f->our_euid = f->our_suid = ME;
	f->proof = PEER_PROOF_HELD;
}

static void apply(struct peer_facts *f, const struct row *r)
{
	switch (r->field) {
	case F_NONE: break;
	case F_KILL: f->kill_errno = (int)r->value; break;
	case F_NOPROC:
		/* what check() leaves when /proc/PID/status cannot be read */
		f->proc = 0;
		f->state = 0;
		f->caught = 0;
		f->uid = f->euid = YOU;
		f->proof = (enum peer_proof)r->value;
		break;
	case F_STATE: f->state = (char)r->value; break;
	case F_CAUGHT:
		if (r->value == -64)
			f->caught = ~0ULL;
		else if (r->value < 0)
			f->caught &= ~(1ULL << (-r->value - 1));
		else
			f->caught = (uint64_t)r->value;
		break;
	case F_UID: f->uid = f->euid = (uid_t)r->value; break;
	case F_EUID: f->uid = YOU; f->euid = (uid_t)r->value; break;
	case F_OURS: f->uid = f->euid = YOU; f->our_suid = (uid_t)r->value; break;
	case F_NS: f->other_ns = (int)r->value; break;
	case F_PROOF: f->proof = (enum peer_proof)r->value; break;
	}
}

int main(void)
{
	struct peer_facts f;
	size_t i;
	mt_err got, want;

	for (i = 0; i < sizeof rows / sizeof *rows; i++) {
		good(&f);
		apply(&f, &rows[i]);
		got = peer_judge(&f);
		want = rows[i].words && !os_words ? MT_OK : rows[i].want;
		if (got != want)
			fprintf(stderr, "%s: %s, expected %s\n", rows[i].what, mt_strerror(got),
			        mt_strerror(want));
		CHECK_EQ(got, want);
	}
	/* The signals a minitalk process catches: SIGUSR1, SIGUSR2, and 40,
	 * 41 where there are words. */
	CHECK_EQ(peer_signals(), 1ULL << (SIGUSR1 - 1) | 1ULL << (SIGUSR2 - 1) |
	         (os_words ? 1ULL << 39 | 1ULL << 40 : 0));
	return tests_result("unit_peer");
}
