# An idle receiver that gets SIGUSR1/SIGUSR2 from a process that is not a
# minitalk sender (a plain shell: USR1 and USR2 would kill it) neither
# answers it nor takes it for a sender, and then serves a real one.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# The stranger: signals the receiver (ours), then lives on; were it
# signalled back, SIGUSR1/SIGUSR2's default action would end it early.
sh -c 'kill -USR1 "$1"; kill -USR2 "$1"; kill -USR1 "$1"; echo sent >"$2"; exec sleep 5' \
	sh "$RPID" "$T/sent" &
XPID=$!
started "$XPID"
wait_file "$T/sent" 10 || fail "the stranger did not run"
# The receiver takes signals in order: once the real transfer below is
# done, the stranger's were handled long before.
"$SIGSEND" "$RPID" -m "after the stranger" 2>"$T/send.err"
expect_status 0 $? "sigsend after a stranger ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ "$(cat "$T/out")" = "after the stranger" ] || fail "output: $(cat "$T/out")"
alive "$XPID" || fail "the stranger was killed: sigrecv signalled a process that is not a sender"
