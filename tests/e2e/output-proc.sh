# sigrecv -f -o /proc/version: a file that exists but cannot be replaced
# (no file can be created in /proc) fails with 73 and the real reason,
# never "No such file or directory" about a file that exists.  As root
# the failure comes when the transfer starts, else at once.
. "${top_srcdir:-.}/tests/test-env.sh"
need_unnamed

[ -f /proc/version ] || { echo "SKIP: no /proc/version" >&2; exit 77; }
rm -f "$T/recv.pid"
"$SIGRECV" -P "$T/recv.pid" -f -o /proc/version >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
if wait_until 5 test -s "$T/recv.pid"; then
	timeout 30 "$SIGSEND" -m hello "$RPID" 2>"$T/send.err"
	expect_status 73 $? "sigsend to sigrecv -f -o /proc/version"
	# sigrecv says why once its session is over, which may be after the
	# sender has its verdict: read its stderr after it exits
	wait_receiver 10
	grep -q '^sigrecv: /proc/version: cannot create a file in /proc: ' "$T/recv.err" ||
		fail "no reason given: $(cat "$T/recv.err")"
else
	wait_receiver 10
fi
expect_status 73 "$RSTATUS" "sigrecv -f -o /proc/version"
grep -q '^sigrecv: /proc/version: ' "$T/recv.err" || fail "the file is not named: $(cat "$T/recv.err")"
! grep -q 'No such file or directory$' "$T/recv.err" || fail "a false reason: $(cat "$T/recv.err")"
