# Several FILEs are concatenated in order; - among them is stdin.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'first file\n' >"$T/a"
head -c 1000 /dev/urandom >"$T/b"
printf 'from stdin\n' >"$T/stdin"
printf 'last file, no newline' >"$T/c"
: >"$T/empty"

start_receiver
timeout 60 "$SIGSEND" "$RPID" "$T/a" "$T/b" - "$T/empty" "$T/c" <"$T/stdin" 2>"$T/send.err"
expect_status 0 $? "sigsend a b - empty c"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cat "$T/a" "$T/b" "$T/stdin" "$T/c" >"$T/want"
cmp -s "$T/want" "$T/out" || fail "output is not a, b, stdin, c in order"

# Same file twice, and stdin first.
start_receiver
printf 'in\n' | timeout 60 "$SIGSEND" "$RPID" - "$T/a" "$T/a" 2>>"$T/send.err"
expect_status 0 $? "sigsend - a a"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
{ printf 'in\n'; cat "$T/a" "$T/a"; } >"$T/want2"
cmp -s "$T/want2" "$T/out" || fail "output is not stdin, a, a: $(cat "$T/out")"
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"
