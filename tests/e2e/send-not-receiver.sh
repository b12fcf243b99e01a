# sigsend to a live process that is not a receiver: 69, and it is NOT
# signalled (SIGUSR1 or SIGUSR2 would kill it).
. "${top_srcdir:-.}/tests/test-env.sh"

sleep 300 &
VICTIM=$!
started "$VICTIM"
wait_until 10 alive "$VICTIM" || fail "sleep did not start"
printf 'data\n' | timeout 10 "$SIGSEND" "$VICTIM" >"$T/out" 2>"$T/err"
st=$?
expect_status 69 "$st" "sigsend to sleep"
grep -q "^sigsend: $VICTIM: " "$T/err" || fail "message does not name the PID: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "wrote to stdout"
# A signal sent just before exiting is delivered by now, but give the
# victim's death a moment to show if it came.
! wait_gone "$VICTIM" 1 || fail "the non-receiver was killed (it was signalled)"

# A shell that catches SIGUSR1 but not SIGUSR2 is not a receiver either.
sh -c 'trap "echo USR1 >>\"$0\"" USR1; echo ready >"$0.ready"; while :; do sleep 1; done' "$T/half" &
HALF=$!
started "$HALF"
wait_file "$T/half.ready" || fail "half-catching shell did not start"
timeout 10 "$SIGSEND" -m hi "$HALF" >"$T/out" 2>"$T/err"
expect_status 69 $? "sigsend to a process catching only SIGUSR1"
! wait_gone "$HALF" 1 || fail "the half-catching shell was killed (it was signalled)"
[ ! -e "$T/half" ] || fail "the half-catching shell got SIGUSR1"
