/* os.h - the platform seam: every service minitalk asks of the operating
 * system, and the only place that knows which system it runs on.  It owns
 * signals (waiting and learning the sender, sending a bit, queueing a
 * word), the description of another process, randomness, output files
 * committed atomically, a command's orphans and CPU placement.  It uses
 * nothing of minitalk: everything above may use it, it uses only libc.
 *
 * Two implementations of the signal and file services, chosen by
 * configure: os_linux.c (Linux's own calls: sigwaitinfo, pidfds,
 * rt_sigqueueinfo, O_TMPFILE, renameat2, getrandom) and os_posix.c (what
 * macOS and the BSDs have too: SA_SIGINFO handlers and pselect, kill,
 * temp names and link/rename, getentropy, no queued words), picked with
 * ./configure --enable-portable and on every non-Linux host.  The facts
 * about processes come from os_proc.c in both builds: /proc on Linux,
 * sysctl(KERN_PROC) and libproc on macOS, sysctl on FreeBSD.
 *
 * Every function returns 0 (or a count) on success and -1 with errno on
 * failure unless it says otherwise; none prints or exits. */
#ifndef OS_H
#define OS_H

#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- Signals ------------------------------------------------------ */

/* Bytes a queued signal may carry (see os_proc_queue). */
#define OS_WIDE 36

/* One signal as it arrived: its number, how it was sent (os_stamped
 * tells), the sender the kernel names, and for a queued signal the
 * OS_WIDE bytes of payload it may carry (zero for the others). */
struct os_sig {
	int signo;
	int code;
	pid_t pid;
	uint8_t data[OS_WIDE];
};

/* 1 if this build can queue words: real-time signals that carry a
 * payload and queue rather than merge (Linux's rt_sigqueueinfo).  Where
 * it is 0, only the classic transport exists, and OS_SIGWORD and
 * OS_SIGDATA are neither caught nor sent.  os_words_here says whether
 * both signals exist on the system it runs on (a C library may keep
 * fewer real-time signals than the kernel has). */
extern const int os_words;
int os_words_here(void);

/* The queued real-time signals of the word transport.  Fixed numbers,
 * since the C libraries disagree on SIGRTMIN (34 with glibc, 35 with
 * musl); os_sig_setup checks they are real-time signals here. */
#define OS_SIGWORD 40
#define OS_SIGDATA 41

/* 1 if the kernel itself wrote si_pid (kill(2), tgkill(2)): no process
 * can forge it.  A queued signal's si_pid is whatever its sender wrote. */
static inline int os_stamped(int code)
{
#ifdef SI_TKILL
	return code == SI_USER || code == SI_TKILL;
#else
	return code == SI_USER;
#endif
}
static inline int os_queued(int code)
{
	return code == SI_QUEUE;
}

/* Block sigs[0..n-1] (and SIGALRM, the wait's clock) and catch them, so
 * that they are only ever taken by os_sig_wait and a stray never kills
 * us; a peer sees them caught.  Signals of the word transport are
 * skipped where os_words is 0.  Once per process. */
int os_sig_setup(const int *sigs, size_t n);
/* Wait up to ms (< 0: forever, 0: only what is pending) for one of the
 * signals of os_sig_setup.  1 with *s filled, 0 if ms passed, -1 with
 * errno (EINTR: another signal's handler ran, such as the one that sets
 * mt_stop_signal; the caller decides whether to go on).  SIGALRM is
 * returned like the others: the caller's interval timer (setitimer) is
 * its clock, cheaper than a timed wait on Linux. */
int os_sig_wait(struct os_sig *s, int ms);
/* The signal dispositions a fresh program expects, for a child about to
 * exec: every signal SIG_DFL (also those the C library keeps for itself
 * and refuses to signal()), none blocked. */
void os_sig_default_all(void);

/* ---- Another process ---------------------------------------------- */

/* A process we signal: held by a handle where the system has one (a
 * pidfd on Linux), so that a recycled PID is never signalled. */
struct os_proc {
	pid_t pid;
	int fd;                  /* the handle, or -1 */
	unsigned long long start;  /* without one: its start time, or 0 */
	long long checked_ms;    /* ... last compared then */
};
/* Take hold of pid: -1 with ESRCH if it is gone, else 0 (with or without
 * a handle). */
int os_proc_open(struct os_proc *p, pid_t pid);
void os_proc_close(struct os_proc *p);
/* 1 while the process lives (a zombie does not), 0 once it has exited. */
int os_proc_alive(const struct os_proc *p);
/* A classic signal to it (through the handle, or kill(2) by PID once its
 * start time, looked at every few milliseconds, is still its own). */
