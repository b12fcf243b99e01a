# sigsend with a FILE that does not exist: 66 naming the file, before
# any signal: the receiver is not disturbed and still serves the next.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'exists\n' >"$T/a"
start_receiver -w 1
idle_mark "$RPID"
timeout 10 "$SIGSEND" "$RPID" "$T/a" "$T/missing" >"$T/send.out" 2>"$T/send.err" </dev/null
st=$?
expect_status 66 "$st" "sigsend EXISTING MISSING"
grep -q "^sigsend: $T/missing: No such file or directory\$" "$T/send.err" ||
	fail "message does not name the file: $(cat "$T/send.err")"
idle_still "$RPID" || fail "the receiver was signalled"
alive "$RPID" || fail "the receiver exited"
[ ! -s "$T/out" ] || fail "the receiver wrote something: $(cat "$T/out")"

timeout 10 "$SIGSEND" "$RPID" "$T/missing" <"$T/a" >"$T/send.out" 2>"$T/send.err"
expect_status 66 $? "sigsend MISSING"
idle_still "$RPID" || fail "the receiver was signalled"

# It received nothing: the next sender is its one and only transfer.
timeout 30 "$SIGSEND" -m next "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend after the failures"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ "$(cat "$T/out")" = next ] || fail "receiver output: '$(cat "$T/out")'"
[ "$(wc -l <"$T/recv.err")" -eq 1 ] || fail "receiver complained: $(cat "$T/recv.err")"
