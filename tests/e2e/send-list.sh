# sigsend --list: the user's live named receivers, one a line, sorted:
# NAME PID idle|busy.  Stale names (the receiver gone) are not listed.
# No receivers, or no name directory yet: no output, exit 0.  An operand
# is a usage error.
. "${top_srcdir:-.}/tests/test-env.sh"

list() {
	timeout 10 "$SIGSEND" --list >"$T/list" 2>"$T/list.err"
	LSTATUS=$?
}
list
expect_status 0 "$LSTATUS" "sigsend --list with no name directory"
[ ! -s "$T/list" ] && [ ! -s "$T/list.err" ] || fail "--list printed: $(cat "$T/list" "$T/list.err")"

start_receiver -N zulu -w 30
Z=$RPID
RECV_OUT=$T/out2
start_receiver -N alpha -w 30
RECV_OUT=
A=$RPID
true &
DEAD=$!
wait "$DEAD"
echo "$DEAD idle" >"$NAMES_DIR/stale"
list
expect_status 0 "$LSTATUS" "sigsend --list"
[ "$(cat "$T/list")" = "alpha $A idle
zulu $Z idle" ] || fail "--list printed: '$(cat "$T/list")'"

# A transfer held open by a pipe that has not ended: zulu is busy.
mkfifo "$T/fifo" || exit 99
"$SIGSEND" zulu <"$T/fifo" 2>"$T/send.err" &
SPID=$!
started "$SPID"
exec 3>"$T/fifo"
printf 'first part\n' >&3
is_busy() {
	list
	[ "$(cat "$T/list")" = "alpha $A idle
zulu $Z busy" ]
}
wait_until 20 is_busy || fail "zulu not busy during a transfer: '$(cat "$T/list")'"
exec 3>&-
wait_exit "$SPID" 60 || fail "sigsend still running after its input ended"
expect_status 0 "$STATUS" "sigsend zulu ($(cat "$T/send.err"))"
RPID=$Z
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -N zulu"
list
[ "$(cat "$T/list")" = "alpha $A idle" ] || fail "--list after zulu exited: '$(cat "$T/list")'"

timeout 10 "$SIGSEND" --list alpha >"$T/out" 2>"$T/err"
expect_status 64 $? "sigsend --list alpha"
