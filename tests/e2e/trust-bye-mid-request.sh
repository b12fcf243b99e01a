# A sender that gives up in mid-request (HELLO, FILE, one DATA frame,
# then BYE with no END) has not made a verified transfer: BYE is valid
# only between requests.  sigrecv -v says nothing is verified and exits
# 76 (protocol error); with -o no file appears.  Before: exit 0, "XXH3
# verified", the partial text on stdout.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -v
timeout 60 "$FORGE" -B "partial text" "$RPID" >"$T/forge.out" 2>"$T/forge.err" ||
	fail "forge failed: $(cat "$T/forge.err")"
wait_receiver
expect_status 76 "$RSTATUS" "sigrecv -v after BYE in mid-request ($(cat "$T/recv.err"))"
! grep -q verified "$T/recv.err" || fail "sigrecv claims a verified transfer: $(cat "$T/recv.err")"
grep -q '^BYE 0$' "$T/forge.out" && fail "BYE in mid-request was answered OK"

rm -f "$T/file.out"
start_receiver -o "$T/file.out"
timeout 60 "$FORGE" -B "partial text" "$RPID" >"$T/forge.out" 2>"$T/forge.err" ||
	fail "forge failed: $(cat "$T/forge.err")"
wait_receiver
expect_status 76 "$RSTATUS" "sigrecv -o after BYE in mid-request ($(cat "$T/recv.err"))"
[ ! -e "$T/file.out" ] || fail "-o file appeared"
exit 0
