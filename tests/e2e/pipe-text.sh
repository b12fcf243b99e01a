# Text piped into sigsend comes out of sigrecv's stdout unchanged.
. "${top_srcdir:-.}/tests/test-env.sh"

for i in $(seq 1 200); do
	echo "line $i: the quick brown fox jumps over the lazy dog"
done >"$T/in.txt"
start_receiver
"$SIGSEND" "$RPID" <"$T/in.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cmp -s "$T/in.txt" "$T/out" || fail "output differs from input"
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"
grep -q "^sigrecv: PID $RPID, waiting for a sender$" "$T/recv.err" || fail "no PID announcement"
