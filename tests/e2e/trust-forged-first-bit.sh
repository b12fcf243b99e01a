# An idle receiver opens a session only on a kernel-stamped first bit:
# a 0 bit queued with rt_sigqueueinfo under the PID of a process that
# passes every check of a sender (tests/forge -P, which sends nothing
# itself and logs what it gets) starts nothing, and that process is
# never answered.  (In a session a forged bit is dropped as well; this
# pins the idle receiver's check on its own.)
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
"$FORGE" -P '' -L "$T/x.got" "$RPID" >"$T/x.sent" &
XPID=$!
started "$XPID"
wait_file "$T/x.sent" 10 || fail "the claimed sender did not run"
# One forged 0 bit (SIGUSR1, SI_QUEUE) claiming the idle process.
"$FORGE" -s 10 -w 0 -p "$XPID" "$RPID" || fail "forge failed"
# The receiver takes signals in order: once this transfer is done, the
# forged bit was handled long before (and any answer sent).
"$SIGSEND" "$RPID" -m "after a forged bit" 2>"$T/send.err"
expect_status 0 $? "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = "after a forged bit" ] || fail "output: $(cat "$T/out")"
# A signal of our own is logged after any answer sent before it.
kill -s 40 "$XPID"
wait_until 10 grep -qx 40 "$T/x.got" || fail "the claimed sender logged nothing"
[ "$(cat "$T/x.got")" = 40 ] ||
	fail "the receiver answered a forged bit: the claimed sender got $(tr '\n' ' ' <"$T/x.got")"
