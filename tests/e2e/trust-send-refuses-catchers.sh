# sigsend to a process that catches SIGUSR1 and SIGUSR2 (and even the
# real-time signals 40 and 41) but is not a minitalk receiver, as an
# interactive bash or top does: refused with 69 at once, and the process
# gets no signal at all.
. "${top_srcdir:-.}/tests/test-env.sh"

# a shell that catches all four and writes down each one it gets
sh -c 'for s in USR1 USR2 40 41; do trap "echo $s >>\"$0\"" $s; done
	echo ready >"$0.ready"; while :; do sleep 1; done' "$T/got" &
CATCHER=$!
started "$CATCHER"
wait_file "$T/got.ready" || fail "the catching shell did not start"
wait_until 10 catches_all "$CATCHER" || fail "the shell does not catch all four signals"
t0=$(now_ms)
timeout 20 "$SIGSEND" -w 10 -m hi "$CATCHER" >"$T/out" 2>"$T/err"
st=$?
t1=$(now_ms)
expect_status 69 "$st" "sigsend to a shell that catches its signals ($(cat "$T/err"))"
[ $((t1 - t0)) -lt 5000 ] || fail "refused only after $((t1 - t0)) ms, not at once"
grep -q "^sigsend: $CATCHER: not a minitalk receiver" "$T/err" ||
	fail "message: $(cat "$T/err")"
# Give a signal sent just before exiting the time to show.
! wait_gone "$CATCHER" 1 || fail "the shell died (it was signalled)"
[ ! -e "$T/got" ] || fail "the shell got signals: $(tr '\n' ' ' <"$T/got")"
