# One random data signal (24 bytes on signal 41, si_pid claiming the
# sender) reaches the receiver in the middle of a fast transfer: the
# frame it lands in fails its keyed tag and is sent again; the transfer
# completes byte for byte, both sides exit 0.
MT_TRANSPORT=fast
. "${top_srcdir:-.}/tests/test-env.sh"

fault_begin
"$FORGE" -p "$SPID" -r "$RPID" || fail "forge failed"
fault_end "one forged data signal at the receiver"
