# The reply streams, and a slow command is not a timeout:
#  1. a command printing a line a second: sigsend's stdout, read through a
#     FIFO and time-stamped line by line, shows "1" while sigsend still
#     runs, and the lines come a second apart, not all at the end;
#  2. `sleep 12; echo done` with sigsend -w 3 (and sigrecv -w 3): no
#     timeout, the sender prints "done" and exits 0, well after 3 s.
. "${top_srcdir:-.}/tests/test-env.sh"

# 1. A line a second.
start_receiver -e 'for i in 1 2 3; do echo $i; sleep 1; done'
mkfifo "$T/fifo" || exit 99
(
	while IFS= read -r line; do
		echo "$(now_ms) $line"
	done
) <"$T/fifo" >"$T/stamped" &
started "$!"
LPID=$!
reply_bg "$T/fifo" -m go "$RPID"
wait_until 20 grep -qs ' 1$' "$T/stamped" || fail "the first line never came: $(cat "$T/send.err")"
alive "$SPID" || fail "the first line came only when sigsend had finished"
reply_end 0 "a line a second"
wait_exit "$LPID" 10 || fail "the FIFO reader is still running"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cut -d' ' -f2 "$T/stamped" | tr '\n' ' ')" = "1 2 3 " ] ||
	fail "the lines: $(cat "$T/stamped")"
t1=$(sed -n '1s/ .*//p' "$T/stamped")
t2=$(sed -n '2s/ .*//p' "$T/stamped")
t3=$(sed -n '3s/ .*//p' "$T/stamped")
echo "lines at +0, +$((t2 - t1)), +$((t3 - t1)) ms"
[ $((t2 - t1)) -ge 500 ] && [ $((t3 - t2)) -ge 500 ] ||
	fail "the lines came together, not as printed: $(cat "$T/stamped")"

# 2. Twelve seconds of silence from the command, three of timeout.
start_receiver -w 3 -e 'sleep 12; echo done'
t0=$(now_ms)
reply_bg "$T/done" -w 3 -m go "$RPID"
reply_end 0 "a command running 12 s, sigsend -w 3"
t=$(($(now_ms) - t0))
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -w 3 ($(cat "$T/recv.err"))"
[ "$(cat "$T/done")" = done ] || fail "the long command's reply: '$(cat "$T/done")'"
[ "$t" -ge 11000 ] || fail "sigsend was done after $t ms: the command did not run 12 s"

# A reply that trickles, a few bytes every 0.15 s and never a longer
# pause, for about a second: the sender waits for it (it may not take the
# silence for a sender that never said HELLO).
start_receiver -e 'for i in 1 2 3 4 5 6 7; do echo $i; sleep 0.15; done'
timeout 60 "$SIGSEND" -m go $SEND_OPTS "$RPID" >"$T/trickle" 2>"$T/send.err"
expect_status 0 $? "a trickling reply ($(cat "$T/send.err"))"
[ "$(tr '\n' ' ' <"$T/trickle")" = "1 2 3 4 5 6 7 " ] || fail "a trickling reply: '$(cat "$T/trickle")'"
wait_receiver 10
