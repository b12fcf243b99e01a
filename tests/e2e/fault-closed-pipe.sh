# sigrecv -k | head -c 10, with far more input than that (the stricter
# variant of closed-pipe.sh): once head has gone, even a keep-going
# receiver stops, since no later transfer could be written either.  Both
# ends end promptly (well within their 10s timeouts) with exit 74 and an
# error message; no end hangs or waits for a timeout.
. "${top_srcdir:-.}/tests/test-env.sh"

i=0
while [ "$i" -lt 20000 ]; do
	echo "line $i: the quick brown fox jumps over the lazy dog"
	i=$((i + 1))
done >"$T/in.txt"
mkfifo "$T/pipe" || exit 99
head -c 10 <"$T/pipe" >"$T/head.out" &
HPID=$!
started "$HPID"
RECV_OUT=$T/pipe
start_receiver -k
RECV_OUT=
"$SIGSEND" $SEND_OPTS "$RPID" <"$T/in.txt" 2>"$T/send.err" &
SPID=$!
started "$SPID"

wait_exit "$HPID" 30 || fail "head never got its 10 bytes"
t0=$(now_ms)
wait_exit "$RPID" 20 || fail "sigrecv -k still running 20s after its reader went away"
RSTATUS=$STATUS
t1=$(now_ms)
wait_exit "$SPID" 20 || fail "sigsend still running 20s after the receiver stopped"
SSTATUS=$STATUS
t2=$(now_ms)

head -c 10 "$T/in.txt" | cmp -s - "$T/head.out" || fail "head did not get the first 10 bytes"
expect_status 74 "$RSTATUS" "sigrecv -k | (closed pipe)"
expect_status 74 "$SSTATUS" "sigsend to a receiver with a closed pipe"
[ $((t1 - t0)) -le 2000 ] || fail "sigrecv took $((t1 - t0)) ms to stop after head exited"
[ $((t2 - t0)) -le 2000 ] || fail "sigsend took $((t2 - t0)) ms to stop after head exited"
grep -q '^sigrecv: .*stdout' "$T/recv.err" || fail "sigrecv's message does not name stdout: $(cat "$T/recv.err")"
grep -q '^sigsend: ' "$T/send.err" || fail "sigsend printed no error"
[ ! -e "$T/recv.pid" ] || fail "pid file left"
