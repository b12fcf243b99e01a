# A queued word on signal 40 and on 41 (the fast transport's signals,
# forged with si_pid claiming the peer) reaches a --classic sender and a
# --classic receiver in mid-transfer.  Both keep the signals caught or
# blocked for the whole session (a default action would kill them) and
# drop the words: the transfer completes intact, both exit 0.
. "${top_srcdir:-.}/tests/test-env.sh"

fault_begin
for sig in 40 41; do
	"$FORGE" -s $sig -p "$RPID" -w 0xF4000000 "$SPID" || fail "forge $sig at the sender failed"
	"$FORGE" -s $sig -p "$SPID" -w 0xF4000000 "$RPID" || fail "forge $sig at the receiver failed"
	"$FORGE" -s $sig -p "$RPID" -r -n 20 "$SPID" || fail "forge $sig at the sender failed"
	"$FORGE" -s $sig -p "$SPID" -r -n 20 "$RPID" || fail "forge $sig at the receiver failed"
done
fault_end "words on 40 and 41 at a classic sender and receiver"
