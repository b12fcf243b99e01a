# While a fast transfer runs, a forger sprays the sender with verdict
# words (a sweep of every OK verdict's 16-bit check on signal 40) and
# with records of guessed tags on signal 41, all claiming the receiver's
# PID: none is taken for the receiver's, and the transfer completes byte
# for byte, both sides exit 0.
MT_TRANSPORT=fast
. "${top_srcdir:-.}/tests/test-env.sh"

fault_begin
"$FORGE" -s 40 -p "$RPID" -w 0x01000000 -k -n 65536 "$SPID" || fail "forge failed"
"$FORGE" -s 41 -p "$RPID" -R 52 -n 5000 "$SPID" || fail "forge failed"
alive "$SPID" || fail "the transfer ended before the spray was over: nothing was tested"
fault_end "forged verdicts at the sender"
