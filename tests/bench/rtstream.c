/* rtstream.c - the raw reference for the fast transport in `make bench`:
 * a stream of queued real-time signals carrying as many bytes per signal
 * as `sigsend --fast`, acknowledged once per window as it is.
 *
 *   rtstream [-u 36|32|24|8] [-w WINDOW] [-c same|cross|none] BYTES
 *
 * The parent (sender) streams BYTES payload bytes on the data signal (41),
 * -u bytes a signal (default 24), -w signals a window (default 172, one
 * 4108-byte frame of 24-byte signals), then waits for one acknowledgement
 * word on the word signal (40) before the next window.  The child
 * (receiver) takes the signals one by one with sigwaitinfo, drops any not
 * from the parent, copies the bytes into a window buffer and acks each
 * window with the number of signals it has so far.
 *
 * 24 bytes a signal: a zeroed siginfo_t with si_signo, si_code = SI_QUEUE
 * and our true si_pid/si_uid, the bytes from offsetof(siginfo_t, si_value)
 * on (bytes 24..47 of the kernel's siginfo on x86-64 survive delivery),
 * sent with pidfd_send_signal (rt_sigqueueinfo without a pidfd).  32: the
 * same 24, then 4 in si_uid and 4 in si_errno; 36: those 32, then 4 in the
 * padding after si_code, as the tool's widest words (src/os/os_linux.c).  8 bytes: POSIX sigqueue with the bytes in si_value, as
 * the tool's narrow path.
 *
 * The payload is pseudo-random; both ends fold it into a 64-bit checksum
 * (FNV-1a over each signal's bytes in 8-byte words) and the child sends its own to the parent
 * through a pipe at the end, so the reference really moves the bytes
 * intact and in order.  EAGAIN (RLIMIT_SIGPENDING, per user) makes the
 * sender yield and retry, as the tool does.
 *
 * -c same: both ends pinned to the CPU the parent starts on; cross: that
 * one and another; none (default): left to the scheduler.  The clock runs
 * from the child's first "ready" word to the last window's ack.  Output,
 * one line:
 *
 *   RATE signals/s BYTESPERSEC B/s (U bytes per signal, window W, MODE,
 *   N signals in SECS s, E EAGAIN retries, PATH)
 *
 * Exit status: 0 done, 1 failure, 77 the machine cannot run it (no signal
 * 41, cross without two usable CPUs).  The child is killed (it is ours)
 * and reaped on every path; it also dies with the parent (PR_SET_PDEATHSIG)
 * and gives up after 10 s of silence. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "link.h"
#include "link_int.h"  /* the link's own word signal, sends and waits */
#include "benchlib.h"

#define SIG_DATA 41      /* the fast transport's data signal */
#define WIDEST 36        /* bytes a signal on the widest path */
#define MID 32           /* without the padding after si_code */
#define WIDE 24          /* from si_value on */
#define NARROW 8         /* and through sigqueue's si_value */
#define WIDE_OFF offsetof(siginfo_t, si_value)
#define UID_OFF offsetof(siginfo_t, si_uid)
#define ERRNO_OFF offsetof(siginfo_t, si_errno)
#define PAD_OFF (offsetof(siginfo_t, si_code) + sizeof(int))

/* Generous: a loaded machine may leave a process unscheduled for seconds. */
#define ACK_MS  10000    /* sender: an ack later than this is a failure */
#define IDLE_MS 10000    /* receiver: silence this long, the parent is gone;
                          * sender: EAGAIN this long, the receiver is stuck */

#define FNV_PRIME 0x100000001b3ULL
#define FNV_BASIS 0xcbf29ce484222325ULL

static int unit = WIDE;

/* Fold n bytes (a multiple of 8) into the checksum. */
static uint64_t fold(uint64_t h, const unsigned char *p, size_t n)
{
	uint64_t w;
	size_t i;

	for (i = 0; i < n; i += 8) {  /* a short last word padded with zeros */
		w = 0;
		memcpy(&w, p + i, n - i < 8 ? n - i : 8);
		h = (h ^ w) * FNV_PRIME;
	}
	return h;
}

/* The tool's own signal set-up (bench_setup), plus the data signal
 * blocked, before the fork so that the child has it blocked from its
 * first instruction. */
static int setup(void)
{
	sigset_t data;

	if (bench_setup() < 0)
		return -1;
	sigemptyset(&data);
	sigaddset(&data, SIG_DATA);
	return sigprocmask(SIG_BLOCK, &data, NULL);
}

