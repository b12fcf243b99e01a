# sigsend --list shows a receiver that is stopped (SIGSTOP, Ctrl-Z) as
# 'stopped', not 'idle': it would not answer a sender until continued.
# Continued, it is idle again and serves a sender.
. "${top_srcdir:-.}/tests/test-env.sh"

[ -r /proc/self/stat ] || { echo "SKIP: no /proc to tell a stopped process" >&2; exit 77; }

list() {
	timeout 10 "$SIGSEND" --list >"$T/list" 2>"$T/list.err"
	expect_status 0 $? "sigsend --list ($(cat "$T/list.err"))"
}

start_receiver -N alpha -w 30
list
[ "$(cat "$T/list")" = "alpha $RPID idle" ] || fail "--list before SIGSTOP: '$(cat "$T/list")'"

kill -STOP "$RPID"
wait_until 5 is_stopped "$RPID" || fail "the receiver did not stop"
list
[ "$(cat "$T/list")" = "alpha $RPID stopped" ] || fail "--list of a stopped receiver: '$(cat "$T/list")'"

kill -CONT "$RPID"
is_running() { ! is_stopped "$RPID"; }
wait_until 5 is_running || fail "the receiver did not continue"
list
[ "$(cat "$T/list")" = "alpha $RPID idle" ] || fail "--list after SIGCONT: '$(cat "$T/list")'"
deliver alpha "after SIGCONT"
