# The reply streams, and a slow command is not a timeout:
#  1. a command printing three lines, each only once the test has seen
#     the one before on sigsend's stdout (read through a FIFO): each line
#     reaches it while the command still runs, not all at the end;
#  2. `sleep 20; echo done` with sigsend -w 6 (and sigrecv -w 6): no
#     timeout, the sender prints "done" and exits 0, well after 6 s.
. "${top_srcdir:-.}/tests/test-env.sh"

# 1. A line at a time, each waiting for the test to have seen the last.
start_receiver -e "for i in 1 2 3; do echo \$i; while [ \$i -lt 3 ] && [ ! -e '$T/seen'\$i ]; do sleep 0.02; done; done"
mkfifo "$T/fifo" || exit 99
(
	while IFS= read -r line; do
		echo "$line"
	done
) <"$T/fifo" >"$T/lines" &
started "$!"
LPID=$!
reply_bg "$T/fifo" -m go "$RPID"
for i in 1 2 3; do
	wait_until 30 grep -qsx "$i" "$T/lines" || fail "line $i never came: $(cat "$T/send.err")"
	[ "$i" -eq 3 ] || alive "$SPID" || fail "line $i came only when sigsend had finished"
	: >"$T/seen$i"
done
reply_end 0 "a line at a time"
wait_exit "$LPID" 10 || fail "the FIFO reader is still running"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(tr '\n' ' ' <"$T/lines")" = "1 2 3 " ] || fail "the lines: $(cat "$T/lines")"

# 2. Twenty seconds of silence from the command, six of timeout: three
# times as long, and the six a loaded machine's margin for a knock's
# answer (a receiver that cannot answer in -w is silent, by definition).
start_receiver -w 6 -e 'sleep 20; echo done'
t0=$(now_ms)
reply_bg "$T/done" -w 6 -m go "$RPID"
reply_end 0 "a command running 20 s, sigsend -w 6"
t=$(($(now_ms) - t0))
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -w 6 ($(cat "$T/recv.err"))"
[ "$(cat "$T/done")" = done ] || fail "the long command's reply: '$(cat "$T/done")'"
[ "$t" -ge 19000 ] || fail "sigsend was done after $t ms: the command did not run 20 s"

# A reply that trickles, a few bytes every 0.15 s and never a longer
# pause, for about a second: the sender waits for it (it may not take the
# silence for a sender that never said HELLO).
start_receiver -e 'for i in 1 2 3 4 5 6 7; do echo $i; sleep 0.15; done'
timeout 60 "$SIGSEND" -m go $SEND_OPTS "$RPID" >"$T/trickle" 2>"$T/send.err"
expect_status 0 $? "a trickling reply ($(cat "$T/send.err"))"
[ "$(tr '\n' ' ' <"$T/trickle")" = "1 2 3 4 5 6 7 " ] || fail "a trickling reply: '$(cat "$T/trickle")'"
wait_receiver 10
