# sigsend with a directory as FILE: 66 naming it, before any signal (it
# used to fail with 74 mid-transfer); the receiver is not disturbed.  An
# unreadable file is the same 66 before any signal, but root reads any
# file, so that part runs only for other users.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir "$T/dir" || exit 99
printf 'fine\n' >"$T/ok.txt"
start_receiver -w 1
idle_mark "$RPID"
timeout 10 "$SIGSEND" "$RPID" "$T/ok.txt" "$T/dir" >"$T/send.out" 2>"$T/send.err"
expect_status 66 $? "sigsend FILE DIRECTORY"
[ "$(cat "$T/send.err")" = "sigsend: $T/dir: Is a directory" ] || fail "message: '$(cat "$T/send.err")'"
idle_still "$RPID" || fail "the receiver was signalled"

timeout 10 "$SIGSEND" --wait 5 "$T/recv.pid" "$T/dir" >"$T/send.out" 2>"$T/send.err"
expect_status 66 $? "sigsend --wait PID-FILE DIRECTORY"
idle_still "$RPID" || fail "the receiver was signalled"

if [ "$(id -u)" -ne 0 ]; then
	printf 'secret\n' >"$T/locked.txt"
	chmod 000 "$T/locked.txt"
	timeout 10 "$SIGSEND" "$RPID" "$T/locked.txt" >"$T/send.out" 2>"$T/send.err"
	expect_status 66 $? "sigsend UNREADABLE-FILE"
	[ "$(cat "$T/send.err")" = "sigsend: $T/locked.txt: Permission denied" ] ||
		fail "message: '$(cat "$T/send.err")'"
	idle_still "$RPID" || fail "the receiver was signalled"
else
	echo "running as root, who may read any file: the unreadable-file case is skipped"
fi

# Nothing reached it: the next sender is its one transfer.
deliver "$RPID" next
