# Ctrl-C (SIGINT) at the sender while the -e command runs ends the command
# and everything it started, including a child that left its process
# group with setsid(1): within a few seconds it is gone, and sigrecv -k
# has no child left and serves the next sender.
. "${top_srcdir:-.}/tests/test-env.sh"

[ -r /proc/self/stat ] || { echo "SKIP: no /proc to watch the command" >&2; exit 77; }
command -v setsid >/dev/null || { echo "SKIP: no setsid(1)" >&2; exit 77; }
need_restore_int

# The setsid sleep is our own descendant; should sigrecv leave it running,
# it is ended here, and only while it is still that sleep.
LEFT=""
end_left() {
	[ -n "$LEFT" ] && runs "$LEFT" && grep -q '^sleep' "/proc/$LEFT/cmdline" 2>/dev/null &&
		kill -KILL "$LEFT" 2>/dev/null
	cleanup
}
trap end_left EXIT

export MT_SETSID_PID="$T/setsid.pid"
start_receiver -k -w 3 -e 'setsid sleep 47 & echo $! >"$MT_SETSID_PID"; cat >/dev/null; sleep 47'
restore_int "$SIGSEND" -v $SEND_OPTS -w 3 -m request "$RPID" >"$T/reply" 2>"$T/send.err" &
SPID=$!
started "$SPID"
read_pid "$MT_SETSID_PID"
LEFT=$RDPID
runs "$LEFT" || fail "the setsid sleep $LEFT does not run"
[ "$(sed 's/.*) . [0-9]* [0-9]* \([0-9]*\).*/\1/' "/proc/$LEFT/stat")" = "$LEFT" ] ||
	fail "the setsid sleep $LEFT is not in a session of its own"
alive "$SPID" || fail "sigsend ended while the command runs: $(cat "$T/send.err")"
kill -INT "$SPID"
t0=$(now_ms)
wait_exit "$SPID" 10 || fail "sigsend still running 10s after SIGINT"
expect_status 130 "$STATUS" "sigsend after SIGINT"
wait_until 8 eval '! runs "$LEFT"' || fail "the setsid child $LEFT still runs 8 s after SIGINT"
echo "the setsid child was ended $(($(now_ms) - t0)) ms after SIGINT"
wait_until 5 eval '[ -z "$(children "$RPID")" ]' || fail "sigrecv has children left: $(children "$RPID")"
alive "$RPID" || fail "sigrecv -k exited"
reply_bg "$T/reply2" -m next "$RPID"
reply_end 0 "the next sender"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"
