# sigsend --fast to a receiver that does not offer the fast transport (a
# system without real-time signal 41, as a shim makes it; a receiver from
# before the fast transport answers the same): the classic transport is
# used, the transfer succeeds, and -v says so.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

shim nort41
head -c 20000 /dev/urandom >"$T/in.bin" || exit 99
RECV_WRAP="env LD_PRELOAD=$SHIM" start_receiver -o "$T/dest"
timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
grep -q '^sigsend: transport: classic.*does not offer the fast one' "$T/send.err" ||
	fail "sigsend -v does not say it fell back: $(cat "$T/send.err")"

# The same without --fast: a file larger than a short frame asks for the
# fast transport by default, and falls back the same way.
RECV_WRAP="env LD_PRELOAD=$SHIM" start_receiver -o "$T/dest2"
timeout 60 "$SIGSEND" -v "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest2" || fail "output differs from input (default transport)"
grep -q '^sigsend: transport: classic.*does not offer the fast one' "$T/send.err" ||
	fail "sigsend -v (default) does not say it fell back: $(cat "$T/send.err")"
