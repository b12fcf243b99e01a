# A receiver that answers our first bit late (here: stopped while the
# bit waits, continued a moment later, as a loaded machine would delay
# it) is busy with us, not with another sender: sigsend -v never says it
# is "waiting in line", and the transfer succeeds.  Ten tries, each
# continuing the receiver at another moment of the sender's retries
# (before the fix 1 try in 4 said it: the receiver's activity in its
# session with us was taken for another sender's transfer).
. "${top_srcdir:-.}/tests/test-env.sh"

[ -r /proc/self/status ] || { echo "SKIP: no /proc to see the pending bit" >&2; exit 77; }
bit_pending() { grep -q '^ShdPnd:.*[1-9a-f]' "/proc/$RPID/status" 2>/dev/null ||
	grep -q '^SigPnd:.*[1-9a-f]' "/proc/$RPID/status" 2>/dev/null; }
for try in 1 2 3 4 5 6 7 8 9 10; do
	start_receiver
	kill -STOP "$RPID"
	wait_until 10 is_stopped "$RPID" || fail "the receiver did not stop"
	"$SIGSEND" -v -w 60 $SEND_OPTS "$RPID" -m "try $try" 2>"$T/send.err" &
	SPID=$!
	started "$SPID"
	wait_until 30 bit_pending || fail "no bit reached the stopped receiver"
	# continue it at another moment of the sender's cycle each time
	sleep "0.$(( (try * 7) % 10 ))"
	kill -CONT "$RPID"
	wait_exit "$SPID" 60 || fail "sigsend still running after 60 s"
	expect_status 0 "$STATUS" "sigsend, try $try ($(cat "$T/send.err"))"
	wait_receiver 30
	expect_status 0 "$RSTATUS" "sigrecv, try $try ($(cat "$T/recv.err"))"
	[ "$(cat "$T/out")" = "try $try" ] || fail "output of try $try: $(cat "$T/out")"
	! grep -q 'in line' "$T/send.err" ||
		fail "try $try: a late answer was taken for waiting in line: $(cat "$T/send.err")"
done
