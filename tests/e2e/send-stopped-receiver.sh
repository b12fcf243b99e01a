# A receiver stopped by SIGSTOP (or Ctrl-Z) answers nobody: sigsend says
# so at once, in one notice on stderr, keeps waiting as -w says, and if
# the receiver stays stopped says the timeout came of it (75).
. "${top_srcdir:-.}/tests/test-env.sh"

[ -r /proc/self/stat ] || { echo "SKIP: no /proc to tell a stopped process" >&2; exit 77; }

start_receiver -w 30
kill -STOP "$RPID"
wait_until 5 is_stopped "$RPID" || fail "the receiver did not stop"
t0=$(now_ms)
"$SIGSEND" -w 4 -m hi "$RPID" 2>"$T/send.err" &
SPID=$!
started "$SPID"
# The notice comes well before the 4 s timeout.
said_stopped() { grep -q "^sigsend: $RPID: receiver is stopped.*; waiting" "$T/send.err"; }
said_or_gone() { said_stopped || ! alive "$SPID"; }
wait_until 30 said_or_gone && said_stopped ||
	fail "no notice that the receiver is stopped: $(cat "$T/send.err")"
t1=$(now_ms)
alive "$SPID" || fail "sigsend did not keep waiting after the notice: $(cat "$T/send.err")"
wait_exit "$SPID" 60 || fail "sigsend still running 60 s after -w 4"
t2=$(now_ms)
echo "notice after $((t1 - t0)) ms, exit after $((t2 - t0)) ms"
[ $((t1 - t0)) -lt $((t2 - t0 - 1000)) ] || fail "the notice came only with the timeout"
expect_status 75 "$STATUS" "sigsend -w 4 to a stopped receiver ($(cat "$T/send.err"))"
[ "$(grep -c 'receiver is stopped.*; waiting' "$T/send.err")" -eq 1 ] || fail "the notice was not said once: $(cat "$T/send.err")"
tail -n 1 "$T/send.err" | grep -q "^sigsend: $RPID: receiver is stopped .*(timeout)" ||
	fail "the timeout does not say the receiver was stopped: $(cat "$T/send.err")"
kill -CONT "$RPID"
