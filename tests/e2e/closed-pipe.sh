# sigrecv | head -c 10 with more input than that: once head has gone,
# the receiver gets a write error, says so and stops; the sender is told.
# Nothing hangs.
. "${top_srcdir:-.}/tests/test-env.sh"

# More than a pipe holds (64 KiB on Linux): the receiver's writes cannot
# all land in the pipe before head has gone, however fast they come.
head -c 262144 /dev/urandom >"$T/in.bin" || exit 99
mkfifo "$T/pipe" || exit 99
head -c 10 <"$T/pipe" >"$T/head.out" &
HPID=$!
started "$HPID"
RECV_OUT=$T/pipe
start_receiver
RECV_OUT=
timeout 60 "$SIGSEND" "$RPID" <"$T/in.bin" 2>"$T/send.err" &
SPID=$!
started "$SPID"

wait_exit "$HPID" 30 || fail "head never got its 10 bytes"
wait_exit "$RPID" 20 || fail "sigrecv still running 20s after its reader went away"
RSTATUS=$STATUS
wait_exit "$SPID" 20 || fail "sigsend still running 20s after the receiver stopped"
SSTATUS=$STATUS

head -c 10 "$T/in.bin" | cmp -s - "$T/head.out" || fail "head did not get the first 10 bytes"
[ "$RSTATUS" -ne 0 ] || fail "sigrecv exited 0 although its output was closed"
expect_status 74 "$RSTATUS" "sigrecv | (closed pipe)"
grep -q 'stdout' "$T/recv.err" || fail "sigrecv's message does not name stdout: $(cat "$T/recv.err")"
grep -Eqi 'broken pipe|write error' "$T/recv.err" || fail "sigrecv's message does not say why: $(cat "$T/recv.err")"
[ "$SSTATUS" -ne 124 ] || fail "sigsend hung (killed by timeout)"
[ "$SSTATUS" -ne 0 ] || fail "sigsend exited 0 although the output was lost"
expect_status 74 "$SSTATUS" "sigsend to a receiver with a closed pipe"
grep -q '^sigsend: ' "$T/send.err" || fail "sigsend printed no error"
