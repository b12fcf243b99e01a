# Ctrl-C at the sender (SIGINT) while the command runs: sigsend dies of
# SIGINT (130), the command and what it started are ended and reaped, and
# sigrecv -k goes on to serve the next sender.
. "${top_srcdir:-.}/tests/test-env.sh"

# A shell starts background jobs with SIGINT ignored, and sigsend would
# inherit that: a wrapper sets it back to the default, then execs it (and
# is exec'd itself, so that $! is sigsend).
need_restore_int

W=3
start_receiver -k -w "$W" -e "$SLOW_CMD"
restore_int "$SIGSEND" -v $SEND_OPTS -w "$W" -m slow "$RPID" >"$T/reply" 2>"$T/send.err" &
SPID=$!
started "$SPID"
slow_started
alive "$SPID" || fail "sigsend ended while the command runs: $(cat "$T/send.err")"
kill -INT "$SPID"
t0=$(now_ms)
wait_exit "$SPID" 10 || fail "sigsend still running 10s after SIGINT"
expect_status 130 "$STATUS" "sigsend after SIGINT"
slow_ended "$t0" "after SIGINT at the sender"
next_served
