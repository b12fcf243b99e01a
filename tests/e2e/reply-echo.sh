# sigrecv --echo replies with the payload itself:
#  1. 1 MiB of random data comes back intact on the fast transport (16 KiB
#     on the classic one, at a bit per signal), exit 0;
#  2. a receiver with neither -e nor --echo gives no reply: sigsend's
#     stdout stays empty and the payload is written as before.
. "${top_srcdir:-.}/tests/test-env.sh"

# 1. --echo, on each transport.
for t in $TRANSPORTS; do
	if [ "$t" = fast ]; then SEND_OPTS=--fast n=1048576; else SEND_OPTS= n=16384; fi
	head -c "$n" /dev/urandom >"$T/in.bin" || exit 99
	start_receiver --echo
	reply_bg "$T/echoed" "$RPID" "$T/in.bin"
	reply_end 0 "--echo, $t"
	wait_receiver 10
	expect_status 0 "$RSTATUS" "sigrecv --echo, $t ($(cat "$T/recv.err"))"
	cmp -s "$T/in.bin" "$T/echoed" ||
		fail "$t: the echo differs from the input ($(wc -c <"$T/echoed") of $n bytes)"
	grep -q "^sigsend: reply of $n bytes; the command's status 0" "$T/send.err" ||
		fail "$t: sigsend -v says nothing of the reply: $(cat "$T/send.err")"
	[ ! -s "$T/out" ] || fail "$t: sigrecv --echo wrote the payload to its stdout"
done

# 2. No -e, no --echo: no reply, the payload goes to sigrecv's stdout.
for t in $TRANSPORTS; do
	if [ "$t" = fast ]; then SEND_OPTS=--fast; else SEND_OPTS=; fi
	head -c 4096 /dev/urandom >"$T/in.bin" || exit 99
	start_receiver
	reply_bg "$T/reply" "$RPID" "$T/in.bin"
	reply_end 0 "no -e, $t"
	wait_receiver 10
	expect_status 0 "$RSTATUS" "sigrecv, $t ($(cat "$T/recv.err"))"
	[ ! -s "$T/reply" ] || fail "$t: sigsend printed something without a replying receiver"
	cmp -s "$T/in.bin" "$T/out" || fail "$t: sigrecv's output differs from the input"
	! grep -q 'reply' "$T/send.err" || fail "$t: sigsend -v speaks of a reply: $(cat "$T/send.err")"
done
