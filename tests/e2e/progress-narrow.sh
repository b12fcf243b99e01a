# On a terminal 40 columns wide the progress line stays within 39
# columns (the bar, then the ETA give way), so it never wraps and each
# redraw overwrites the last instead of leaving a line behind.  The
# figures themselves are checked in tests/unit_progress.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v script >/dev/null 2>&1 || { echo "SKIP: no script(1)" >&2; exit 77; }
command -v stty >/dev/null 2>&1 || { echo "SKIP: no stty" >&2; exit 77; }
script -qec 'stty cols 40' /dev/null </dev/null >/dev/null 2>&1 ||
	{ echo "SKIP: script(1) cannot make a pty with 40 columns" >&2; exit 77; }
SHELL=/bin/sh
export SHELL

head -c 16384 /dev/urandom >"$T/in.bin"
start_receiver --no-progress --wait 60
timeout 60 script -qec "stty cols 40 rows 24; exec '$SIGSEND' $RPID '$T/in.bin'" /dev/null \
	</dev/null >"$T/tty.out" 2>&1
expect_status 0 $? "sigsend on a 40-column terminal: $(cat "$T/tty.out")"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cmp -s "$T/in.bin" "$T/out" || fail "output differs from input"
grep -q '100%' "$T/tty.out" || fail "no progress shown: '$(cat "$T/tty.out")'"
# Every piece between carriage returns and newlines is what one redraw
# wrote on one row.
tr '\r' '\n' <"$T/tty.out" | awk 'length($0) > 39 { print length($0) ": " $0; bad = 1 }
	END { exit bad }' >"$T/long" || fail "progress wider than 39 columns on a 40-column terminal:
$(cat "$T/long")"
