# Random binary through sigrecv -o FILE: identical bytes, mode from the
# umask, no temp file left behind.
. "${top_srcdir:-.}/tests/test-env.sh"

head -c 8192 /dev/urandom >"$T/in.bin" || exit 99
umask 027
start_receiver -o "$T/dest.bin"
timeout 60 "$SIGSEND" "$RPID" <"$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ -f "$T/dest.bin" ] || fail "no output file"
cmp -s "$T/in.bin" "$T/dest.bin" || fail "output differs from input"
[ ! -s "$T/out" ] || fail "payload also went to stdout"
mode=$(ls -l "$T/dest.bin" | cut -c1-10)
[ "$mode" = "-rw-r-----" ] || fail "mode $mode, expected -rw-r----- under umask 027"
no_temp dest.bin
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"
