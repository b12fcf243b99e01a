/* forge.c - a test tool: what a hostile same-user process can do to a
 * minitalk process.  It queues signals with rt_sigqueueinfo, which lets
 * the caller write si_pid, si_uid and the payload bytes of siginfo (but
 * not a kernel si_code: SI_USER and SI_TKILL are refused for another
 * process).  Used only on PIDs a test started itself.
 *
 *   forge [-s SIG] [-p PID] [-c CODE] [-w WORD [-k] | -d HEX | -r | -R HEX | -m TEXT |
 *          -F SEQ:TEXT [-G | -K KEY] [-u UNIT] | -B TEXT] [-n N] [-i USEC] TARGET
 *   forge -P SCRIPT [-L FILE] TARGET
 *   forge -C FILE [-D]
 *   forge -M TARGET
 *
 *   -s SIG   the signal number (default 41, the fast transport's data)
 *   -p PID   the si_pid to claim (default: our own)
 *   -c CODE  the si_code: a number, or "queue" (SI_QUEUE, the default)
 *   -w WORD  si_value as a 32-bit word (hex or decimal)
 *   -d HEX   the payload bytes, as hex (padded): 24 from si_value on, then
 *            4 in si_uid, 4 in si_errno and 4 in the padding after si_code
 *            (where a 36-byte word of the fast transport has them; up to 24
 *            bytes, si_uid is ours)
 *   -r       36 random payload bytes, new for every signal
 *   -n N     how many signals (default 1); -i USEC between them (0)
 *   -m TEXT  instead: a whole short frame carrying TEXT and a newline (what
 *            `sigsend -m TEXT` sends first), as bits on SIGUSR1 (0) and
 *            SIGUSR2 (1), then the 32 zero clocks of its verdict; -i USEC
 *            between bits (default 2000, so that no two merge)
 *   -k       with -w: the word grows by one with every signal (a sweep)
 *   -R HEX   36 payload bytes that start with HEX, the rest random, new
 *            for every signal (records of the fast transport with a guessed
 *            tag)
 *   -F SEQ:TEXT  instead: the frames a forger would slip into a fast
 *            transfer: DATA (sequence number SEQ) holding TEXT as a whole
 *            raw deflate stream, then END (SEQ + 1) with TEXT's length and
 *            XXH3-64, each as data signals of UNIT bytes (-u: 36, the
 *            default, as sessions on 64-bit Linux use, 32, 24 or 8; the last
 *            padded);
 *            with -G each frame is followed by 8 random bytes, a guess at
 *            a keyed tag; -n N sends the pair N times
 *   -P SCRIPT  instead: pretend to be a sender: hold sigsend's proof (its
 *            locked registration file, link_declare), catch SIGUSR1, SIGUSR2, 40 and 41,
 *            send TARGET what SCRIPT says, one character a signal, print
 *            "sent", then say nothing more and wait to be killed; with
 *            -L FILE, write the number of each signal it gets to FILE, one
 *            a line, a queued 40 followed by " qid N" (the query its word
 *            answers).  SCRIPT: 0 and 1 a kernel-stamped bit (kill(2),
 *            SIGUSR1 and SIGUSR2), x and y the same bits queued under our
 *            own PID (rt_sigqueueinfo: no kernel stamp), k signal 40 by
 *            kill(2) (no payload), K signal 41 by kill(2), q a position query of qid 1 queued on
 *            40, f a kernel-stamped 0 from another PID (a child of ours
 *            sends it, and has exited before the next character); after a
 *            stamped bit, the next character waits
 *            (10 s at most) for the target's answer, so that the target is
 *            in a session with us; an empty SCRIPT sends nothing
 *   -K KEY   with -F: each frame sealed with the tag of this key (what a
 *            forger could do if the session's key were not secret, e.g. 0)
 *   -C FILE  instead: a catch-all that is no minitalk process: catch
 *            SIGUSR1, SIGUSR2, 40 and 41 (and 50, a test's fence), write the number of each signal
 *            it gets to FILE, print "ready" and wait to be killed; with -D
 *            it is made non-dumpable first (as sigrecv is: its /proc/PID/fd
 *            cannot be read)
 *   -M       instead: read TARGET's memory, as a debugger would: the first
 *            readable mapping in /proc/TARGET/maps, through /proc/TARGET/mem;
 *            prints "read N bytes" and exits 0, or exits 3 if the kernel
 *            denies it (EACCES, EPERM)
 *   -B TEXT  instead: a sender that gives up in mid-request: HELLO, FILE
 *            "part.txt", one DATA frame holding TEXT as a whole deflate
 *            stream, then BYE with no END, on the classic transport as
 *            sigsend sends them (the library's link); prints each frame's
 *            verdict status ("FILE 0", ... "BYE 6")
 * Exits 0 if every signal was queued, 1 on the first failure (reported),
 * 2 on usage errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "link_int.h"
#include "wire.h"

#define VALUE_AT offsetof(siginfo_t, si_value)
#define VALUE 24   /* payload bytes from si_value on */
#define MID 32     /* and then si_uid and si_errno */
#define WIDE 36    /* and the padding after si_code, as src/os/os_linux.c */
#define PAD_AT (offsetof(siginfo_t, si_code) + sizeof(int))
#define PAD_LEN (offsetof(siginfo_t, si_pid) - PAD_AT)

