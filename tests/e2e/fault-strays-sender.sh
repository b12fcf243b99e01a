# A third process fires 300 SIGUSR1/SIGUSR2 at the sender during a
# transfer.  sigsend ignores signals from anyone but its receiver; strays
# that merge with real bits are repaired.  Output intact, both exit 0.
. "${top_srcdir:-.}/tests/test-env.sh"

head -c 32768 /dev/urandom >"$T/in.bin" || exit 99
start_receiver -o "$T/dest"
"$SIGSEND" "$RPID" "$T/in.bin" 2>"$T/send.err" &
SPID=$!
started "$SPID"
wait_until 30 has_temp dest || fail "the transfer never started"
alive "$SPID" || fail "the transfer ended before the strays could start"

# The stray source: only ever the sender we started (not yet reaped,
# so its PID cannot have been reused).  300 signals, spread out a little.
(
	i=0
	while [ "$i" -lt 300 ]; do
		if [ $((i % 2)) -eq 0 ]; then sig=USR1; else sig=USR2; fi
		kill -"$sig" "$SPID" 2>/dev/null || exit 1
		i=$((i + 1))
		[ $((i % 20)) -ne 0 ] || sleep 0.02
	done
) &
XPID=$!
started "$XPID"
wait_exit "$XPID" 60 || fail "the stray loop did not finish"
[ "$STATUS" -eq 0 ] || fail "the sender was gone before all 300 strays were sent"
alive "$SPID" || fail "the transfer ended before all strays were fired: nothing was tested"

wait_exit "$SPID" 120 || fail "sigsend still running after 120s"
expect_status 0 "$STATUS" "sigsend under stray signals at the sender ($(cat "$T/send.err"))"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv while its sender got strays ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
no_temp dest