/* Send the parent an ack saying we have got n signals: a data signal
 * whose first 8 bytes are n (the link has no word signal of its own any
 * more).  The signal queue limit is per user and shared: link_send_data
 * waits a full queue (EAGAIN) out, as the sender does, for up to IDLE_MS
 * (l->timeout_ms). */
static int ack(struct link *l, uint64_t n)
{
	mt_err e = link_send_data(l, (const uint8_t *)&n, sizeof n);

	if (e != MT_OK) {
		fprintf(stderr, "rtstream: receiver: ack: %s\n", mt_strerror(e));
		return -1;
	}
	return 0;
}

/* The child: take nsig data signals from parent, ack every window of them
 * (and once first, to say it is ready), then write the checksum of what
 * it got to fd. */
static int receiver(pid_t parent, int cpu, uint64_t nsig, long window, int fd)
{
	unsigned char *buf;
	uint64_t got = 0, h = FNV_BASIS, out[2];
	long idle = 0;   /* ticks with no data signal in between */
	struct link l = { .proc = { 0, -1 } };
	sigset_t set;
	siginfo_t si;
	size_t n = 0;
	int r, errnum;

	/* link.c's interval timer, for the child's waits. */
	if (bench_child("rtstream: receiver", parent, cpu, 1) < 0)
		return 1;
	/* Again, in the child: the link signs its words with the pid it
	 * read at set-up, which was the parent's until now, and the parent
	 * proves a receiver by its own registration file. */
	link_forget();
	if (link_setup(LINK_SENDER | LINK_RECEIVER, &errnum) != MT_OK) {
		perror("rtstream: receiver: signal setup");
		return 1;
	}
	if (!(buf = malloc((size_t)window * unit))) {
		perror("rtstream: receiver: malloc");
		return 1;
	}
	if (link_open(&l, parent, LINK_RECEIVER) != MT_OK) {
		fprintf(stderr, "rtstream: receiver: cannot signal the parent\n");
		return 1;
	}
	l.timeout_ms = IDLE_MS;
	if (ack(&l, 0) < 0)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIG_DATA);
	sigaddset(&set, SIGALRM);
	while (got < nsig) {
		if (mt_stop_signal)
			return 1;
		if ((r = sigwaitinfo(&set, &si)) < 0) {
			if (errno == EINTR)
				continue;
			perror("rtstream: receiver: sigwaitinfo");
			return 1;
		}
		/* Silence is counted in ticks, not read from the clock: a
		 * process that was not scheduled for a while finds one SIGALRM
		 * pending (they do not queue), and it comes before the data
		 * signals that wait behind it (lower numbers first). */
		if (r == SIGALRM) {
			if (++idle > (long)IDLE_MS * 1000 / BENCH_TICK_US) {
				fprintf(stderr, "rtstream: receiver: nothing for %d ms after %llu "
				        "signals\n", IDLE_MS, (unsigned long long)got);
				return 1;
			}
			continue;
		}
		if (si.si_pid != parent || si.si_code != SI_QUEUE)
			continue;  /* a stray: dropped, as the tool does */
		idle = 0;
		memcpy(buf + n, (unsigned char *)&si + WIDE_OFF, unit < WIDE ? unit : WIDE);
		if (unit >= MID) {
			memcpy(buf + n + WIDE, (unsigned char *)&si + UID_OFF, 4);
			memcpy(buf + n + WIDE + 4, (unsigned char *)&si + ERRNO_OFF, 4);
		}
		if (unit == WIDEST)
			memcpy(buf + n + MID, (unsigned char *)&si + PAD_OFF, 4);
		n += unit;
		got++;
		if (n == (size_t)window * unit || got == nsig) {
			for (size_t k = 0; k < n; k += unit)  /* as the sender: a signal at a time */
				h = fold(h, buf + k, unit);
			n = 0;
			if (ack(&l, got) < 0)
				return 1;
		}
	}
	out[0] = h;
	out[1] = got;
	if (mt_write(fd, out, sizeof out) < 0) {
		perror("rtstream: receiver: write");
		return 1;
	}
	return 0;
}

/* The sender's siginfo: everything but the payload set once, since
 * getpid() and getuid() are system calls and the tool knows both. */
static siginfo_t tmpl;

