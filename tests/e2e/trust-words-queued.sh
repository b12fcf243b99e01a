# In a session, a word counts only if it was queued (SI_QUEUE): a signal
# 40 sent by kill(2), even by the peer itself, carries no word and is
# dropped, unanswered.  The peer (tests/forge -P) sends a stamped 0, is
# answered, then kill(2)s 40 (word 0 would be position query 0) and then
# queues position query 1: only query 1 is answered.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# Signal 40 arrives in order at both ends: any answer to the kill(2) is
# logged before the answer to query 1.
pretend_session 0kq '40 qid 1' || fail "query 1 was never answered"
! grep -q '^40 qid 0$' "$T/x.got" ||
	fail "the receiver took a signal 40 sent by kill(2) for a word: $(tr '\n' ' ' <"$T/x.got")"
