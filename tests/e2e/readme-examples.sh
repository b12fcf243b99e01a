# The README's example outputs are the programs' real outputs, so they
# cannot drift.  A block of README.md marked by the line before it,
#   <!-- example: SIGRECV-OPTIONS; SETUP -->
# is run: SETUP (shell) in a scratch directory, then `sigrecv
# SIGRECV-OPTIONS` there, then each "$ COMMAND" line of the block with
# 4242 standing for the receiver's PID; what the commands print (stdout
# and stderr) must be the block's other lines.  What differs from run to
# run is normalised on both sides: hashes, times and rates (the rates
# left out, since a short time shows none), every other number, and the
# lines a loaded machine may add (lost signals recovered; waiting in
# line, when a receiver that has just started still looks busy).
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

command -v xxhsum >/dev/null 2>&1 || { echo "SKIP: no xxhsum (Debian: xxhash)" >&2; exit 77; }
readme=$top_srcdir/README.md

normalise() {
	sed -E -e '/ lost signals recovered, /d' -e '/ waiting in line$/d' \
		-e 's/[0-9a-f]{16}/HASH/g' \
		-e 's/, [0-9.]+(B|KiB|MiB|GiB|TiB)\/s( \([0-9.]+(B|KiB|MiB|GiB|TiB)\/s on the wire\))?//' \
		-e 's/[0-9]+(\.[0-9]+)? (ms|s)([,)]|$)/TIME\3/g' \
		-e 's/(^|[^A-Za-z0-9.])[0-9]+(\.[0-9]+)?/\1N/g'
}

n=$(grep -c '^<!-- example: .* -->$' "$readme")
[ "$n" -gt 0 ] || fail "no example block marked in README.md"
i=0
while [ "$i" -lt "$n" ]; do
	i=$((i + 1))
	# The i-th marked block: its marker's text, its commands, its output.
	awk -v want="$i" -v d="$T" '
		/^<!-- example: .* -->$/ { k++; if (k == want) { m = 1; sub(/^<!-- example: /, ""); sub(/ -->$/, ""); print > (d "/marker") } next }
		m == 1 && /^```/ { m = 2; next }
		m == 2 && /^```/ { exit }
		m == 2 && /^\$ / { sub(/^\$ /, ""); print > (d "/cmds"); next }
		m == 2 { print > (d "/want") }' "$readme"
	[ -s "$T/cmds" ] || fail "example $i: no \$ command in its block"
	marker=$(cat "$T/marker")
	opts=${marker%%;*}
	setup=""
	case $marker in *\;*) setup=${marker#*;} ;; esac
	rm -rf "$T/ex" && mkdir "$T/ex" || exit 99
	(cd "$T/ex" && eval "$setup") || fail "example $i: setup failed: $setup"
	cd "$T/ex" || exit 99
	eval "start_receiver $opts"
	sed "s/\\b4242\\b/$RPID/g" "$T/cmds" >"$T/script"
	PATH="$top_builddir:$PATH" timeout 60 sh "$T/script" >"$T/got" 2>&1
	st=$?
	cd "$T" || exit 99
	kill -TERM "$RPID"
	wait_receiver 10
	[ "$st" -eq 0 ] || fail "example $i ($(head -n 1 "$T/cmds")): exit status $st: $(cat "$T/got")"
	normalise <"$T/want" >"$T/want.n"
	normalise <"$T/got" >"$T/got.n"
	diff -u "$T/want.n" "$T/got.n" >"$T/diff" ||
		fail "example $i ($(head -n 1 "$T/cmds")) of README.md differs from the real output:
$(cat "$T/diff")
the real output:
$(cat "$T/got")"
	rm -f "$T/cmds" "$T/want" "$T/marker"
done
echo "$n README example(s) checked"
