# In a session, a bit counts only if the kernel stamped it: the peer
# (tests/forge -P, which passes every check of a sender) sends a stamped
# 0, is answered, then queues a 0 with rt_sigqueueinfo (SI_QUEUE: a bit
# whose si_pid anyone could have written) and sends a stamped 1.  The
# receiver answers the two stamped bits, and never the queued one.  (An
# idle receiver drops a forged bit as well; this pins the session's
# check on its own.)
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# The receiver takes SIGUSR1 before SIGUSR2 and answers a bit with the
# same bit, and the peer logs SIGUSR1 before SIGUSR2 (one handler at a
# time): an answer to the queued 0 is logged before the answer to the
# stamped 1.
pretend_session 0x1 12 || fail "the peer's stamped bits were never answered"
[ "$(tr '\n' ' ' <"$T/x.got")" = "10 12 " ] ||
	fail "the receiver answered a bit no kernel stamped: the peer got $(tr '\n' ' ' <"$T/x.got")"
