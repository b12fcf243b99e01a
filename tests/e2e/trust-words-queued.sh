# In a classic session the peer's signals 40 and 41 sent by kill(2)
# carry nothing and are dropped, unanswered: no word is taken on 40 (the
# classic control rides on stamped bits) and a data signal counts only
# if it was queued (SI_QUEUE).  The peer (tests/forge -P) sends a stamped
# 0, is answered, kill(2)s 40 and 41, then sends another stamped 0: the
# receiver answers the two bits, and nothing else, in order.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
two_answers() { [ "$(wc -l <"$T/x.got")" -ge 2 ]; }
ok=
for try in 1 2 3; do
	pretend_session 0kK0 10 || fail "the first bit was never answered"
	# the answer to the last 0 comes after any answer to 40 or 41
	wait_until 10 two_answers && { ok=1; break; }
	kill "$XPID" 2>/dev/null
	wait_exit "$XPID" 10
done
[ -n "$ok" ] || fail "the second bit was never answered: $(tr '\n' ' ' <"$T/x.got")"
[ "$(tr '\n' ' ' <"$T/x.got")" = "10 10 " ] ||
	fail "the receiver answered a kill(2) of 40 or 41: $(tr '\n' ' ' <"$T/x.got")"
alive "$RPID" || fail "the receiver died of a signal 40 or 41"