/* Send one signal's payload p (unit bytes); 0, or -1 with errno. */
static int send_unit(const struct link *l, const unsigned char *p)
{
	if (unit == NARROW) {
		union sigval v;

		memcpy(&v, p, NARROW);
		return sigqueue(l->pid, SIG_DATA, v);
	}
	memcpy((unsigned char *)&tmpl + WIDE_OFF, p, WIDE);
	if (unit >= MID) {
		memcpy((unsigned char *)&tmpl + UID_OFF, p + WIDE, 4);
		memcpy((unsigned char *)&tmpl + ERRNO_OFF, p + WIDE + 4, 4);
	}
	if (unit == WIDEST)
		memcpy((unsigned char *)&tmpl + PAD_OFF, p + MID, 4);
#ifdef SYS_pidfd_send_signal
	if (l->proc.fd >= 0)
		return (int)syscall(SYS_pidfd_send_signal, l->proc.fd, SIG_DATA, &tmpl, 0);
#endif
	return (int)syscall(SYS_rt_sigqueueinfo, l->pid, SIG_DATA, &tmpl);
}

/* Why did the receiver not answer?  Its scheduling state and signal
 * queue, from /proc, on one line. */
static void say_state(pid_t pid)
{
	static const char *keys[] = { "State:", "SigQ:", "ShdPnd:", "voluntary_ctxt_switches:" };
	char path[64], line[256];
	FILE *f;
	size_t i;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "re")))
		return;
	fprintf(stderr, "rtstream: receiver");
	while (fgets(line, sizeof line, f))
		for (i = 0; i < sizeof keys / sizeof *keys; i++)
			if (!strncmp(line, keys[i], strlen(keys[i]))) {
				line[strcspn(line, "\n")] = 0;
				fprintf(stderr, " %s", line);
			}
	fprintf(stderr, "\n");
	fclose(f);
}

/* Wait for the child's next ack and check that it says `want` signals;
 * 0 or -1 (reported, unless a stop signal came). */
static int wait_ack(const struct link *l, uint64_t want)
{
	struct link_msg m = { 0, { 0 } };
	int r, ms = 0, alive = 1;

	/* In slices, so that a receiver that has died is seen at once. */
	while ((r = link_wait(l, 200, &m)) == LINK_TIMEOUT &&
	       (alive = link_alive(l)) && (ms += 200) < ACK_MS)
		;
	if (r == LINK_DATA && !memcmp(m.data, &want, sizeof want))
		return 0;
	if (!mt_stop_signal)
		fprintf(stderr, "rtstream: %s after %llu signals\n",
		        r == LINK_DATA ? "wrong ack" : !alive ? "receiver gone" :
		        r == LINK_TIMEOUT ? "no ack" : "ack wait failed",
		        (unsigned long long)want);
	if (r == LINK_TIMEOUT && alive)
		say_state(l->pid);
	return -1;
}

static void usage(void)
{
	fprintf(stderr, "usage: rtstream [-u 36|32|24|8] [-w WINDOW] [-c same|cross|none] BYTES\n");
	exit(2);
}

