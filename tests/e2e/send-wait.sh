# sigsend --wait SECS: the sender may start first; it waits, sending no
# signal, until the receiver appears under its name or its pid file is
# written, then sends.  The other order works the same.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'report\n' >"$T/report.txt"
mkdir "$T/incoming" || exit 99

# Sender first, by name.
"$SIGSEND" --wait 30 inbox "$T/report.txt" 2>"$T/send.err" &
SPID=$!
started "$SPID"
# It must still be waiting a while later (a name that does not exist is
# not an error under --wait).
! wait_gone "$SPID" 1 || fail "sigsend --wait exited before the receiver came: $(cat "$T/send.err")"
"$SIGRECV" -N inbox -d "$T/incoming" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_exit "$SPID" 60 || fail "sigsend --wait still running after the receiver came"
expect_status 0 "$STATUS" "sigsend --wait NAME started first ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -N inbox -d ($(cat "$T/recv.err"))"
cmp -s "$T/report.txt" "$T/incoming/report.txt" || fail "incoming/report.txt missing or wrong"

# Receiver first, by name: --wait does not delay a receiver already there.
rm -f "$T/incoming/report.txt"
"$SIGRECV" -N inbox -d "$T/incoming" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
timeout 30 "$SIGSEND" --wait 30 inbox "$T/report.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend --wait NAME started second ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv (second order)"
cmp -s "$T/report.txt" "$T/incoming/report.txt" || fail "incoming/report.txt wrong (second order)"

# Sender first, by pid file, with a stale pid file already there (the
# PID of a process that has exited): it waits for the file to be renewed.
true &
DEAD=$!
wait "$DEAD"
echo "$DEAD" >"$T/rx.pid"
"$SIGSEND" --wait=30 "$T/rx.pid" -m "by pid file" 2>"$T/send.err" &
SPID=$!
started "$SPID"
! wait_gone "$SPID" 1 || fail "sigsend --wait PATH exited before the receiver came: $(cat "$T/send.err")"
"$SIGRECV" -P "$T/rx.pid" >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_exit "$SPID" 60 || fail "sigsend --wait PATH still running"
expect_status 0 "$STATUS" "sigsend --wait PATH ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -P"
[ "$(cat "$T/out")" = "by pid file" ] || fail "output: '$(cat "$T/out")'"
