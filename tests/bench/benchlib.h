/* benchlib.h - what the raw references of `make bench`, pingpong.c and
 * rtstream.c, share: the clock, the signal set-up, the choice of CPUs,
 * the child's start and its reaping.  Messages start with the prefix the
 * caller gives ("pingpong", "rtstream: receiver"). */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <stdint.h>
#include <sys/types.h>

#define BENCH_TICK_US 5000   /* link.c's interval timer */

/* CLOCK_MONOTONIC in ns. */
int64_t bench_now_ns(void);

/* The tool's own signal set-up, link_setup() (SIGUSR1, SIGUSR2, the word
 * and data signals and SIGALRM blocked and caught), and INT/TERM/HUP
 * ending the run cleanly through mt_stop_signal, which link_wait()
 * watches.  0 or -1 with errno. */
int bench_setup(void);

/* CPUs for the two ends, as link_pin(-1) chooses: the one we run on now
 * for both, or with cross that one and the next one of our affinity mask
 * for the other end.  0, or the exit status after saying why: 77 for
 * cross without two usable CPUs, else 1. */
int bench_cpus(const char *prog, int cross, int *cpu_a, int *cpu_b);

/* Pin this process to cpu (< 0: leave it unpinned), then fork with
 * stdio flushed.  The child's pid (0 in the child), or -1 after saying
 * why. */
pid_t bench_fork(const char *prog, int cpu);

/* link.c's interval timer, in this process for the whole run (when on). */
int bench_tick(int on);

/* The child's start: die with the parent (who must still be there), pin
 * to cpu, start the ticks if asked.  0, or -1 after saying why. */
int bench_child(const char *who, pid_t parent, int cpu, int ticks);

/* Collect the child, named who in messages.  done: it has finished, so
 * wait for its status.  Otherwise (or if that wait fails) say how it died
 * if it did, else kill it, and reap it.  Returns 1 if it exited with 0. */
int bench_reap(const char *prog, const char *who, pid_t child, int done);

/* If INT/TERM/HUP stopped the run: die of that signal, as the shell
 * expects, and (should it be blocked) return 1; else 0. */
int bench_stopped(void);

/* A whole number in [min, max] (min >= 0), or -1. */
long long bench_count(const char *s, long long min, long long max);

#endif