static long long parse_count(const char *s, long long max)
{
	long long v = bench_count(s, 1, max);

	if (v < 0)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	const char *mode = "none";
	long window = 172;
	long long total;
	uint64_t nsig, sent = 0, eagain = 0, h = FNV_BASIS, x = 88172645463325252ULL, got[2];
	unsigned char payload[WIDEST];
	int c, cpu_a = -1, cpu_b = -1, pfd[2], ok = 0, failed = 0, i, st;
	int64_t t0 = 0, t1 = 0, stuck = 0;
	long retries;
	const char *path = "";
	struct link l = { .proc = { 0, -1 } };
	pid_t parent = getpid(), child;

	while ((c = getopt(argc, argv, "u:w:c:")) != -1) {
		switch (c) {
		case 'u': unit = (int)parse_count(optarg, WIDEST); break;
		case 'w': window = (long)parse_count(optarg, 1000000); break;
		case 'c': mode = optarg; break;
		default: usage();
		}
	}
	if (optind + 1 != argc || (unit != WIDEST && unit != MID && unit != WIDE && unit != NARROW) ||
	    (strcmp(mode, "same") && strcmp(mode, "cross") && strcmp(mode, "none")))
		usage();
	total = parse_count(argv[optind], 1LL << 40);
	nsig = ((uint64_t)total + unit - 1) / unit;

	if (SIG_DATA > SIGRTMAX || LINK_SIGWORD < SIGRTMIN) {
		fprintf(stderr, "rtstream: no real-time signals %d and %d here\n",
		        LINK_SIGWORD, SIG_DATA);
		return 77;
	}
	if (strcmp(mode, "none") &&
	    (st = bench_cpus("rtstream", !strcmp(mode, "cross"), &cpu_a, &cpu_b)))
		return st;
	if (setup() < 0) {
		perror("rtstream: signal setup");
		return 1;
	}
	if (pipe(pfd) < 0) {
		perror("rtstream: pipe");
		return 1;
	}
	if ((child = bench_fork("rtstream", cpu_a)) < 0)
		return 1;
	if (child == 0) {
		close(pfd[0]);
		_exit(receiver(parent, cpu_b, nsig, window, pfd[1]));
	}
	close(pfd[1]);

	memset(&tmpl, 0, sizeof tmpl);
	tmpl.si_signo = SIG_DATA;
	tmpl.si_code = SI_QUEUE;
	tmpl.si_pid = parent;
	tmpl.si_uid = getuid();
	/* the child registers itself: until it has, it proves nothing */
	for (c = 0; c < 500 && link_open(&l, child, LINK_RECEIVER) != MT_OK; c++)
		usleep(10000);
	if (c == 500) {
		fprintf(stderr, "rtstream: cannot open the receiver\n");
		failed = 1;
	} else if (wait_ack(&l, 0) < 0) {
		failed = 1;
	}
	path = unit == NARROW ? "sigqueue" : l.proc.fd >= 0 ? "pidfd_send_signal" : "rt_sigqueueinfo";
	t0 = bench_now_ns();
	while (!failed && sent < nsig) {
		/* The payload: xorshift64, zero past the end of BYTES. */
		for (i = 0; i < unit; i += 8) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			memcpy(payload + i, &x, 8);
		}
		if (sent == nsig - 1 && total % unit)
			memset(payload + total % unit, 0, unit - total % unit);
		h = fold(h, payload, unit);
		retries = 0;
		while (send_unit(&l, payload) < 0) {
			if (errno != EAGAIN || mt_stop_signal) {
				if (!mt_stop_signal)
					perror("rtstream: send");
				failed = 1;
				break;
			}
			/* The queue is full: let the receiver drain it, and give
			 * up only if it stays full for long. */
			eagain++;
			if (retries++ == 0) {
				stuck = bench_now_ns();
			} else if (retries % 1024 == 0 &&
			           bench_now_ns() - stuck > (int64_t)IDLE_MS * 1000000) {
				fprintf(stderr, "rtstream: queue full for %d ms\n", IDLE_MS);
				failed = 1;
				break;
			}
			sched_yield();
		}
		if (failed)
			break;
		sent++;
		if ((sent % (uint64_t)window == 0 || sent == nsig) && wait_ack(&l, sent) < 0)
			failed = 1;
	}
	t1 = bench_now_ns();
	if (!failed) {
		/* The receiver is done: its checksum, then (bench_reap) its
		 * status. */
		if (read(pfd[0], got, sizeof got) != (ssize_t)sizeof got) {
			fprintf(stderr, "rtstream: no checksum from the receiver\n");
			failed = 1;
		} else if (got[0] != h || got[1] != nsig) {
			fprintf(stderr, "rtstream: the receiver got other bytes (checksum "
			        "%016llx, %llu signals; sent %016llx, %llu)\n",
			        (unsigned long long)got[0], (unsigned long long)got[1],
			        (unsigned long long)h, (unsigned long long)nsig);
			failed = 1;
		}
	}
	ok = bench_reap("rtstream", "receiver", child, !failed);
	close(pfd[0]);
	link_close(&l);
	if (bench_stopped() || !ok)
		return 1;
	printf("%.0f signals/s %.0f B/s (%d bytes per signal, window %ld, ", nsig / ((t1 - t0) / 1e9),
	       total / ((t1 - t0) / 1e9), unit, window);
	if (cpu_a < 0)
		printf("unpinned");
	else if (cpu_a == cpu_b)
		printf("same CPU %d", cpu_a);
	else
		printf("CPUs %d and %d", cpu_a, cpu_b);
	printf(", %llu signals in %.3f s, %llu EAGAIN retries, %s)\n", (unsigned long long)nsig,
	       (t1 - t0) / 1e9, (unsigned long long)eagain,
	       path);
	return 0;
}
