# Where a queued signal delivers only the 8 bytes of the POSIX sigqueue
# value (a shim cuts the rest at the receiver), the probe finds that out
# and the fast transport goes on with 8 bytes per signal, intact.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

shim narrow
head -c 1048576 /dev/urandom >"$T/in.bin" || exit 99
RECV_WRAP="env LD_PRELOAD=$SHIM" start_receiver -v -o "$T/dest"
timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
grep -q '^sigsend: transport: fast, 8 bytes per signal' "$T/send.err" ||
	fail "sigsend -v: $(cat "$T/send.err")"
