# PID reuse: a sender never signals the process that gets its receiver's
# PID after the receiver died.  In a private PID namespace (unshare; skip
# where it cannot be made): the sender is stopped mid-transfer, the
# receiver killed and reaped, and ns_last_pid set so that the next process,
# a `sleep` that dies of SIGUSR1, gets the receiver's PID.  On SIGCONT the
# sender must find its receiver gone (exit 69) and the sleep must live.
# A pidfd makes this safe; plain kill(2) by PID would kill the sleep.
. "${top_srcdir:-.}/tests/test-env.sh"

if [ -z "${MT_IN_PIDNS:-}" ]; then
	NS="unshare --user --map-root-user --pid --fork --mount-proc --kill-child"
	command -v unshare >/dev/null 2>&1 || { echo "SKIP: no unshare(1)" >&2; exit 77; }
	$NS true 2>"$T/unshare.err" ||
		{ echo "SKIP: cannot create a user+PID namespace: $(cat "$T/unshare.err")" >&2; exit 77; }
	export top_builddir top_srcdir
	MT_IN_PIDNS=1 timeout -k 5 120 $NS sh "$0"
	st=$?
	[ "$st" -ne 124 ] && [ "$st" -ne 137 ] || fail "the test hung in its PID namespace"
	exit "$st"
fi

# In the namespace: this shell is PID 1; everything else dies with it.
payload "$T/in.bin" 131072
start_receiver
send_bg "$T/in.bin" -w 5 "$RPID"
wait_until 30 test -s "$T/out" || fail "the transfer never started"
alive "$SPID" || fail "the transfer ended before the sender could be stopped"
kill -STOP "$SPID"
wait_until 5 is_stopped "$SPID" || fail "sigsend did not stop"
kill -KILL "$RPID"
wait_receiver 10
expect_status 137 "$RSTATUS" "sigrecv after SIGKILL"

# The receiver is reaped: its PID is free.  No process may be started
# between setting ns_last_pid and starting the victim.
# The fast transport's paced input is made by a loop of dd and sleep:
# stop it, so that it starts none meanwhile.
[ -z "${PACER:-}" ] || kill -STOP "$PACER"
if ! { echo $((RPID - 1)) >/proc/sys/kernel/ns_last_pid; } 2>"$T/nslp.err"; then
	echo "SKIP: cannot write /proc/sys/kernel/ns_last_pid: $(cat "$T/nslp.err")" >&2
	exit 77
fi
sleep 300 &
VPID=$!
started "$VPID"
[ "$VPID" -eq "$RPID" ] || { echo "could not give the victim PID $RPID (it got $VPID)" >&2; exit 99; }
is_sleep() {
	[ "$(cat "/proc/$VPID/comm" 2>/dev/null)" = sleep ]
}
wait_until 10 is_sleep || { echo "the victim did not start sleep" >&2; exit 99; }
grep -q '^SigCgt:[[:space:]]*0*$' "/proc/$VPID/status" ||
	{ echo "the victim catches signals: $(grep SigCgt "/proc/$VPID/status")" >&2; exit 99; }

kill -CONT "$SPID"
wait_exit "$SPID" 15 || fail "sigsend -w 5 still running 15s after SIGCONT"
SSTATUS=$STATUS
alive "$VPID" || fail "sigsend signalled the process that reused its receiver's PID $RPID"
expect_status 69 "$SSTATUS" "sigsend whose receiver's PID was reused ($(cat "$T/send.err"))"
grep -q '^sigsend: ' "$T/send.err" || fail "sigsend printed no error"
