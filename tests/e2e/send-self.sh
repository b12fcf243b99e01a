# sigsend given its own PID: 69, nothing sent.
. "${top_srcdir:-.}/tests/test-env.sh"

timeout 10 sh -c 'exec "$0" -m hi $$' "$SIGSEND" >"$T/out" 2>"$T/err" </dev/null
st=$?
expect_status 69 "$st" "sigsend OWN-PID"
grep -q '^sigsend: [0-9][0-9]*: that is this process.s own PID$' "$T/err" ||
	fail "message does not name the PID as sigsend's own: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "wrote to stdout"

printf 'data\n' | timeout 10 sh -c 'exec "$0" $$' "$SIGSEND" >"$T/out" 2>"$T/err"
expect_status 69 $? "printf | sigsend OWN-PID"
