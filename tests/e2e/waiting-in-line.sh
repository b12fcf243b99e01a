# A sender facing a receiver busy with another waits its turn and, with
# -v, says it is waiting in line; both transfers succeed, intact and one
# after the other.  Twice: a receiver that waits forever for its next
# sender, and one with --wait (a timed wait for the next sender must not
# look like being busy with another).
. "${top_srcdir:-.}/tests/test-env.sh"

# The first sender reads a FIFO: its first 8 KiB at once (the receiver
# writes its first frame of them), the rest only once the second sender
# has said it waits in line (or has ended), so that the first transfer
# is in progress when the second sender comes, however fast or slow
# the machine.
head -c 16384 /dev/urandom >"$T/big.bin"
printf 'second sender, small file\n' >"$T/small.txt"
cat "$T/big.bin" "$T/small.txt" >"$T/want"

# in_line WHAT OPTION...: sigrecv -k OPTION..., a first sender with
# big.bin, a second sigsend -v with small.txt once the first has begun.
in_line() {
	_what=$1
	shift
	start_receiver -k "$@"
	rm -f "$T/big.fifo" "$T/go"
	mkfifo "$T/big.fifo" || exit 99
	(
		head -c 8192 "$T/big.bin"
		while [ ! -e "$T/go" ]; do sleep 0.02; done
		tail -c +8193 "$T/big.bin"
	) >"$T/big.fifo" &
	W=$!
	started "$W"
	timeout 120 "$SIGSEND" --classic "$RPID" <"$T/big.fifo" 2>"$T/send1.err" &
	S1=$!
	started "$S1"
	# The first transfer has visibly begun once the receiver writes its
	# first frame; only then does the second sender come.
	wait_until 30 test -s "$T/out" || fail "$_what: first transfer never began: $(cat "$T/recv.err")"
	alive "$S1" || fail "$_what: the first sender finished before the second started"
	timeout 60 "$SIGSEND" -v "$RPID" "$T/small.txt" 2>"$T/send2.err" &
	S2=$!
	started "$S2"
	said_in_line() { grep -q 'waiting in line' "$T/send2.err" || ! alive "$S2"; }
	wait_until 30 said_in_line
	: >"$T/go"
	wait_exit "$W" 60 || fail "$_what: the writer still running"

	wait_exit "$S1" 60 || fail "$_what: first sender still running"
	expect_status 0 "$STATUS" "$_what: first sigsend: $(cat "$T/send1.err")"
	wait_exit "$S2" 60 || fail "$_what: second sender still running"
	expect_status 0 "$STATUS" "$_what: second sigsend -v: $(cat "$T/send2.err")"

	# Both served, the first one whole before the second.
	cmp -s "$T/want" "$T/out" ||
		fail "$_what: output is not big then small, each intact ($(wc -c <"$T/out") bytes)"
	grep -q 'waiting in line' "$T/send2.err" ||
		fail "$_what: second sigsend -v did not say it was waiting in line: '$(cat "$T/send2.err")'"
	grep -q "^sigsend: $RPID: .*waiting in line" "$T/send2.err" ||
		fail "$_what: waiting notice does not name the receiver: '$(cat "$T/send2.err")'"
	[ "$(grep -c 'waiting in line' "$T/send2.err")" -eq 1 ] ||
		fail "$_what: waiting notice repeated: '$(cat "$T/send2.err")'"
	[ ! -s "$T/send1.err" ] || fail "$_what: first sigsend printed: '$(cat "$T/send1.err")'"
	alive "$RPID" || fail "$_what: sigrecv -k exited"
	kill -TERM "$RPID"
	wait_receiver 10
	expect_status 143 "$RSTATUS" "$_what: sigrecv -k after SIGTERM"
}

in_line "sigrecv -k"
in_line "sigrecv -k --wait 60" --wait 60
