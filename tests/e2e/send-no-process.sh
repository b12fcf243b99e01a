# sigsend to a PID with no process: 69, 'sigsend: PID: No such process'.
. "${top_srcdir:-.}/tests/test-env.sh"

true &
DEAD=$!
wait "$DEAD"
printf 'data\n' | timeout 10 "$SIGSEND" "$DEAD" >"$T/out" 2>"$T/err"
st=$?
expect_status 69 "$st" "sigsend to a dead PID"
[ "$(cat "$T/err")" = "sigsend: $DEAD: No such process" ] ||
	fail "message: '$(cat "$T/err")', expected 'sigsend: $DEAD: No such process'"
[ ! -s "$T/out" ] || fail "wrote to stdout"

timeout 10 "$SIGSEND" -m hi "$DEAD" >"$T/out" 2>"$T/err"
expect_status 69 $? "sigsend -m to a dead PID"
[ "$(cat "$T/err")" = "sigsend: $DEAD: No such process" ] || fail "message with -m: '$(cat "$T/err")'"
