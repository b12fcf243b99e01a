# SIGTERM to sigrecv -o FILE in the middle of a transfer: it dies by
# SIGTERM (re-raised: 143), leaving no FILE, no temp file, no pid file;
# the sender notices and fails.
. "${top_srcdir:-.}/tests/test-env.sh"

# The input comes through a FIFO the test holds open, so the transfer
# cannot end before the SIGTERM, however fast the machine (with a file,
# a loaded test shell once looked too late and found it over).
payload "$T/in.bin" 8192
start_receiver -o "$T/dest"
mkfifo "$T/feed" || exit 99
"$SIGSEND" $SEND_OPTS "$RPID" <"$T/feed" 2>"$T/send.err" &
SPID=$!
started "$SPID"
exec 3>"$T/feed"
cat "$T/in.bin" >&3

# The (unnamed) temp file shows the transfer is under way.
wait_until 30 has_temp dest || fail "no temp file appeared: the transfer never started"
alive "$SPID" || fail "the transfer ended before SIGTERM could interrupt it"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv killed by SIGTERM during a transfer"
[ ! -e "$T/dest" ] || fail "a partial output file appeared"
no_temp dest
[ ! -e "$T/recv.pid" ] || fail "pid file left"

exec 3>&-  # the input ends: sigsend has all of it, and no receiver
wait_exit "$SPID" 20 || fail "sigsend still running 20s after its receiver died"
[ "$STATUS" -ne 0 ] || fail "sigsend exited 0 although the receiver died"
[ "$STATUS" -ne 124 ] || fail "sigsend hung until timeout(1) killed it"
expect_status 69 "$STATUS" "sigsend whose receiver died"
grep -q '^sigsend: ' "$T/send.err" || fail "sigsend printed no error"
