# A forged TURN word (0xF4000000 on signal 40, si_pid claiming the
# sender) reaches the receiver in the middle of a fast transfer: words on
# signal 40 carry no key, so it is ignored; the transfer completes byte
# for byte, both sides exit 0.
MT_TRANSPORT=fast
. "${top_srcdir:-.}/tests/test-env.sh"

fault_begin
"$FORGE" -s 40 -p "$SPID" -w 0xF4000000 "$RPID" || fail "forge failed"
"$FORGE" -s 40 -p "$SPID" -w 0xF2000000 "$RPID" || fail "forge failed"
"$FORGE" -s 40 -p "$SPID" -w 0xF3000000 "$RPID" || fail "forge failed"
fault_end "forged TURN, FIN and RESYNC words at the receiver"
