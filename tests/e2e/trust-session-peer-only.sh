# In a session only the peer is heard: a kernel-stamped bit from any
# other process is dropped, never answered (the answer would go to the
# peer).  The peer (tests/forge -P, which passes every check of a sender)
# sends a stamped 0 and is answered; a child of it (another PID) sends a
# stamped 0, then the peer a stamped 1: the peer gets exactly two
# answers, 0 then 1.  (Strays from other processes meet the frame checks
# as well; this pins the si_pid filter on its own.)
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# The receiver takes the child's SIGUSR1 before the peer's SIGUSR2 (sent
# after it), and the peer logs SIGUSR1 before SIGUSR2: an answer to the
# child's bit is logged before the answer to the peer's 1.
pretend_session 0f1 12 || fail "the peer's bits were never answered"
[ "$(tr '\n' ' ' <"$T/x.got")" = "10 12 " ] ||
	fail "the receiver answered another process's bit: the peer got $(tr '\n' ' ' <"$T/x.got")"
