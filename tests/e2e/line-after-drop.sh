# A sender the receiver let go before its HELLO (it was stopped, or just
# slow on a loaded machine) and that finds the receiver busy with another
# sender waits in line, however long the other takes, and is served
# after it: it does not time out as if the receiver had gone silent.
# On the classic transport; tests/e2e/fast/ runs it with --fast (whose
# handshake is on bits too).
. "${top_srcdir:-.}/tests/test-env.sh"

[ "${MT_PORTABLE:-no}" != yes ] ||
	{ echo "SKIP: the shim wraps sigwaitinfo, which the portable build does not use"; exit 77; }
shim stopfirst

printf 'first sender, let go before its HELLO\n' >"$T/a.txt"
head -c 8192 /dev/urandom >"$T/b.bin"
cat "$T/b.bin" "$T/a.txt" >"$T/want"

start_receiver -k
# A stops itself once the receiver has answered its first bit.
LD_PRELOAD=$SHIM "$SIGSEND" $SEND_OPTS -v -w 3 "$RPID" "$T/a.txt" 2>"$T/a.err" &
A=$!
started "$A"
wait_until 30 is_stopped "$A" || fail "sender A never stopped: $(cat "$T/a.err")"

# B comes; the receiver lets A go and serves B, whose input is held.
send_held "$T/b.bin" "$RPID"
wait_until 60 test -s "$T/out" || fail "sender B was never served: $(cat "$T/recv.err")"

# A resumes while the receiver is busy with B for longer than A's -w.
kill -CONT "$A"
said_in_line() { grep -q 'waiting in line' "$T/a.err" || ! alive "$A"; }
wait_until 60 said_in_line || fail "sender A neither waits in line nor ends"
alive "$A" || { wait_exit "$A" 1; fail "sender A gave up while B was served (status $STATUS): $(cat "$T/a.err")"; }
release_held

wait_exit "$SPID" 60 || fail "sender B still running"
expect_status 0 "$STATUS" "sender B: $(cat "$T/send.err")"
wait_exit "$A" 60 || fail "sender A still running"
expect_status 0 "$STATUS" "sender A: $(cat "$T/a.err")"
cmp -s "$T/want" "$T/out" || fail "output is not B's payload then A's ($(wc -c <"$T/out") bytes)"
alive "$RPID" || fail "sigrecv -k exited"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"
