# A same-user process forges a whole message as bits (SIGUSR1/SIGUSR2
# queued with rt_sigqueueinfo, si_pid claiming a live sigsend): the
# classic transport takes only kernel-stamped bits (SI_USER, SI_TKILL),
# so nothing forged is written, the claimed sender is never signalled,
# and the real message that follows arrives alone.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# a live sender, waiting for a pid file that never comes: it passes every
# check a receiver makes of a peer, but sends nothing itself
"$SIGSEND" -q --wait 60 "$T/never.pid" </dev/null 2>"$T/claimed.err" &
CPID=$!
started "$CPID"
wait_until 10 catches_all "$CPID" || fail "sigsend never set up its signals"
"$FORGE" -m forged -p "$CPID" "$RPID" || fail "forge failed"
alive "$RPID" || fail "sigrecv took the forged message and exited ($(cat "$T/out"))"
[ ! -s "$T/out" ] || fail "sigrecv wrote forged bits: $(cat "$T/out")"
deliver "$RPID" real
