# SIGTERM to sigrecv -e while the command runs: sigrecv dies of SIGTERM
# (143) with its pid file removed, and takes the command and what it
# started with it (nothing of it left running); the sender exits 69.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -e "$SLOW_CMD"
reply_bg "$T/reply" -m slow "$RPID"
slow_started
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -e after SIGTERM"
[ ! -e "$T/recv.pid" ] || fail "pid file left"
# sigrecv is reaped: its command, had it been left, would be a child of
# another process now; whatever ran is ended.
wait_until 5 eval '! runs "$CMDPID" && ! runs "$BGPID"' ||
	fail "the command outlived sigrecv: $CMDPID $BGPID"
wait_exit "$SPID" 20 || fail "sigsend still running 20s after its receiver died"
expect_status 69 "$STATUS" "sigsend whose receiver died ($(cat "$T/send.err"))"
