# The sender is killed (SIGKILL) in the middle of a transfer.
#  1. sigrecv -w 3 -o FILE notices and exits non-zero (how soon is logged, not judged);
#     neither FILE nor a temp file remains.
#  2. sigrecv -k -w 3 -o FILE reports it, goes on waiting and serves the
#     next sender correctly.
. "${top_srcdir:-.}/tests/test-env.sh"

W=3
payload "$T/in1" 65536
head -c 8192 /dev/urandom >"$T/in2" || exit 99

# kill_sender_midway NAME: start sigsend with $T/in1 at $RPID, wait until
# the transfer to -o $T/NAME is under way, SIGKILL the sender and reap it.
# Sets T_KILL (ms).
kill_sender_midway() {
	send_held "$T/in1" "$RPID"
	wait_until 30 has_temp "$1" || fail "no temp file appeared: the transfer never started"
	alive "$SPID" || fail "the transfer ended before the sender could be killed"
	kill -KILL "$SPID"
	release_held
	T_KILL=$(now_ms)
	wait_exit "$SPID" 10 || fail "sigsend survived SIGKILL"
	expect_status 137 "$STATUS" "sigsend after SIGKILL"
}

# 1. One-shot receiver.
start_receiver -w "$W" -o "$T/dest"
kill_sender_midway dest
wait_receiver 60
t=$(($(now_ms) - T_KILL))
echo "sigrecv -w $W noticed its dead sender after $t ms"  # a starved machine may take longer: not judged
[ "$RSTATUS" -ne 0 ] || fail "sigrecv exited 0 although its sender died mid-transfer"
[ "$RSTATUS" -lt 128 ] || fail "sigrecv died by a signal (status $RSTATUS)"
grep -q '^sigrecv: ' "$T/recv.err" || fail "sigrecv printed no error"
[ ! -e "$T/dest" ] || fail "a partial output file appeared"
no_temp dest
[ ! -e "$T/recv.pid" ] || fail "pid file left"

# 2. -k: the next sender is served.  It may come while the receiver is
# still finding out about the dead one.
start_receiver -k -w "$W" -o "$T/dest2"
kill_sender_midway dest2
"$SIGSEND" $SEND_OPTS "$RPID" "$T/in2" 2>"$T/send2.err" &
SPID2=$!
started "$SPID2"
wait_exit "$SPID2" 60 || fail "the next sender still running after 60s"
expect_status 0 "$STATUS" "the next sender ($(cat "$T/send2.err"))"
alive "$RPID" || fail "sigrecv -k exited after its sender died"
cmp -s "$T/in2" "$T/dest2" || fail "the next transfer's output differs from its input"
no_temp dest2
grep -q '^sigrecv: .*sender' "$T/recv.err" || fail "sigrecv -k did not report the dead sender: $(cat "$T/recv.err")"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"
