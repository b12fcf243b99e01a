# The sender is stopped (SIGSTOP) for a second in the middle of a
# transfer, then continued (SIGCONT): the transfer completes intact and
# both sides exit 0.
. "${top_srcdir:-.}/tests/test-env.sh"

head -c 32768 /dev/urandom >"$T/in.bin" || exit 99
start_receiver -o "$T/dest"
"$SIGSEND" "$RPID" "$T/in.bin" 2>"$T/send.err" &
SPID=$!
started "$SPID"
wait_until 30 has_temp dest || fail "the transfer never started"
alive "$SPID" || fail "the transfer ended before the sender could be stopped"

kill -STOP "$SPID"
wait_until 5 is_stopped "$SPID" || fail "sigsend did not stop"
sleep 1  # the scenario: stopped for a second
alive "$RPID" || fail "sigrecv gave up while its sender was stopped for 1s"
kill -CONT "$SPID"

wait_exit "$SPID" 60 || fail "sigsend still running 60s after SIGCONT"
expect_status 0 "$STATUS" "sigsend after SIGSTOP/SIGCONT ($(cat "$T/send.err"))"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv after its sender was stopped ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
no_temp dest
