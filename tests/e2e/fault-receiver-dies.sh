# The receiver is killed (SIGKILL) in the middle of a transfer: sigsend
# -w 3 exits 69 (receiver gone) or 75 (timeout) and
# never hangs; whether the dead receiver is reaped at once or stays a
# zombie for a while (its parent busy) makes no difference.
. "${top_srcdir:-.}/tests/test-env.sh"

W=3
payload "$T/in.bin" 65536

for reap in now later; do
	start_receiver
	send_held "$T/in.bin" -w "$W" "$RPID"
	wait_until 30 test -s "$T/out" || fail "($reap) the transfer never started"
	alive "$SPID" || fail "($reap) the transfer ended before the receiver could be killed"
	kill -KILL "$RPID"
	release_held
	t0=$(now_ms)
	if [ "$reap" = now ]; then
		wait_receiver 10
		expect_status 137 "$RSTATUS" "sigrecv after SIGKILL"
	fi
	wait_exit "$SPID" 60 || fail "($reap) sigsend -w $W still running 60 s after its receiver died"
	t=$(($(now_ms) - t0))
	case $STATUS in
	69|75) ;;
	*) fail "($reap) sigsend whose receiver died: exit status $STATUS, expected 69 or 75" ;;
	esac
	echo "($reap) sigsend -w $W gave up after $t ms"  # a starved machine may take longer: not judged
	grep -q '^sigsend: ' "$T/send.err" || fail "($reap) sigsend printed no error"
	if [ "$reap" = later ]; then
		wait_receiver 10
		expect_status 137 "$RSTATUS" "sigrecv after SIGKILL"
	fi
done
