# A flood of forged signals during a fast transfer: 200 random data
# signals and 200 records with guessed tags at the receiver (claiming the
# sender's PID), 200 such records at the sender (claiming the receiver's).
# Every frame they land in is sent again; the transfer only slows down,
# completes byte for byte, and both sides exit 0.
# trust-fast-stray-flood-narrow.sh runs it on 8-byte signals, where a
# record takes two signals and a stray can split one.
MT_TRANSPORT=fast
. "${top_srcdir:-.}/tests/test-env.sh"

if [ -n "${FLOOD_NARROW:-}" ]; then
	shim narrow
	RECV_WRAP="env LD_PRELOAD=$SHIM"
fi
fault_begin
"$FORGE" -p "$SPID" -r -n 200 -i 1000 "$RPID" || fail "forge failed (data at the receiver)"
"$FORGE" -p "$SPID" -R 52 -n 200 -i 1000 "$RPID" || fail "forge failed (records at the receiver)"
"$FORGE" -p "$RPID" -R 52 -n 200 -i 1000 "$SPID" || fail "forge failed (records at the sender)"
alive "$SPID" || fail "the transfer ended before the flood did: nothing was tested"
fault_end "a flood of forged signals at both sides"
grep -q 'frames resent' "$T/send.err" || fail "no frame was sent again: $(cat "$T/send.err")"
if [ -n "${FLOOD_NARROW:-}" ]; then
	grep -q '^sigsend: transport: fast, 8 bytes per signal' "$T/send.err" ||
		fail "not on 8-byte signals: $(cat "$T/send.err")"
fi
