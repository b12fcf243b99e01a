# sigsend -m TEXT sends TEXT and a newline, like echo, whatever UTF-8 it
# holds; printf %s TEXT | sigsend sends the bare bytes.
. "${top_srcdir:-.}/tests/test-env.sh"

text='Grüße, 世界! «naïve» café — ½ € 🙂 it'\''s "quoted" & $HOME \n; ok?'
printf '%s\n' "$text" >"$T/want.msg"
start_receiver
timeout 30 "$SIGSEND" -m "$text" "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend -m"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cmp -s "$T/want.msg" "$T/out" ||
	fail "-m output differs: got '$(cat "$T/out")'"

printf '%s' "$text" >"$T/want.bare"
start_receiver
printf '%s' "$text" | timeout 30 "$SIGSEND" "$RPID" 2>>"$T/send.err"
expect_status 0 $? "printf | sigsend"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cmp -s "$T/want.bare" "$T/out" ||
	fail "piped output differs: got '$(od -c "$T/out" | tail -3)'"
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"
