# -o onto a symlink: refused (73) without -f, like any existing name; with
# -f the link is replaced by the received file and its target is untouched.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'target\n' >"$T/target"
ln -s target "$T/link"
timeout 10 "$SIGRECV" -o "$T/link" 2>"$T/err"
expect_status 73 $? "sigrecv -o LINK"
printf 'payload\n' >"$T/in"
start_receiver -o "$T/link" -f
"$SIGSEND" "$RPID" "$T/in"
expect_status 0 $? "sigsend"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -o LINK -f"
[ ! -L "$T/link" ] || fail "the link is still a link"
cmp -s "$T/in" "$T/link" || fail "link not replaced by the payload"
[ "$(cat "$T/target")" = target ] || fail "the link's target was changed"
