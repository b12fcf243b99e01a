# MINITALK_NAME, the sender's file name given to the -e command, is made
# safe exactly as sigrecv -d makes names safe: no leading dot, control
# characters (a newline, an ESC) replaced by '_'.  The raw name would let a
# sender inject lines or terminal escapes into what the command prints.
. "${top_srcdir:-.}/tests/test-env.sh"

NL='
'
ESC=$(printf '\033')
raw="..a${NL}b${ESC}[2Jc"
mkdir "$T/src" "$T/D"
printf 'payload\n' >"$T/src/$raw" || exit 99

start_receiver -e 'printf %s "$MINITALK_NAME"'
reply_bg "$T/name" "$RPID" "$T/src/$raw"
reply_end 0 "sigsend FILE to -e"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -e ($(cat "$T/recv.err"))"
got=$(cat "$T/name"; echo .)
got=${got%.}
[ "$got" = "a_b_[2Jc" ] || fail "MINITALK_NAME is '$(printf %s "$got" | od -c | head -n 2)'"

# The very name -d gives the same file.
start_receiver -d "$T/D"
timeout 30 "$SIGSEND" "$RPID" "$T/src/$raw" 2>"$T/send.err"
expect_status 0 $? "sigsend FILE to -d ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -d ($(cat "$T/recv.err"))"
[ -f "$T/D/$got" ] || fail "-d wrote '$(ls -A "$T/D")', MINITALK_NAME says '$got'"
