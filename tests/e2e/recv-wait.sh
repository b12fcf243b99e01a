# --wait SECS: sigrecv gives up with 75 when no sender comes; with -k the
# server ends once idle that long.
. "${top_srcdir:-.}/tests/test-env.sh"

for k in "" -k; do
	timeout 10 "$SIGRECV" $k --wait 0.5 >"$T/out" 2>"$T/err"
	expect_status 75 $? "sigrecv $k --wait 0.5"
	grep -q "^sigrecv: no sender came (timeout)$" "$T/err" || fail "message: $(cat "$T/err")"
done