static int usage(void)
{
	fprintf(stderr, "usage: forge [-s SIG] [-p PID] [-c CODE] [-w WORD [-k] | -d HEX | -r |\n"
	        "             -R HEX | -m TEXT | -F SEQ:TEXT [-G | -K KEY] [-u UNIT] | -B TEXT]\n"
	        "             [-n N] [-i USEC] TARGET\n"
	        "       forge -P SCRIPT [-L FILE] TARGET\n");
	return 2;
}

/* n payload bytes into si, where the fast transport puts them: past
 * VALUE they take si_uid and si_errno (else si_uid is ours), past MID the
 * padding. */
static void put_payload(siginfo_t *si, const uint8_t *p, size_t n)
{
	uint8_t w[WIDE] = { 0 };

	memcpy(w, p, n < WIDE ? n : WIDE);
	memcpy((char *)si + VALUE_AT, w, VALUE);
	si->si_uid = getuid();
	if (n > VALUE) {
		memcpy(&si->si_uid, w + VALUE, 4);
		memcpy(&si->si_errno, w + VALUE + 4, 4);
	}
	if (n > MID)
		memcpy((char *)si + PAD_AT, w + MID, PAD_LEN);
}

/* One signal with the claimed identity (si_uid as the template has it). */
static int queue(pid_t target, int sig, int code, pid_t claim, const siginfo_t *tmpl)
{
	siginfo_t si = *tmpl;
	int tries = 0;

	si.si_signo = sig;
	si.si_code = code;
	si.si_pid = claim;
	/* a full queue (RLIMIT_SIGPENDING) drains as the target reads it */
	while (syscall(SYS_rt_sigqueueinfo, target, sig, &si) < 0) {
		if (errno == EAGAIN && ++tries < 20000) {
			usleep(100);
			continue;
		}
		fprintf(stderr, "forge: %ld: %s\n", (long)target, strerror(errno));
		return -1;
	}
	return 0;
}

/* The short frame of `sigsend -m text`, bit by bit, and its clocks. */
static int forge_message(pid_t target, int code, pid_t claim, const char *text, long usec)
{
	struct wire_short ws;
	uint8_t frame[WIRE_SHORT_MAX + 8];
	char msg[WIRE_SHORT_MAX];
	siginfo_t zero;
	size_t n, i;

	memset(&ws, 0, sizeof ws);
	memset(&zero, 0, sizeof zero);
	zero.si_uid = getuid();
	ws.cpu = 0xff;
	n = (size_t)snprintf(msg, sizeof msg, "%s\n", text);
	if (n >= sizeof msg)
		return 2;
	ws.data = (const uint8_t *)msg;
	ws.len = n;
	ws.hash = XXH3_64bits(msg, n);
	if (!(n = wire_short_encode(frame, &ws)))
		return 2;
	for (i = 0; i < n * 8 + WIRE_VERDICT_BITS; i++) {
		int bit = i < n * 8 ? frame[i / 8] >> (7 - i % 8) & 1 : 0;
		if (queue(target, bit ? SIGUSR2 : SIGUSR1, code, claim, &zero) < 0)
			return 1;
		usleep((useconds_t)usec);
	}
	return 0;
}

