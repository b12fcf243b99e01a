# sigrecv -e COMMAND answers each transfer with the command's output:
#  1. standard input, -m and a FILE operand each come back through
#     `tr a-z A-Z` upper-cased on sigsend's stdout, exit 0, and nothing
#     reaches sigrecv's own stdout;
#  2. the command's environment names the sender's PID, the file's base
#     name and its size (MINITALK_PEER, MINITALK_NAME, MINITALK_SIZE);
#  3. what the command writes to stderr goes to sigrecv's stderr, not back.
# Runs on the fast transport too (tests/e2e/fast/reply-exec.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

# 1. Three kinds of input, one receiver (-k) that upper-cases each.
start_receiver -k -e 'tr a-z A-Z'
mkfifo "$T/stdin" || exit 99
REPLY_IN=$T/stdin
reply_bg "$T/r1" "$RPID"
REPLY_IN=
echo hello >"$T/stdin"
reply_end 0 "echo hello | sigsend"
[ "$(cat "$T/r1")" = HELLO ] || fail "stdin: reply '$(cat "$T/r1")', expected HELLO"

reply_bg "$T/r2" -m 'a message' "$RPID"
reply_end 0 "sigsend -m"
[ "$(cat "$T/r2")" = "A MESSAGE" ] || fail "-m: reply '$(cat "$T/r2")'"

printf 'first line\nsecond line\n' >"$T/notes.txt"
reply_bg "$T/r3" "$RPID" "$T/notes.txt"
reply_end 0 "sigsend FILE"
printf 'FIRST LINE\nSECOND LINE\n' | cmp -s - "$T/r3" || fail "FILE: reply '$(cat "$T/r3")'"
[ ! -s "$T/out" ] || fail "sigrecv -e wrote the payload to its own stdout: $(cat "$T/out")"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"

# 2. The environment, for a FILE of a known size.
head -c 12345 /dev/urandom >"$T/notes.txt" || exit 99
start_receiver -e 'echo "$MINITALK_PEER $MINITALK_NAME $MINITALK_SIZE"'
reply_bg "$T/env" "$RPID" "$T/notes.txt"
reply_end 0 "the environment"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/env")" = "$SPID notes.txt 12345" ] ||
	fail "environment: '$(cat "$T/env")', expected '$SPID notes.txt 12345'"

# 3. stderr stays at the receiver.
start_receiver -e 'echo "to stderr: $(cat)" >&2; echo to stdout'
reply_bg "$T/r4" -m payload "$RPID"
reply_end 0 "a command writing to stderr"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/r4")" = "to stdout" ] || fail "stderr: the reply is '$(cat "$T/r4")'"
grep -qx 'to stderr: payload' "$T/recv.err" ||
	fail "the command's stderr did not reach sigrecv's stderr: $(cat "$T/recv.err")"
