# A forged TURN word (0xF4000000 on signal 40, si_pid claiming the
# sender, as rt_sigqueueinfo lets any same-user process write) reaches
# the receiver in the middle of a --classic transfer.  The classic
# transport takes its control only from kernel-stamped SIGUSR1/SIGUSR2,
# so the word is dropped: the transfer completes byte for byte, both
# sides exit 0 (before: sigsend 69, sigrecv 76).
. "${top_srcdir:-.}/tests/test-env.sh"

fault_begin
"$FORGE" -s 40 -p "$SPID" -w 0xF4000000 "$RPID" || fail "forge failed"
fault_end "a forged TURN at the receiver"
