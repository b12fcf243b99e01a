# An -e command that exits but leaves something behind holding its
# stdout (sigrecv -w 3 -e 'sleep 300 & echo x'): the reply is printed,
# and what was left gets the -w time to let go of the output; then it is
# ended, as the command's orphans are, and both ends finish.  Before:
# sender and receiver waited for the sleep, 300 s.  The verdict: both
# exit 0 well before the sleep would end (a hard 60 s bound), and the
# sleep is gone.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -w 3 -e "sleep 300 & echo \$! >'$T/left.pid'; echo x"
t0=$(now_ms)
timeout 60 "$SIGSEND" -w 3 -m hi "$RPID" >"$T/reply" 2>"$T/send.err"
st=$?
t1=$(now_ms)
[ "$st" -ne 124 ] || fail "sigsend still waiting after 60 s (-w 3)"
expect_status 0 "$st" "sigsend ($(cat "$T/send.err"))"
[ "$(cat "$T/reply")" = x ] || fail "reply: '$(cat "$T/reply")'"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
left=$(cat "$T/left.pid")
alive "$left" && fail "the command's leftover $left still runs"
echo "both ends done in $((t1 - t0)) ms (-w 3)"
exit 0
