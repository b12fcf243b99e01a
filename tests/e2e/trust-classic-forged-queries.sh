# A flood of forged position queries (words on signal 40, si_pid claiming
# the receiver's peer, as rt_sigqueueinfo lets any same-user process
# write) must not make the receiver answer or reset anything.  Judged by
# counts, not by time: a pretender (tests/forge -P, which passes every
# check of a sender) starts a session with one stamped bit and logs every
# signal it gets; 200 forged queries in its name follow (half asking for a
# reset).  The receiver answers the pretender's bit and nothing else: no
# word comes back (before: one word on signal 40 for every query, and a
# reset of the frame for half of them: a 6 s transfer took 29 s).
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -w 30
"$FORGE" -P 0 -L "$T/got" "$RPID" >"$T/sent" &
XPID=$!
started "$XPID"
wait_file "$T/sent" 10 || fail "the pretender did not run"
"$FORGE" -s 40 -p "$XPID" -w 0x8001 -k -n 100 "$RPID" || fail "forge failed"
"$FORGE" -s 40 -p "$XPID" -w 0x0001 -k -n 100 "$RPID" || fail "forge failed"
# A real sender is served once the receiver has let the pretender go:
# by then every forged query was taken in (signal 40 is queued).
timeout 60 "$SIGSEND" --classic -m "after the queries" "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend after the forged queries ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = "after the queries" ] || fail "output: $(cat "$T/out")"
answers=$(grep -c '^40$' "$T/got")
[ "$answers" -eq 0 ] || fail "the receiver answered $answers forged queries"
grep -q '^10$' "$T/got" || fail "the pretender's bit was not answered: nothing was tested"