int os_proc_kill(struct os_proc *p, int sig);
/* Queue sig carrying n (<= OS_WIDE) bytes with our true si_pid; -1 with
 * EAGAIN when the user's queue is full (RLIMIT_SIGPENDING), ENOSYS where
 * os_words is 0. */
int os_proc_queue(const struct os_proc *p, int sig, const uint8_t *data, size_t n);

/* How many signals our user may have queued at once (Linux's
 * RLIMIT_SIGPENDING), -1 if there is no limit or no queued signals. */
long os_queue_limit(void);

/* What the system tells of a process (pid 0: ourselves), os_proc.c. */
struct os_desc {
	char state;              /* R, S, D, T (stopped), Z (zombie), X, or ? */
	uint64_t caught;         /* bit n-1 set if signal n is caught */
	uint64_t pending;        /* bit n-1: signal n pending for the process */
	uid_t uid, euid;         /* real and effective */
	long room;               /* signals its user may still queue, or -1 */
	int ns_depth;            /* PID namespaces it is seen in, or 0 */
};
/* -1 if the system cannot tell (errno ENOENT where there is no such
 * process, another errno where it may not be looked at). */
int os_describe(pid_t pid, struct os_desc *d);
/* 1 if the system can describe processes at all (os_describe's -1 then
 * means the process is gone), 0 if not. */
int os_can_describe(void);
/* When pid (0: we) started, in units that only compare (a pid file's
 * "start" line tells a recycled PID); -1 if unknown. */
int os_start_time(pid_t pid, unsigned long long *start);
/* Our real, effective and saved uid (the saved one is the effective one
 * where the system does not say). */
int os_ids(uid_t *uid, uid_t *euid, uid_t *suid);
/* Keep the process's memory from other processes of the same user for
 * its whole life (Linux: not dumpable, so no /proc/PID/mem, no ptrace
 * attach, no core dump; macOS: no debugger may attach), as ssh-agent does
 * for its keys: the session key lives there.  Called first in main,
 * before any key exists; exec (of a -e command) gives the new program
 * the usual state.  0 or an errno. */
int os_hide_memory(void);

/* ---- Randomness --------------------------------------------------- */

/* n (<= 256) unpredictable bytes: getrandom, getentropy or
 * arc4random_buf, else /dev/urandom. */
int os_random(void *buf, size_t n);

/* ---- Files -------------------------------------------------------- */

/* A path-only directory descriptor: O_PATH where it exists (the
 * directory need not be readable), else O_SEARCH, else O_RDONLY. */
#if defined(O_PATH)
#define OS_O_PATH O_PATH
#elif defined(O_SEARCH)
#define OS_O_PATH O_SEARCH
#else
#define OS_O_PATH O_RDONLY
#endif

/* A pipe with both ends close-on-exec. */
int os_pipe(int fd[2]);
/* How many unnamed files (os_unnamed) may be open at once: 0 where there
 * are none, or they could not be given a name later. */
size_t os_unnamed_max(void);
/* A new unnamed file in directory dirfd, open for writing, mode 0666
 * less the umask: nothing is left if we die.  -1 with EOPNOTSUPP, EISDIR
 * or EINVAL where the system or file system has none (then use a temp
 * name); another errno is the directory's fault. */
int os_unnamed(int dirfd);
/* Give the unnamed file fd the name name in dirfd; EEXIST if it is
 * taken (never replaced). */
int os_unnamed_link(int fd, int dirfd, const char *name);
/* Rename from to to in dirfd, atomically, unless to exists (EEXIST).
 * -1 with ENOSYS where the system cannot do it in one call: the caller
 * then links and unlinks. */
int os_rename_noreplace(int dirfd, const char *from, const char *to);

/* ---- A command's orphans and CPU placement ------------------------ */

/* Become the reaper of our descendants' orphans (where the system has
 * such a thing), so that what a command left behind can be found,
 * signalled and reaped; 0 where there is none. */
int os_adopt_orphans(void);
/* Our children's PIDs, up to max; -1 where they cannot be listed. */
int os_children(pid_t *pids, size_t max);

/* Run only on cpu (< 0: the one we run on now); the CPU or -1 (then
 * nothing changed; always, where placement is not ours to choose).
 * os_unpin restores what was before. */
int os_pin(int cpu);
void os_unpin(void);

#endif
