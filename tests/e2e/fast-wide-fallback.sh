# A receiver that gets only the 24 bytes from si_value on intact (a shim
# clears si_errno and si_uid of its data signals, as an older build or
# another kernel would): the probe finds that out and the transfer goes
# on with 24 bytes per signal, intact, never with 32 or 36 of which some
# are lost.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

shim nowide
head -c 1048576 /dev/urandom >"$T/in.bin" || exit 99
RECV_WRAP="env LD_PRELOAD=$SHIM" start_receiver -v -o "$T/dest"
timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
grep -q '^sigsend: transport: fast, 24 bytes per signal' "$T/send.err" ||
	fail "sigsend -v: $(cat "$T/send.err")"
grep -q 'fast transport (24 bytes per signal)' "$T/recv.err" ||
	fail "sigrecv -v: $(cat "$T/recv.err")"
