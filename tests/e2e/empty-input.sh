# Empty input: an empty output, and both ends exit 0.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
echo stale >"$T/out.before"
timeout 30 "$SIGSEND" "$RPID" </dev/null 2>"$T/send.err"
expect_status 0 $? "sigsend"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ -f "$T/out" ] && [ ! -s "$T/out" ] || fail "output is not empty: $(od -c "$T/out" | head -3)"

# The same through -o: the file appears, empty.
start_receiver -o "$T/empty"
timeout 30 "$SIGSEND" "$RPID" </dev/null 2>>"$T/send.err"
expect_status 0 $? "sigsend (to -o)"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -o"
[ -f "$T/empty" ] || fail "-o did not create the (empty) output file"
[ ! -s "$T/empty" ] || fail "-o output is not empty"
no_temp empty
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"
