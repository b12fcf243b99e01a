# sigsend exits with the command's status, like ssh: `exit 3` gives 3, a
# command killed by SIGTERM 143 and by SIGKILL 137 (128 + N), one sh
# cannot find 127, `true` 0.  The receiver itself exits 0 each time: the
# transfer worked.
. "${top_srcdir:-.}/tests/test-env.sh"

# check STATUS COMMAND
check() {
	start_receiver -e "$2"
	reply_bg "$T/reply" -m request "$RPID"
	reply_end "$1" "-e '$2'"
	wait_receiver 10
	expect_status 0 "$RSTATUS" "sigrecv -e '$2' ($(cat "$T/recv.err"))"
	grep -q "^sigsend: reply of 0 bytes; the command's status $1\$" "$T/send.err" ||
		fail "-e '$2': sigsend -v does not report status $1: $(cat "$T/send.err")"
}

check 3 'exit 3'
check 143 'kill -TERM $$'
check 137 'kill -KILL $$'
check 127 'no-such-command-minitalk 2>/dev/null'
check 0 'true'
