# Commands that do not behave like a filter:
#  1. one that never reads its stdin (`echo hi`) while 2 MiB of request
#     arrive (fast transport): the reply is "hi", exit 0, and sigrecv's
#     transfer is complete;
#  2. one that closes its stdout at once and goes on running for a second:
#     sigsend waits for it, and exits 0 with an empty reply; one that runs
#     5 s after closing it, longer than -w 2: no timeout, its status (5);
#  3. one that prints 1 MiB: all of it arrives (classic transport; zeros
#     compress to a few KiB).
. "${top_srcdir:-.}/tests/test-env.sh"

# 1. The request is not read: it is dropped, not a failure.  (2 MiB need
# the fast transport: not in the portable build.)
if have_fast; then
	head -c 2097152 /dev/urandom >"$T/big" || exit 99
	start_receiver -e 'echo hi'
	SEND_OPTS=--fast
	reply_bg "$T/r1" "$RPID" "$T/big"
	reply_end 0 "a command that does not read its input"
	SEND_OPTS=
	wait_receiver 10
	expect_status 0 "$RSTATUS" "sigrecv -e 'echo hi' ($(cat "$T/recv.err"))"
	[ "$(cat "$T/r1")" = hi ] || fail "a command that does not read its input: '$(cat "$T/r1")'"
	grep -q "^sigsend: 2097152 bytes in" "$T/send.err" ||
		fail "not all of the request went: $(cat "$T/send.err")"
fi

# 2. stdout closed early: the reply ends there, the status only when the
# command does.
start_receiver -e 'exec >&-; sleep 1'
t0=$(now_ms)
reply_bg "$T/r2" -m x "$RPID"
reply_end 0 "a command that closes its stdout and runs on"
t=$(($(now_ms) - t0))
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ ! -s "$T/r2" ] || fail "a command that closed its stdout: reply '$(cat "$T/r2")'"
[ "$t" -ge 900 ] || fail "sigsend was done after $t ms: it did not wait for the command"

# ... and runs on for longer than either side's timeout (-w 2): the
# receiver keeps the sender informed while it waits for the exit status.
start_receiver -w 2 -e 'exec >&-; sleep 5; exit 5'
t0=$(now_ms)
reply_bg "$T/r2" -w 2 -m x "$RPID"
reply_end 5 "a command that closes its stdout and runs 5 s, -w 2"
t=$(($(now_ms) - t0))
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -w 2 ($(cat "$T/recv.err"))"
[ "$t" -ge 4500 ] || fail "sigsend was done after $t ms: it did not wait for the command"

# 3. A reply of 1 MiB.
start_receiver -e 'head -c 1048576 /dev/zero'
reply_bg "$T/r3" -m x "$RPID"
reply_end 0 "a command that prints 1 MiB"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
head -c 1048576 /dev/zero | cmp -s - "$T/r3" || fail "the 1 MiB reply: $(wc -c <"$T/r3") bytes"
