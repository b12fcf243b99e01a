# Non-dumpable ends (whose /proc/PID/fd no other process of the user may
# read) still prove to each other what they are: as nobody, a sigrecv
# --echo is taken for a receiver, takes sigsend for a sender, and the
# reply comes back.
. "${top_srcdir:-.}/tests/test-env.sh"
. "${top_srcdir:-.}/tests/nobody-env.sh"

$AS_NOBODY "$NB_RECV" --echo -P "$T/recv.pid" >/dev/null 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
! $AS_NOBODY ls "/proc/$RPID/fd" >/dev/null 2>&1 || fail "nobody may read sigrecv's /proc/PID/fd"
$AS_NOBODY timeout 30 "$NB_SEND" -m hello "$RPID" >"$T/reply" 2>"$T/send.err"
expect_status 0 $? "sigsend to a non-dumpable sigrecv ($(cat "$T/send.err"))"
[ "$(cat "$T/reply")" = hello ] || fail "reply: '$(cat "$T/reply")'"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
