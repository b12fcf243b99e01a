# The sender is killed (SIGKILL) while the command runs:
#  1. sigrecv -k -w 3 ends the command and what it started (its shell,
#     written to a pid file by itself, is reaped: no zombie; its
#     background sleep is gone) within the timeout, reports the sender,
#     and serves the next sender;
#  2. a one-shot sigrecv -w 3 exits non-zero, the command ended too.
# Runs on the fast transport too (tests/e2e/fast/reply-sender-killed.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

W=3

# kill_sender: start sigsend -m slow at $RPID, wait for the command to
# run, SIGKILL sigsend and reap it; sets T_KILL (ms).
kill_sender() {
	rm -f "$MT_CMD_PID" "$MT_BG_PID"
	reply_bg "$T/reply" -w "$W" -m slow "$RPID"
	slow_started
	alive "$SPID" || fail "sigsend ended while the command runs: $(cat "$T/send.err")"
	kill -KILL "$SPID"
	T_KILL=$(now_ms)
	wait_exit "$SPID" 10 || fail "sigsend survived SIGKILL"
	expect_status 137 "$STATUS" "sigsend after SIGKILL"
}

# 1. -k: the command is ended and reaped, the next sender served.
start_receiver -k -w "$W" -e "$SLOW_CMD"
kill_sender
slow_ended "$T_KILL" "after its sender was killed"
next_served
grep -q '^sigrecv: sender ' "$T/recv.err" || fail "sigrecv did not report the dead sender: $(cat "$T/recv.err")"

# 2. One-shot: it gives up, and ends the command before it exits.
start_receiver -w "$W" -e "$SLOW_CMD"
kill_sender
wait_receiver 60
[ "$RSTATUS" -ne 0 ] && [ "$RSTATUS" -lt 128 ] ||
	fail "sigrecv whose sender died mid-reply: exit status $RSTATUS"
wait_until 30 slow_gone || fail "the command outlived sigrecv"