static int log_fd = -1;
static volatile sig_atomic_t answers;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	char line[32];
	int n;

	(void)uc;
	if (sig == 40 && si->si_code == SI_QUEUE)
		n = snprintf(line, sizeof line, "%d qid %u\n", sig,
		             (unsigned)si->si_value.sival_int >> 19);
	else
		n = snprintf(line, sizeof line, "%d\n", sig);
	answers++;
	if (log_fd >= 0)
		(void)!write(log_fd, line, (size_t)n);
}

/* One character of -P's script to target. */
static int pretend_one(pid_t target, int c)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	switch (c) {
	case '0': return kill(target, SIGUSR1);
	case '1': return kill(target, SIGUSR2);
	case 'x': return queue(target, SIGUSR1, SI_QUEUE, getpid(), &si);
	case 'y': return queue(target, SIGUSR2, SI_QUEUE, getpid(), &si);
	case 'k': return kill(target, 40);
	case 'K': return kill(target, 41);
	case 'q':
		si.si_value.sival_int = 1;  /* qid 1, no reset */
		return queue(target, 40, SI_QUEUE, getpid(), &si);
	case 'f': {
		pid_t child = fork();
		int st;

		if (child == 0)
			_exit(kill(target, SIGUSR1) < 0);
		if (child < 0 || waitpid(child, &st, 0) < 0)
			return -1;
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			return 0;
		errno = ESRCH;
		return -1;
	}
	}
	errno = EINVAL;
	return -1;
}

/* A same-user impostor that passes every check a receiver makes of a
 * sender, sends what script says and then never sends a HELLO. */
