# tests/bench/common.sh - helpers shared by bench.sh and bench-fast.sh,
# which source it.  Functions only: nothing runs here.

fail() {
	echo "bench: FAIL: $*" >&2
	exit 1
}

now() {
	date +%s.%N
}

# secs_since T0: seconds elapsed since now() gave T0
secs_since() {
	awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.6f", b - a }'
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
