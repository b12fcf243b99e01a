# A process that is not a sigsend signals a receiver (a kernel-stamped
# SIGUSR1, then a position query on signal 40 in its own name): the
# receiver never signals it back (signal 40 would kill a process that
# does not catch it), and goes on serving real senders.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
# catches SIGUSR1 and SIGUSR2 only, writes down what it gets; knocks
# once as a sender would start, then sends a query as its own
sh -c 'trap "echo USR1 >>\"$0\"" USR1; trap "echo USR2 >>\"$0\"" USR2
	kill -USR1 "$1" && "$2" -s 40 -w 1 "$1" && echo knocked >"$0.done"
	while :; do sleep 1; done' "$T/got" "$RPID" "$FORGE" &
IMP=$!
started "$IMP"
wait_file "$T/got.done" || fail "the impostor did not knock"
# a real message is served after it, and only it is written
deliver "$RPID" real
alive "$IMP" || fail "the impostor died (the receiver signalled it)"
[ ! -e "$T/got" ] || fail "the receiver answered the impostor: $(tr '\n' ' ' <"$T/got")"
