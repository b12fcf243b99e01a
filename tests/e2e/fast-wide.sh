# On 64-bit Linux a queued signal delivers 36 bytes the sender wrote
# (the 24 from si_value on, si_uid, si_errno and the padding after
# si_code; si_pid stays honest): the probe finds them and the fast
# transport carries 36 bytes per signal, intact, and both sides say so
# with -v.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

[ "$(uname -s)" = Linux ] && [ "$(getconf LONG_BIT 2>/dev/null)" = 64 ] ||
	{ echo "SKIP: 36-byte signals are a 64-bit Linux matter" >&2; exit 77; }
head -c 2097152 /dev/urandom >"$T/in.bin" || exit 99
start_receiver -v -o "$T/dest"
timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
grep -q '^sigsend: transport: fast, 36 bytes per signal' "$T/send.err" ||
	fail "sigsend -v: $(cat "$T/send.err")"
grep -q 'fast transport (36 bytes per signal)' "$T/recv.err" ||
	fail "sigrecv -v: $(cat "$T/recv.err")"
