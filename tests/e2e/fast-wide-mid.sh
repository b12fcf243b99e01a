# A receiver that gets the 32 bytes in si_value, si_uid and si_errno of a
# queued signal intact but not the padding after si_code (a shim clears
# it, as a 32-bit system or an older build would): the probe finds that
# out and the transfer goes on with 32 bytes per signal, intact, never
# with 36 of which 4 are lost.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

shim nopad
head -c 1048576 /dev/urandom >"$T/in.bin" || exit 99
RECV_WRAP="env LD_PRELOAD=$SHIM" start_receiver -v -o "$T/dest"
timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
grep -q '^sigsend: transport: fast, 32 bytes per signal' "$T/send.err" ||
	fail "sigsend -v: $(cat "$T/send.err")"
grep -q 'fast transport (32 bytes per signal)' "$T/recv.err" ||
	fail "sigrecv -v: $(cat "$T/recv.err")"
