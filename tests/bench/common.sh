# tests/bench/common.sh - what bench.sh and bench-fast.sh share.  Each
# sources it first thing, once top_builddir and top_srcdir are set: it sets
# the shell up and names the programs and an awk function they use; the
# rest is functions.

set -u
LC_ALL=C
export LC_ALL

SIGSEND="$top_builddir/sigsend"
SIGRECV="$top_builddir/sigrecv"
PINGPONG="$top_builddir/tests/bench/pingpong"
RTSTREAM="$top_builddir/tests/bench/rtstream"
TIMEIT="$top_builddir/tests/bench/timeit"

# An awk function for the targets line, put before its BEGIN: verdict(V,
# OK) is "n/a" where V is, else MET or missed as OK says.
VERDICT_AWK='function verdict(v, ok) { return v == "n/a" ? "n/a" : ok ? "MET" : "missed" }'

fail() {
	echo "bench: FAIL: $*" >&2
	exit 1
}

# check_counts VALUE...: each a positive integer, or exit 99
check_counts() {
	for _v in "$@"; do
		case $_v in
		'' | *[!0-9]* | 0) echo "bench: BENCH_* values are positive integers" >&2; exit 99 ;;
		esac
	done
}

# check_progs REFERENCE: sigsend, sigrecv, the raw reference and timeit
# are built, or exit 99
check_progs() {
	for _p in "$SIGSEND" "$SIGRECV" "$1" "$TIMEIT"; do
		[ -x "$_p" ] || { echo "bench: $_p is missing: run 'make bench'" >&2; exit 99; }
	done
}

# bench_tmp: the scratch directory T, and the traps that clean up on exit.
# Only processes started here are ever signalled: RPID, the background
# job (sigrecv, or /usr/bin/time running it), and RCPID, sigrecv itself
# from its pid file.
bench_tmp() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/minitalk-bench.XXXXXX") || exit 99
	RPID="" RCPID=""
	trap cleanup EXIT
	trap 'exit 99' INT TERM HUP
}

# mine PID: PID is the receiver started here, the job itself or the
# child of /usr/bin/time running it: safe to signal.
mine() {
	[ "$1" = "$RPID" ] && return 0
	[ "$(awk '{ print $4 }' "/proc/$1/stat" 2>/dev/null)" = "$RPID" ]
}

cleanup() {
	if [ -n "$RPID" ]; then
		# sigrecv itself: /usr/bin/time would die of TERM and leave it.
		[ -n "$RCPID" ] || { RCPID=$(head -n 1 "$T/pid" 2>/dev/null) && mine "$RCPID"; } ||
			RCPID=$RPID
		kill -TERM "$RCPID" 2>/dev/null
		wait "$RPID" 2>/dev/null
	fi
	rm -rf "$T"
}

# xfer_reap STATUS: after sigsend exited with STATUS, SECS (timeit's
# figure, or 0) and the receiver reaped, its status in _rst.
xfer_reap() {
	SECS=$(cat "$T/secs" 2>/dev/null) || SECS=0
	# A receiver that no sender reached would wait forever: stop it.
	[ "$1" -eq 0 ] || kill -TERM "${RCPID:-$RPID}" 2>/dev/null
	wait "$RPID"
	_rst=$?
	RPID="" RCPID=""
}

# xfer_check WHAT EXPECTED STATUS: fail unless sigsend exited with 0
# (STATUS), sigrecv too (_rst) and its output equals the file EXPECTED.
xfer_check() {
	[ "$3" -eq 0 ] || fail "$1: sigsend exited with $3: $(cat "$T/send.err")"
	[ "$_rst" -eq 0 ] || fail "$1: sigrecv exited with $_rst: $(cat "$T/recv.err")"
	cmp -s "$2" "$T/out" || fail "$1: the output differs from the input"
}

now() {
	date +%s.%N
}

# secs_since T0: seconds elapsed since now() gave T0
secs_since() {
	awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.6f", b - a }'
}

# total_since T0: the same in whole seconds
total_since() {
	awk -v s="$(secs_since "$1")" 'BEGIN { printf "%.0f", s }'
}

# to_ms SECS: in milliseconds, one decimal
to_ms() {
	awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'
}

# wait_file FILE: until FILE exists and is not empty (10 s at most).
wait_file() {
	_n=500
	while [ ! -s "$1" ]; do
		_n=$((_n - 1))
		[ "$_n" -gt 0 ] || return 1
		sleep 0.02
	done
}

# ratio A B: A / B, or n/a
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# median FILE: of the numbers in FILE, one a line ("n/a" lines skipped)
median() {
	grep -v '^n/a$' "$1" | sort -g | awk '{ v[NR] = $1 }
	END {
		if (NR == 0) { print "n/a"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print m
	}'
}

# med FILE FORMAT: the median, printed with FORMAT
med() {
	median "$1" | awk -v f="$2" '{ if ($1 == "n/a") print; else printf f "\n", $1 }'
}

# make_text OUT BYTES: real text, the tree's man pages, README and
# sources, repeated as needed, each copy starting an eighth further on, so
# that a repeat is never within zlib's 32 KiB window: it compresses like
# the original text, not better.  Needs top_srcdir.
make_text() {
	(cd "$top_srcdir" && cat man/*.1 man/*.7 README.md src/*.c src/*.h) | awk -v size="$2" '
	{ line[NR] = $0 }
	END {
		for (k = 0; out < size; k++) {
			start = int(k * NR / 8) % NR
			for (i = 0; i < NR && out < size; i++) {
				l = line[(start + i) % NR + 1]
				print l
				out += length(l) + 1
			}
		}
	}' | head -c "$2" >"$1"
}

# gz_ratio FILE: how much gzip -9 shrinks it (3 without gzip)
gz_ratio() {
	if command -v gzip >/dev/null 2>&1; then
		awk -v a="$(wc -c <"$1")" -v b="$(gzip -9 -c "$1" | wc -c)" \
			'BEGIN { printf "%.2f", a / b }'
	else
		echo 3
	fi
}

# load_avg: the 1-minute load average, or ?
load_avg() {
	cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'
}

# machine LOAD0 [MORE]: the machine line (CPUs, load average at the start,
# LOAD0, and now, then MORE), then a note for each measurement retried
# (RETRIES)
machine() {
	_ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
	echo "machine: $_ncpu CPUs; load average $1 at the start, $(load_avg) at the end$(
		awk -v l="$1" -v n="$_ncpu" 'BEGIN { if (l + 0 >= n + 0 && n + 0 > 0)
			printf " (other work was running: expect low, noisy figures)" }')${2:-}"
	[ -z "$RETRIES" ] || printf '%s' "$RETRIES" | sed 's/^/note: /'
}
