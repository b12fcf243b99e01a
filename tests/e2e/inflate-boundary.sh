# Files whose inflated size is a multiple of the receiver's 64 KiB write
# buffer end exactly when the buffer fills: each is still reported once
# (one XXH3 line per file with -v) and arrives intact.
. "${top_srcdir:-.}/tests/test-env.sh"

head -c 65536 /dev/zero >"$T/z64"
head -c 131072 /dev/zero >"$T/z128"
start_receiver -v -o "$T/dest"
"$SIGSEND" "$RPID" "$T/z64" "$T/z128" 2>"$T/send.err"
expect_status 0 $? "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cat "$T/z64" "$T/z128" | cmp -s - "$T/dest" || fail "output differs"
n=$(grep -c '^XXH3 (' "$T/recv.err")
[ "$n" -eq 2 ] || fail "expected 2 hash lines, got $n: $(cat "$T/recv.err")"
grep -q '^XXH3 (z64) = [0-9a-f]\{16\}$' "$T/recv.err" || fail "no line for z64"
grep -q '^XXH3 (z128) = [0-9a-f]\{16\}$' "$T/recv.err" || fail "no line for z128"
