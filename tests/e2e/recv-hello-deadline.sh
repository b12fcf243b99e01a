# A same-user process that passes every check of a sender (it holds
# sigsend's proof and catches its signals: tests/forge -P) signals an
# idle receiver one 0 bit (a frame's first) and then nothing,
# holds it only briefly: with no HELLO within a few hundred milliseconds
# the receiver lets it go and serves a real sender waiting meanwhile, long
# before its -w 30 timeout for a silent sender.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -w 30
# The pretender: sends SIGUSR1 (bit 0), then idles.
"$FORGE" -P 0 "$RPID" >"$T/sent" &
XPID=$!
started "$XPID"
wait_file "$T/sent" 10 || fail "the pretender did not run"
t0=$(now_ms)
timeout 60 "$SIGSEND" -m "after the pretender" "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend after a pretender ($(cat "$T/send.err"))"
t=$(($(now_ms) - t0))
echo "served $t ms after the pretender's bit"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = "after the pretender" ] || fail "output: $(cat "$T/out")"
# HELLO_MS is 315 ms; 10 s leaves room for a loaded machine and is a
# third of the receiver's timeout.
[ "$t" -lt 10000 ] || fail "the receiver held a pretender for $t ms before serving a sender"
alive "$XPID" || fail "the pretender died"
