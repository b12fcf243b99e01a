# A write error on stdout (here /dev/full): the receiver reports it and
# exits 74; the sender is told and exits 74 too.
. "${top_srcdir:-.}/tests/test-env.sh"

[ -c /dev/full ] || { echo "no /dev/full" >&2; exit 77; }
( printf x >/dev/full ) 2>/dev/null && { echo "/dev/full accepts writes" >&2; exit 77; }

printf 'hello, full disk\n' >"$T/in"
RECV_OUT=/dev/full
start_receiver
RECV_OUT=
timeout 30 "$SIGSEND" "$RPID" <"$T/in" 2>"$T/send.err"
st=$?
wait_receiver 10
expect_status 74 "$RSTATUS" "sigrecv >/dev/full"
grep -q 'stdout' "$T/recv.err" || fail "sigrecv's message does not name stdout: $(cat "$T/recv.err")"
grep -Eqi 'write error|no space' "$T/recv.err" || fail "sigrecv's message does not say why: $(cat "$T/recv.err")"
expect_status 74 "$st" "sigsend to a receiver that cannot write"
grep -q '^sigsend: ' "$T/send.err" || fail "sigsend printed no error"
