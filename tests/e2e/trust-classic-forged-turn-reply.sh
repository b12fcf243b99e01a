# A forged TURN word (0xF4000000 on signal 40, si_pid claiming the
# receiver) reaches sigsend --classic while it waits for a reply (the
# command sleeps): the classic transport hears control only in
# kernel-stamped bits, so the word is dropped and the reply arrives
# (before: sigsend exited 76).
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -e 'cat >/dev/null; sleep 2; echo done'
rm -f "$T/reply"
reply_bg "$T/reply" -m go "$RPID"
# the command runs: the sender waits for its reply
wait_until 30 sh -c "pgrep -P $RPID >/dev/null" || fail "the command never started"
alive "$SPID" || fail "sigsend ended before the forgery: $(cat "$T/send.err")"
"$FORGE" -s 40 -p "$RPID" -w 0xF4000000 "$SPID" || fail "forge failed"
reply_end 0 "a forged TURN at the waiting sender"
[ "$(cat "$T/reply")" = done ] || fail "reply: '$(cat "$T/reply")'"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
