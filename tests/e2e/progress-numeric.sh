# -n: progress as one plain integer per line, non-decreasing, on both
# ends.  With a file (size known) they are percentages ending at 100; from
# a pipe (size unknown) they are byte counts ending at the input size.
# -n shows even with -q.
. "${top_srcdir:-.}/tests/test-env.sh"

SIZE=20480
head -c "$SIZE" /dev/urandom >"$T/in.bin"

# check WHO FILE LAST MAX: FILE (the PID announcement aside) holds only
# integers, one a line, non-decreasing, at most MAX, the last being LAST.
check() {
	grep -v "^sigrecv: PID $RPID, waiting for a sender\$" "$2" >"$T/$1.lines"
	[ -s "$T/$1.lines" ] || fail "$1 -n printed nothing: '$(cat "$2")'"
	if grep -vq '^[0-9][0-9]*$' "$T/$1.lines"; then
		fail "$1 -n: not a plain number: '$(grep -v '^[0-9][0-9]*$' "$T/$1.lines" | head -1 | od -c | head -2)'"
	fi
	awk -v max="$4" 'NR > 1 && $1 + 0 < prev { exit 1 } $1 + 0 > max + 0 { exit 1 }
		{ prev = $1 + 0 }' "$T/$1.lines" ||
		fail "$1 -n: numbers decrease or exceed $4: $(tr '\n' ' ' <"$T/$1.lines")"
	[ "$(tail -n 1 "$T/$1.lines")" = "$3" ] ||
		fail "$1 -n: last number is not $3: $(tr '\n' ' ' <"$T/$1.lines")"
}

# A file: percentages.
start_receiver -n --wait 60
timeout 60 "$SIGSEND" -n "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend -n FILE"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -n"
cmp -s "$T/in.bin" "$T/out" || fail "output differs from input (file)"
check sigsend "$T/send.err" 100 100
check sigrecv "$T/recv.err" 100 100

# A pipe: byte counts, the last being the input size; -q does not hide -n.
start_receiver -n --wait 60
cat "$T/in.bin" | timeout 60 "$SIGSEND" -q -n "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend -q -n from a pipe"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -n"
cmp -s "$T/in.bin" "$T/out" || fail "output differs from input (pipe)"
check sigsend "$T/send.err" "$SIZE" "$SIZE"
check sigrecv "$T/recv.err" "$SIZE" "$SIZE"
