# sigsend --wait SECS PID: a process that is not a receiver yet (a shell
# about to exec sigrecv) is waited for, never signalled: a SIGUSR1 would
# kill the shell, and the transfer would fail.  A PID with no process at
# all does not come back: 69 at once, even with --wait.
. "${top_srcdir:-.}/tests/test-env.sh"

sh -c 'while [ ! -e "$1" ]; do sleep 0.02; done; exec "$2" -o "$3"' sh \
	"$T/go" "$SIGRECV" "$T/dest" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
"$SIGSEND" --wait 30 "$RPID" -m "to a late receiver" 2>"$T/send.err" &
SPID=$!
started "$SPID"
! wait_gone "$SPID" 1 || fail "sigsend --wait exited before the PID became a receiver: $(cat "$T/send.err")"
alive "$RPID" || fail "the shell (not yet a receiver) died: it was signalled"
: >"$T/go"
wait_exit "$SPID" 60 || fail "sigsend --wait still running after the PID became a receiver"
expect_status 0 "$STATUS" "sigsend --wait PID ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/dest")" = "to a late receiver" ] || fail "output: '$(cat "$T/dest")'"

true &
DEAD=$!
wait "$DEAD"
t0=$(now_ms)
timeout 20 "$SIGSEND" --wait 10 "$DEAD" -m hi >"$T/out" 2>"$T/err"
expect_status 69 $? "sigsend --wait DEAD-PID"
[ $(( $(now_ms) - t0 )) -lt 5000 ] || fail "sigsend --wait waited for a PID with no process"
[ "$(cat "$T/err")" = "sigsend: $DEAD: No such process" ] || fail "message: '$(cat "$T/err")'"
