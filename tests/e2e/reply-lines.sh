# sigsend -l: each line is a request of its own, its reply printed before
# the next line goes, all in one session:
#  1. `printf '2+2\n3*7\n' | sigsend -l` against sigrecv -k -e bc prints 4
#     then 21 and exits 0;
#  2. the same fed line by line through a FIFO held open: the second line
#     is written only once the first reply has been printed;
#  3. with a terminal as stdin (util-linux script(1), where it exists);
#  4. a receiver without -e takes the lines as one transfer;
#  5. -l with -m is a usage error (64).
# Runs on the fast transport too (tests/e2e/fast/reply-lines.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

command -v bc >/dev/null 2>&1 || { echo "SKIP: no bc (Debian package 'bc')" >&2; exit 77; }

start_receiver -k -e bc

# 1. From a pipe.
mkfifo "$T/in" || exit 99
REPLY_IN=$T/in
reply_bg "$T/calc" -l "$RPID"
REPLY_IN=
printf '2+2\n3*7\n' >"$T/in"
reply_end 0 "sigsend -l from a pipe"
[ "$(cat "$T/calc")" = "4
21" ] || fail "sigsend -l: '$(cat "$T/calc")', expected 4 and 21"

# 2. One line at a time: each reply comes while the input is still open.
REPLY_IN=$T/in
reply_bg "$T/calc" -l "$RPID"
REPLY_IN=
exec 3>"$T/in"
echo '6*7' >&3
wait_until 20 grep -qx 42 "$T/calc" || { exec 3>&-; fail "no reply to the first line: $(cat "$T/send.err")"; }
alive "$SPID" || { exec 3>&-; fail "sigsend -l ended before its input did"; }
echo '10-1' >&3
wait_until 20 grep -qx 9 "$T/calc" || { exec 3>&-; fail "no reply to the second line: $(cat "$T/calc")"; }
alive "$SPID" || { exec 3>&-; fail "sigsend -l ended before its input did"; }
exec 3>&-
reply_end 0 "sigsend -l fed a line at a time"
[ "$(cat "$T/calc")" = "42
9" ] || fail "sigsend -l a line at a time: '$(cat "$T/calc")'"

# 3. A terminal: script(1) from util-linux gives sigsend a pty as stdin.
if script -qfec true /dev/null </dev/null >/dev/null 2>&1; then
	printf '2+2\n3*7\n' >"$T/typed"
	script -qfec "[ -t 0 ] && echo tty; \"$SIGSEND\" --no-progress $SEND_OPTS -l $RPID; echo status=\$?" \
		/dev/null <"$T/typed" >"$T/tty.out" 2>&1 &
	XPID=$!
	started "$XPID"
	wait_exit "$XPID" 30 || fail "sigsend -l on a terminal still running after 30s"
	tr -d '\r' <"$T/tty.out" >"$T/tty.txt"
	grep -qx tty "$T/tty.txt" || { echo "SKIP part 3: script gave no terminal" >&2; }
	grep -qx status=0 "$T/tty.txt" || fail "sigsend -l on a terminal: $(cat "$T/tty.txt")"
	# The terminal echoes what is typed; the replies are lines of their own.
	[ "$(grep -x '4\|21' "$T/tty.txt" | tr '\n' ' ')" = "4 21 " ] ||
		fail "sigsend -l on a terminal printed: $(cat "$T/tty.txt")"
else
	echo "no script(1) to give sigsend a terminal: part 3 skipped" >&2
fi

kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k -e bc after SIGTERM"

# 4. No replies: the lines go as one transfer.
start_receiver
REPLY_IN=$T/in
reply_bg "$T/none" -l "$RPID"
REPLY_IN=
printf 'one\ntwo\nthree\n' >"$T/in"
reply_end 0 "sigsend -l to a receiver without -e"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ ! -s "$T/none" ] || fail "sigsend -l printed a reply from a receiver without -e"
printf 'one\ntwo\nthree\n' | cmp -s - "$T/out" || fail "the lines arrived as '$(cat "$T/out")'"

# 5. -l reads lines of an input; -m is none.
"$SIGSEND" -l -m text 2147483647 2>"$T/err"
expect_status 64 $? "sigsend -l -m"
grep -q '^sigsend: .*-m' "$T/err" || fail "sigsend -l -m: $(cat "$T/err")"

# 6. The command runs once per line, never for an empty end of input:
#    two lines, two runs.
start_receiver -k -e "echo run >>'$T/runs'; cat"
printf 'a\nb\n' | timeout 60 "$SIGSEND" -l $SEND_OPTS "$RPID" >"$T/ab" 2>"$T/send.err"
expect_status 0 $? "sigsend -l a b ($(cat "$T/send.err"))"
[ "$(cat "$T/ab")" = "a
b" ] || fail "sigsend -l a b printed: $(cat "$T/ab")"
wait_until 10 test -s "$T/runs" || fail "the command never ran"
[ "$(wc -l <"$T/runs")" -eq 2 ] || fail "the command ran $(wc -l <"$T/runs") times for two lines"
kill -TERM "$RPID"
wait_receiver 10
