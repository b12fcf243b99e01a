# sigsend PATH: a TARGET with a '/' is a pid file, read and then checked
# exactly as a PID is.  A missing pid file, one holding no PID, or one
# holding the PID of a process that is not a receiver: 69, no signal.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -k
timeout 30 "$SIGSEND" "$T/recv.pid" -m absolute 2>"$T/send.err"
expect_status 0 $? "sigsend ABSOLUTE-PID-FILE ($(cat "$T/send.err"))"
(cd "$T" && timeout 30 "$SIGSEND" ./recv.pid -m relative) 2>"$T/send.err"
expect_status 0 $? "sigsend ./PID-FILE ($(cat "$T/send.err"))"
wait_until 10 test "$(wc -l <"$T/out")" -eq 2 || fail "output: '$(cat "$T/out")'"
[ "$(cat "$T/out")" = "absolute
relative" ] || fail "output: '$(cat "$T/out")'"
idle_mark "$RPID"

# A missing or unreadable pid file is named as one: the bare "No such
# file or directory" left users guessing which file was meant.
timeout 10 "$SIGSEND" "$T/missing.pid" -m hi >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend MISSING-PID-FILE"
[ "$(cat "$T/send.err")" = "sigsend: $T/missing.pid: no such pid file (No such file or directory)" ] ||
	fail "message: '$(cat "$T/send.err")'"
(cd "$T" && timeout 10 "$SIGSEND" -m hi abc/def) >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend -m hi abc/def"
[ "$(cat "$T/send.err")" = "sigsend: abc/def: no such pid file (No such file or directory)" ] ||
	fail "message: '$(cat "$T/send.err")'"
mkdir "$T/dir.pid" || exit 99
timeout 10 "$SIGSEND" "$T/dir.pid" -m hi >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend DIRECTORY-AS-PID-FILE"
[ "$(cat "$T/send.err")" = "sigsend: $T/dir.pid: cannot read pid file (Is a directory)" ] ||
	fail "message: '$(cat "$T/send.err")'"

printf 'not a pid\n' >"$T/junk.pid"
timeout 10 "$SIGSEND" "$T/junk.pid" -m hi >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend JUNK-PID-FILE"
[ "$(cat "$T/send.err")" = "sigsend: $T/junk.pid: not a pid file (it holds no PID)" ] ||
	fail "message: '$(cat "$T/send.err")'"

# The same checks as a PID: a sleep would die of SIGUSR1.
sleep 300 &
VICTIM=$!
started "$VICTIM"
echo "$VICTIM" >"$T/sleep.pid"
timeout 10 "$SIGSEND" "$T/sleep.pid" -m hi >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend to a pid file of a non-receiver"
grep -q "^sigsend: $T/sleep.pid: not a minitalk receiver" "$T/send.err" ||
	fail "message: '$(cat "$T/send.err")'"
! wait_gone "$VICTIM" 1 || fail "the process in the pid file was signalled"
idle_still "$RPID" || fail "the receiver was signalled by a failed sigsend"
[ ! -s "$T/send.out" ] || fail "wrote to stdout"
