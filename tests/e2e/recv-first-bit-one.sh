# Every frame starts with a 0 bit: an idle receiver does not take a 1
# (SIGUSR2: a late FIN, a stray) for a sender's first bit, even from a
# process that catches SIGUSR1 and SIGUSR2, and never answers it.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# The stranger: catches both, each logged; sends SIGUSR2 (bit 1); then
# logs a tick every 50 ms, after which any signal it got is logged too.
sh -c 'trap "echo USR1 >>\"$2.got\"" USR1; trap "echo USR2 >>\"$2.got\"" USR2
	kill -USR2 "$1"; echo sent >"$2.sent"
	while :; do sleep 0.05; echo tick >>"$2.ticks"; done' sh "$RPID" "$T/x" &
XPID=$!
started "$XPID"
wait_file "$T/x.sent" 10 || fail "the stranger did not run"
# The receiver takes signals in order: once this transfer is done, the
# stranger's bit was handled long before (and any answer sent).
"$SIGSEND" "$RPID" -m "after a 1 bit" 2>"$T/send.err"
expect_status 0 $? "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = "after a 1 bit" ] || fail "output: $(cat "$T/out")"
# Two more ticks: an answer that was on its way has been logged.
ticks() { [ -e "$T/x.ticks" ] && wc -l <"$T/x.ticks" || echo 0; }
n=$(ticks)
_more() { [ "$(ticks)" -ge $((n + 2)) ]; }
wait_until 10 _more || fail "the stranger stopped ticking"
[ ! -s "$T/x.got" ] || fail "the receiver answered a 1 bit: the stranger got $(tr '\n' ' ' <"$T/x.got")"
