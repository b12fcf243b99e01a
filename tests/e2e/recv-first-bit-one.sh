# Every frame starts with a 0 bit: an idle receiver does not take a 1
# (SIGUSR2: a late FIN, a stray) for a sender's first bit, even from a
# process that passes every check of a sender (tests/forge -P), and never
# answers it.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# The stranger: sends SIGUSR2 (bit 1), logs every signal it gets.
"$FORGE" -P 1 -L "$T/x.got" "$RPID" >"$T/x.sent" &
XPID=$!
started "$XPID"
wait_file "$T/x.sent" 10 || fail "the stranger did not run"
# The receiver takes signals in order: once this transfer is done, the
# stranger's bit was handled long before (and any answer sent).
"$SIGSEND" "$RPID" -m "after a 1 bit" 2>"$T/send.err"
expect_status 0 $? "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = "after a 1 bit" ] || fail "output: $(cat "$T/out")"
# A queued signal of our own (40) is logged after any answer that was
# sent before it.
kill -s 40 "$XPID"
wait_until 10 grep -qx 40 "$T/x.got" || fail "the stranger logged nothing"
[ "$(cat "$T/x.got")" = 40 ] ||
	fail "the receiver answered a 1 bit: the stranger got $(tr '\n' ' ' <"$T/x.got")"
