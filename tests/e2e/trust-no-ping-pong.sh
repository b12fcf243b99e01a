# One forged SIGUSR1 at receiver A claiming to come from receiver B:
# neither takes the other for a sender (B is never signalled), and a
# real sender is served by A at once.
. "${top_srcdir:-.}/tests/test-env.sh"

RECV_OUT=$T/outb start_receiver
B=$RPID
mv "$T/recv.err" "$T/recvb.err"
start_receiver
A=$RPID
idle_mark "$B"
"$FORGE" -s 10 -p "$B" "$A" || fail "forge failed"
"$FORGE" -s 12 -p "$B" "$A" || fail "forge failed"
timeout 30 "$SIGSEND" -w 2 -m hello "$A" 2>"$T/send.err"
expect_status 0 $? "sigsend to A after the forged signal ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "receiver A"
[ "$(cat "$T/out")" = hello ] || fail "A wrote '$(cat "$T/out")'"
idle_still "$B" || fail "receiver B was woken up (A signalled it)"
[ ! -s "$T/outb" ] || fail "B wrote '$(cat "$T/outb")'"
