# The receiver is killed (SIGKILL) in the middle of a reply: sigsend -w 3
# exits 69 (receiver gone), however soon, whether the dead receiver
# is reaped at once or stays a zombie for a while.  The reply is a
# command that prints 64 KiB of random data every 50 ms (a bit per signal
# takes seconds for each on the classic transport), so the kill meets it
# under way on either transport.
# Runs on the fast transport too (tests/e2e/fast/reply-receiver-killed.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

W=3
# It ends by itself: after 400 rounds, or at its first write after the
# receiver is gone (SIGPIPE, or EPIPE: head fails and the loop stops).
PRODUCER='read x; [ "$x" = quick ] && { echo ok; exit 0; }; echo $$ >"$MT_CMD_PID"; i=0; while [ $i -lt 400 ] && head -c 65536 /dev/urandom; do i=$((i + 1)); sleep 0.05; done'

for reap in now later; do
	rm -f "$MT_CMD_PID" "$T/stream"
	start_receiver -k -e "$PRODUCER"
	# A quick exchange first: with $SEND_OPTS, sigsend -v shows that this
	# receiver and sigsend take the fast transport.
	reply_bg "$T/reply" -m quick "$RPID"
	reply_end 0 "($reap) a first, quick request"
	[ "$(cat "$T/reply")" = ok ] || fail "($reap) the quick request's reply: '$(cat "$T/reply")'"

	reply_bg "$T/stream" -w "$W" -m stream "$RPID"
	wait_until 30 test -s "$T/stream" || fail "($reap) the reply never started: $(cat "$T/send.err")"
	alive "$SPID" || fail "($reap) the reply ended before the receiver could be killed"
	read_pid "$MT_CMD_PID"
	CMDPID=$RDPID
	kill -KILL "$RPID"
	t0=$(now_ms)
	if [ "$reap" = now ]; then
		wait_receiver 10
		expect_status 137 "$RSTATUS" "sigrecv after SIGKILL"
	fi
	wait_exit "$SPID" 60 || fail "($reap) sigsend -w $W still running 60 s after its receiver died"
	t=$(($(now_ms) - t0))
	echo "($reap) sigsend gave up $t ms after its receiver was killed, $(wc -c <"$T/stream") bytes of reply in"
	expect_status 69 "$STATUS" "($reap) sigsend whose receiver died mid-reply ($(cat "$T/send.err"))"
	echo "($reap) sigsend -w $W gave up after $t ms"  # a starved machine may take longer: not judged
	grep -q '^sigsend: ' "$T/send.err" || fail "($reap) sigsend printed no error"
	if [ "$reap" = later ]; then
		wait_receiver 10
		expect_status 137 "$RSTATUS" "sigrecv after SIGKILL"
	fi
	# Nothing can end the command of a SIGKILLed sigrecv; it ends itself.
	wait_until 10 eval '! runs "$CMDPID"' || fail "($reap) the orphaned command still runs"
done
