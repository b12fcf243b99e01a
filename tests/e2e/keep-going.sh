# sigrecv -k serves one sender after another and keeps running.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -k
timeout 30 "$SIGSEND" -m "first message" "$RPID" 2>"$T/send.err"
expect_status 0 $? "first sigsend"
printf 'first message\n' >"$T/want1"
cmp -s "$T/want1" "$T/out" || fail "after the first sender: '$(cat "$T/out")'"
alive "$RPID" || fail "sigrecv -k exited after the first transfer"

printf 'second\nmessage\n' | timeout 30 "$SIGSEND" "$RPID" 2>>"$T/send.err"
expect_status 0 $? "second sigsend"
printf 'first message\nsecond\nmessage\n' >"$T/want2"
cmp -s "$T/want2" "$T/out" || fail "after the second sender: '$(cat "$T/out")'"

# Still serving: the pid file is there and it is waiting.
alive "$RPID" || fail "sigrecv -k exited after the second transfer"
[ -f "$T/recv.pid" ] || fail "sigrecv -k removed its pid file while running"
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"

kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"
[ ! -e "$T/recv.pid" ] || fail "pid file left after SIGTERM"
