# A pause longer than the other side's timeout is not a timeout while
# the side that pauses keeps its peer informed, in both directions:
#  1. sigsend -w 1 to a command that prints a line, pauses 3 s, prints
#     another: exit 0, both lines (the receiver's keepalive while its
#     command runs); three times over, so that a flaky pass is unlikely;
#  2. sigrecv -w 0.9 fed by a sigsend whose input pauses 3 s between two
#     lines: both exit 0, both lines received (the sender's keepalive;
#     once a second, as it was, came too late for 0.9 s every time).
# Runs on the fast transport too (tests/e2e/fast/reply-pause-timeout.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

# 1. The reply pauses.
for i in 1 2 3; do
	start_receiver -e 'echo first; sleep 3; echo second'
	reply_bg "$T/reply" -w 1 -m go "$RPID"
	reply_end 0 "sigsend -w 1, a command pausing 3 s, run $i"
	wait_receiver 10
	expect_status 0 "$RSTATUS" "sigrecv, run $i ($(cat "$T/recv.err"))"
	[ "$(tr '\n' ' ' <"$T/reply")" = "first second " ] ||
		fail "run $i: the reply was '$(cat "$T/reply")'"
done

# 2. The request pauses.
start_receiver -w 0.9
(echo first; sleep 3; echo second) | timeout 60 "$SIGSEND" -v $SEND_OPTS "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend, its input pausing 3 s, to sigrecv -w 0.9 ($(cat "$T/send.err"))"
used_transport "an input pausing 3 s"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -w 0.9 ($(cat "$T/recv.err"))"
[ "$(tr '\n' ' ' <"$T/out")" = "first second " ] || fail "received '$(cat "$T/out")'"
