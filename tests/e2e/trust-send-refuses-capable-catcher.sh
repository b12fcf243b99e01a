# sigsend to a same-user process that catches SIGUSR1, SIGUSR2, 40 and 41
# and holds a capability sigsend lacks (so its /proc/PID/fd cannot be read
# by sigsend): it is not proven a receiver, so it is refused with 69 at
# once and gets no signal.  A check that cannot see fails closed.
. "${top_srcdir:-.}/tests/test-env.sh"
. "${top_srcdir:-.}/tests/nobody-env.sh"

NB_PRIV="--inh-caps=+net_raw --ambient-caps=+net_raw" nb_catcher "$T/got"
grep -q '^CapEff:.*2000$' "/proc/$CATCHER/status" ||
	{ echo "SKIP: the catch-all did not keep CAP_NET_RAW" >&2; exit 77; }
t0=$(now_ms)
$AS_NOBODY timeout 20 "$NB_SEND" -w 10 -m hello "$CATCHER" >"$T/out" 2>"$T/err"
st=$?
t1=$(now_ms)
expect_status 69 "$st" "sigsend to a capable catch-all ($(cat "$T/err"))"
[ $((t1 - t0)) -lt 5000 ] || fail "refused only after $((t1 - t0)) ms, not at once"
grep -q "^sigsend: $CATCHER: not a minitalk receiver" "$T/err" || fail "message: $(cat "$T/err")"
nb_no_signal "$T/got"
