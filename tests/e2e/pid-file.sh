# sigrecv --pid-file: holds the PID once it is ready (start_receiver
# checks that and sends at once), removed on a normal exit and on SIGTERM.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
[ "$(head -n 1 "$T/recv.pid")" = "$RPID" ] || fail "pid file: '$(head -n 1 "$T/recv.pid")'"
timeout 30 "$SIGSEND" -m hi "$(head -n 1 "$T/recv.pid")" 2>"$T/send.err"
expect_status 0 $? "sigsend to the pid file's PID"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ ! -e "$T/recv.pid" ] || fail "pid file left after a normal exit"
[ "$(cat "$T/out")" = hi ] || fail "output: $(cat "$T/out")"

# The long option, then SIGTERM while waiting.
rm -f "$T/long.pid"
"$SIGRECV" --pid-file="$T/long.pid" >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/long.pid" || fail "--pid-file not written"
[ "$(head -n 1 "$T/long.pid")" = "$RPID" ] || fail "--pid-file holds '$(head -n 1 "$T/long.pid")', not $RPID"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv killed by SIGTERM"
[ ! -e "$T/long.pid" ] || fail "pid file left after SIGTERM"
ls -A "$T" | grep -q '^\.\?long\.pid\.' && fail "pid temp file left: $(ls -A "$T")"

# SIGHUP cleans up too.  (Not SIGINT: sh starts background jobs with
# it ignored, and a program may rightly leave it so.)
start_receiver
kill -HUP "$RPID"
wait_receiver 10
expect_status 129 "$RSTATUS" "sigrecv killed by SIGHUP"
[ ! -e "$T/recv.pid" ] || fail "pid file left after SIGHUP"
