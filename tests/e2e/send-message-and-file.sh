# sigsend -m TEXT with a FILE too: usage error 64, nothing sent.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'file\n' >"$T/a"
start_receiver
idle_mark "$RPID"
timeout 10 "$SIGSEND" -m hello "$RPID" "$T/a" >"$T/send.out" 2>"$T/send.err" </dev/null
expect_status 64 $? "sigsend -m TEXT PID FILE"
[ "$(tail -n 1 "$T/send.err")" = "Try 'sigsend --help' for more information." ] ||
	fail "no Try line: $(cat "$T/send.err")"
timeout 10 "$SIGSEND" "$RPID" - -m hello >"$T/send.out" 2>"$T/send.err" </dev/null
expect_status 64 $? "sigsend PID - -m TEXT"
idle_still "$RPID" || fail "the receiver was signalled"
alive "$RPID" || fail "the receiver exited"
[ ! -s "$T/out" ] || fail "the receiver wrote: $(cat "$T/out")"