static int pretend(pid_t target, const char *script, const char *log)
{
	int sigs[] = { SIGUSR1, SIGUSR2, 40, 41 }, i, tries, err;
	struct timespec nap = { 0, 100000000 };
	struct sigaction sa;

	if (log && (log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
		return 1;
	if (link_declare(LINK_SENDER, &err) != MT_OK)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	/* one handler at a time: signals pending together are logged in the
	 * order the kernel delivers them (lowest number first), not nested */
	sigfillset(&sa.sa_mask);
	for (i = 0; i < 4; i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return 1;
	for (i = 0; script[i]; i++) {
		if (i > 0 && (script[i - 1] == '0' || script[i - 1] == '1')) {
			/* wait for the answer to that bit (a signal cuts the nap short) */
			for (tries = 0; !answers && tries < 100; tries++)
				nanosleep(&nap, NULL);
			if (!answers) {
				fprintf(stderr, "forge: %ld: no answer to a bit\n", (long)target);
				return 1;
			}
		}
		answers = 0;
		if (pretend_one(target, script[i]) < 0) {
			fprintf(stderr, "forge: %ld: %s\n", (long)target, strerror(errno));
			return 1;
		}
	}
	printf("sent\n");
	fflush(stdout);
	for (;;)
		pause();
}

/* A process that catches every signal minitalk uses and is no minitalk
 * process: sigsend must refuse it and never signal it. */
static int catch_all(const char *log, int undumpable)
{
	int sigs[] = { SIGUSR1, SIGUSR2, 40, 41, 50 }, i;
	struct sigaction sa;

	if (undumpable && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		return 1;
	if ((log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 5; i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return 1;
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

/* Read target's memory where a key would be: 3 if the kernel says no. */
static int read_memory(pid_t target)
{
	char path[64], line[512], buf[64];
	unsigned long lo, hi;
	char perms[8];
	FILE *maps;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/maps", (long)target);
	if (!(maps = fopen(path, "re")))
		goto denied;
	lo = hi = 0;
	while (fgets(line, sizeof line, maps))
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && perms[0] == 'r')
			break;
		else
			lo = hi = 0;
	fclose(maps);
	if (hi <= lo) {
		fprintf(stderr, "forge: %s: no readable mapping listed\n", path);
		return 1;
	}
	snprintf(path, sizeof path, "/proc/%ld/mem", (long)target);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto denied;
	n = pread(fd, buf, sizeof buf, (off_t)lo);
	close(fd);
	if (n < 0)
		goto denied;
	printf("read %zd bytes at %#lx\n", n, lo);
	return 0;
denied:
	fprintf(stderr, "forge: %s: %s\n", path, strerror(errno));
	return errno == EACCES || errno == EPERM ? 3 : 1;
}

static int have_key;
static uint64_t forged_key;
static size_t frame_unit = WIDE;

/* A frame as data signals of frame_unit bytes, the last one padded with zeros,
 * and with guess, 8 random bytes after it as a tag (with -K, the tag of
 * that key). */
static int forge_units(pid_t target, int sig, int code, pid_t claim,
                       const uint8_t *frame, size_t n, int guess)
{
	uint8_t buf[WIRE_MAX_FRAME + 8 + WIDE];
	siginfo_t si;
	size_t off;

	memset(buf, 0, sizeof buf);
	memcpy(buf, frame, n);
	if (have_key)
		n = wire_seal(buf, n, forged_key);
	else if (guess && getrandom(buf + n, 8, 0) != 8)
		return 1;
	else
		n += guess ? 8 : 0;
	for (off = 0; off < n; off += frame_unit) {
		memset(&si, 0, sizeof si);
		put_payload(&si, buf + off, frame_unit);
		if (queue(target, sig, code, claim, &si) < 0)
			return 1;
	}
	return 0;
}

/* DATA with text as a complete raw deflate stream, then END with its
 * length and hash: what a receiver that has taken FILE (sequence number
 * seq - 1) would write and verify. */
static int forge_frames(pid_t target, int sig, int code, pid_t claim, const char *spec,
                        int guess)
{
	uint8_t z[WIRE_MAX_PAYLOAD], frame[WIRE_MAX_FRAME], p[16];
	struct wire_end end;
	const char *text = strchr(spec, ':');
	z_stream zs;
	size_t n;
	long seq = atol(spec);

	if (!text || seq < 0 || seq > 65534)
		return 2;
	text++;
	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return 1;
	zs.next_in = (Bytef *)(uintptr_t)text;
	zs.avail_in = (uInt)strlen(text);
	zs.next_out = z;
	zs.avail_out = sizeof z;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		return 2;
	n = wire_encode(frame, WIRE_DATA, (uint16_t)seq, z, zs.total_out);
	deflateEnd(&zs);
	if (forge_units(target, sig, code, claim, frame, n, guess))
		return 1;
	end.total = strlen(text);
	end.hash = XXH3_64bits(text, end.total);
	n = wire_encode(frame, WIRE_END, (uint16_t)(seq + 1), p, wire_end_pack(p, &end));
	return forge_units(target, sig, code, claim, frame, n, guess);
}

/* A sender that stops a request with BYE: what a receiver must not take
 * for a verified transfer. */
static int forge_bye(pid_t target, const char *text)
{
	static const char *names[] = { "HELLO", "FILE", "DATA", "BYE" };
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, WIRE_SIZE_UNKNOWN, 0 };
	struct wire_file wf = { WIRE_SIZE_UNKNOWN, "part.txt" };
	uint8_t p[WIRE_MAX_PAYLOAD], frame[WIRE_MAX_FRAME], st, info;
	size_t len[4];
	struct link l;
	z_stream zs;
	mt_err e;
	int i, err;

	if (link_setup(LINK_SENDER, &err) != MT_OK)
		return 1;
	memset(&l, 0, sizeof l);
	if ((e = link_open(&l, target, LINK_RECEIVER)) != MT_OK) {
		fprintf(stderr, "forge: %ld: %s\n", (long)target, mt_strerror(e));
		return 1;
	}
	l.timeout_ms = 10000;
	l.last_answer = mt_now_ms();
	for (i = 0; i < 4; i++) {
		if (i == 0)
			len[i] = wire_hello_pack(p, &h);
		else if (i == 1)
			len[i] = wire_file_pack(p, &wf);
		else if (i == 2) {
			memset(&zs, 0, sizeof zs);
			if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
				return 1;
			zs.next_in = (Bytef *)(uintptr_t)text;
			zs.avail_in = (uInt)strlen(text);
			zs.next_out = p;
			zs.avail_out = sizeof p;
			if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
				return 2;
			len[i] = zs.total_out;
			deflateEnd(&zs);
		} else
			len[i] = 0;
		len[i] = wire_encode(frame, (uint8_t)(i == 0 ? WIRE_HELLO : i == 1 ? WIRE_FILE :
		                     i == 2 ? WIRE_DATA : WIRE_BYE), l.txseq++, p, len[i]);
		if ((e = link_xmit(&l, frame, len[i], 0, &st, &info)) != MT_OK) {
			fprintf(stderr, "forge: %s: %s\n", names[i], mt_strerror(e));
			return 1;
		}
		printf("%s %u\n", names[i], st);
		fflush(stdout);
		if (st != WIRE_ST_OK)
			break;
	}
	link_fin(&l);
	link_close(&l);
	return 0;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int main(int argc, char **argv)
{
	siginfo_t si;
	uint8_t data[WIDE] = { 0 };
	int sig = 41, code = SI_QUEUE, has_word = 0, has_data = 0, rnd = 0, c, i;
	int sweep = 0, guess = 0, nprefix = 0, ndata = WIDE;
	const char *frames = NULL;
	long n = 1, usec = -1, word = 0;
	const char *text = NULL, *log = NULL, *catch_log = NULL, *bye = NULL;
	const char *script = NULL;
	int undumpable = 0, peek = 0;
	pid_t claim = getpid(), target;

	while ((c = getopt(argc, argv, "s:p:c:w:d:rn:i:m:kR:F:GK:P:L:C:DMB:u:")) != -1) {
		switch (c) {
		case 's': sig = atoi(optarg); break;
		case 'p': claim = (pid_t)atol(optarg); break;
		case 'c': code = strcmp(optarg, "queue") ? atoi(optarg) : SI_QUEUE; break;
		case 'w': word = strtol(optarg, NULL, 0); has_word = 1; break;
		case 'd':
			for (i = 0; optarg[2 * i] && optarg[2 * i + 1] && i < WIDE; i++) {
				int h = hexval(optarg[2 * i]), l = hexval(optarg[2 * i + 1]);
				if (h < 0 || l < 0)
					return usage();
				data[i] = (uint8_t)(h << 4 | l);
			}
			ndata = i;
			has_data = 1;
			break;
		case 'r': rnd = 1; break;
		case 'n': n = atol(optarg); break;
		case 'i': usec = atol(optarg); break;
		case 'm': text = optarg; break;
		case 'k': sweep = 1; break;
		case 'F': frames = optarg; break;
		case 'G': guess = 1; break;
		case 'u':
			frame_unit = (size_t)atoi(optarg);
			if (frame_unit != 36 && frame_unit != 32 && frame_unit != 24 && frame_unit != 8)
				return usage();
			break;
		case 'P': script = optarg; break;
		case 'L': log = optarg; break;
		case 'C': catch_log = optarg; break;
		case 'D': undumpable = 1; break;
		case 'M': peek = 1; break;
		case 'B': bye = optarg; break;
		case 'K': forged_key = strtoull(optarg, NULL, 0); have_key = 1; break;
		case 'R':
			for (i = 0; optarg[2 * i] && optarg[2 * i + 1] && i < WIDE; i++) {
				int h = hexval(optarg[2 * i]), l = hexval(optarg[2 * i + 1]);
				if (h < 0 || l < 0)
					return usage();
				data[i] = (uint8_t)(h << 4 | l);
			}
			nprefix = i;
			rnd = 1;
			break;
		default: return usage();
		}
	}
	if (catch_log && optind == argc)
		return catch_all(catch_log, undumpable);
	if (optind != argc - 1 || has_word + has_data + rnd > 1 || n < 1)
		return usage();
	if ((target = (pid_t)atol(argv[optind])) <= 0)
		return usage();
	if (peek)
		return read_memory(target);
	if (bye)
		return forge_bye(target, bye);
	if (script)
		return pretend(target, script, log);
	if (text)
		return forge_message(target, code, claim, text, usec < 0 ? 2000 : usec);
	for (; frames && n > 0; n--)
		if ((c = forge_frames(target, sig, code, claim, frames, guess)) != 0)
			return c == 2 ? usage() : c;
	if (frames)
		return 0;
	if (usec < 0)
		usec = 0;
	for (; n > 0; n--) {
		memset(&si, 0, sizeof si);
		if (rnd && getrandom(data + nprefix, sizeof data - (size_t)nprefix, 0) !=
		    (ssize_t)(sizeof data - (size_t)nprefix))
			return 1;
		if (has_word) {
			si.si_value.sival_int = (int)(uint32_t)word;
			si.si_uid = getuid();
		} else {
			put_payload(&si, data, (size_t)ndata);
		}
		if (sweep)
			word++;
		if (queue(target, sig, code, claim, &si) < 0)
			return 1;
		if (usec && n > 1)
			usleep((useconds_t)usec);
	}
	return 0;
}
