# A name held by a live receiver is refused to a second one: 73, a
# message with the name and the holder's PID, before it announces itself;
# the first keeps its name and still serves.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver -N inbox
FIRST=$RPID
timeout 10 "$SIGRECV" -N inbox -P "$T/second.pid" >"$T/out2" 2>"$T/err2" </dev/null
st=$?
[ "$st" -ne 124 ] || fail "the second receiver waited for a sender"
expect_status 73 "$st" "second sigrecv -N inbox"
grep -qx "sigrecv: inbox: name in use by a live receiver (PID $FIRST)" "$T/err2" ||
	fail "message: '$(cat "$T/err2")'"
! grep -q 'waiting for a sender' "$T/err2" || fail "the second receiver announced itself"
[ ! -e "$T/second.pid" ] || fail "the second receiver left its pid file"
[ "$(cat "$NAMES_DIR/inbox")" = "$FIRST idle" ] ||
	fail "the name file changed: '$(cat "$NAMES_DIR/inbox")'"

deliver inbox first
