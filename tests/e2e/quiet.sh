# -q silences notices (sigrecv's PID announcement, the -v summary), not
# errors; -qq silences errors too, and the exit status still tells.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'quiet please\n' >"$T/in.txt"

# sigrecv -q: no announcement (-P tells the PID); sigsend -q: nothing.
start_receiver -q --wait 60
# (sigsend -qq, a missing input: 66, silent, nothing sent.)
timeout 10 "$SIGSEND" -qq "$RPID" "$T/no-such-file" 2>"$T/send.err"
expect_status 66 $? "sigsend -qq with a missing file"
[ ! -s "$T/send.err" ] || fail "sigsend -qq (missing file) printed: '$(cat "$T/send.err")'"
timeout 30 "$SIGSEND" -q "$RPID" "$T/in.txt" >"$T/send.out" 2>"$T/send.err"
expect_status 0 $? "sigsend -q"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -q"
cmp -s "$T/in.txt" "$T/out" || fail "output differs from input"
[ ! -s "$T/recv.err" ] || fail "sigrecv -q printed: '$(cat "$T/recv.err")'"
[ ! -s "$T/send.err" ] || fail "sigsend -q printed: '$(cat "$T/send.err")'"
[ ! -s "$T/send.out" ] || fail "sigsend -q wrote to stdout: '$(cat "$T/send.out")'"

# -q wins over -v: no summary, no hash lines, on either side.
start_receiver -q -v --wait 60
timeout 30 "$SIGSEND" -q -v "$RPID" "$T/in.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend -q -v"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -q -v"
cmp -s "$T/in.txt" "$T/out" || fail "output differs from input (-q -v)"
[ ! -s "$T/recv.err" ] || fail "sigrecv -q -v printed: '$(cat "$T/recv.err")'"
[ ! -s "$T/send.err" ] || fail "sigsend -q -v printed: '$(cat "$T/send.err")'"

# A PID with no process behind it.
true &
DEAD=$!
wait "$DEAD"

# sigsend -q still reports errors; -qq does not; the status is 69 either way.
timeout 10 "$SIGSEND" -q "$DEAD" "$T/in.txt" 2>"$T/send.err"
expect_status 69 $? "sigsend -q to a dead PID"
[ "$(cat "$T/send.err")" = "sigsend: $DEAD: No such process" ] ||
	fail "sigsend -q hid or changed the error: '$(cat "$T/send.err")'"
timeout 10 "$SIGSEND" -qq "$DEAD" "$T/in.txt" >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend -qq to a dead PID"
[ ! -s "$T/send.err" ] || fail "sigsend -qq printed: '$(cat "$T/send.err")'"
[ ! -s "$T/send.out" ] || fail "sigsend -qq wrote to stdout: '$(cat "$T/send.out")'"
printf 'x\n' | timeout 10 "$SIGSEND" --quiet --quiet "$DEAD" 2>"$T/send.err"
expect_status 69 $? "sigsend --quiet --quiet to a dead PID"
[ ! -s "$T/send.err" ] || fail "sigsend --quiet --quiet printed: '$(cat "$T/send.err")'"

# sigrecv -q / -qq onto an existing -o file: 73 either way, the message
# only with -q.
printf 'precious\n' >"$T/dest"
timeout 10 "$SIGRECV" -q -o "$T/dest" >"$T/out" 2>"$T/recv.err" </dev/null
expect_status 73 $? "sigrecv -q -o EXISTING"
grep -q "^sigrecv: .*dest" "$T/recv.err" || fail "sigrecv -q hid the error: '$(cat "$T/recv.err")'"
timeout 10 "$SIGRECV" -qq -o "$T/dest" >"$T/out" 2>"$T/recv.err" </dev/null
expect_status 73 $? "sigrecv -qq -o EXISTING"
[ ! -s "$T/recv.err" ] || fail "sigrecv -qq -o EXISTING printed: '$(cat "$T/recv.err")'"
# ... and -d in a missing directory (its parent missing: a missing DIR
# itself is created): 73, silent.
timeout 10 "$SIGRECV" -qq -d "$T/no-such-dir/sub" >"$T/out" 2>"$T/recv.err" </dev/null
expect_status 73 $? "sigrecv -qq -d MISSING"
[ ! -s "$T/recv.err" ] || fail "sigrecv -qq -d MISSING printed: '$(cat "$T/recv.err")'"

# sigrecv -qq, no sender within --wait: 75, silent (and -q: reported).
timeout 10 "$SIGRECV" -q --wait 0.3 >"$T/out" 2>"$T/recv.err" </dev/null
expect_status 75 $? "sigrecv -q --wait with no sender"
[ "$(cat "$T/recv.err")" = "sigrecv: no sender came (timeout)" ] ||
	fail "sigrecv -q --wait: '$(cat "$T/recv.err")'"
timeout 10 "$SIGRECV" -qq --wait 0.3 >"$T/out" 2>"$T/recv.err" </dev/null
expect_status 75 $? "sigrecv -qq --wait with no sender"
[ ! -s "$T/recv.err" ] || fail "sigrecv -qq --wait printed: '$(cat "$T/recv.err")'"

# Both -qq, the receiver refusing the transfer (its output exists): 73 on
# both sides, nothing printed, the file untouched.
cp "$T/dest" "$T/orig"
mkdir "$T/dir"
cp "$T/dest" "$T/dir/in.txt"
start_receiver -qq -d "$T/dir" --wait 60
timeout 30 "$SIGSEND" -qq "$RPID" "$T/in.txt" 2>"$T/send.err"
expect_status 73 $? "sigsend -qq refused"
wait_receiver
expect_status 73 "$RSTATUS" "sigrecv -qq refusing"
[ ! -s "$T/send.err" ] || fail "sigsend -qq (refused) printed: '$(cat "$T/send.err")'"
[ ! -s "$T/recv.err" ] || fail "sigrecv -qq (refusing) printed: '$(cat "$T/recv.err")'"
cmp -s "$T/orig" "$T/dir/in.txt" || fail "existing file changed"
