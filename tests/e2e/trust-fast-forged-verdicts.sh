# A same-user process answers for a receiver that cannot: the receiver
# is stopped in the middle of a fast transfer, and a forger sprays the
# sender with every verdict word that says OK (a sweep of the 16-bit
# check, twice over, on signal 40) and with records of guessed tags on
# signal 41, all claiming the receiver's PID.  The receiver is then
# killed: the transfer it never confirmed must not be reported as a
# success.  Verdicts of the fast transport carry a keyed 64-bit tag.
# (sigsend -w 120: the spray must not outlast its patience.)
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

head -c 3000 /dev/urandom >"$T/in.bin" || exit 99
start_receiver -o "$T/dest"
mkfifo "$T/pipe" || exit 99
"$SIGSEND" -v --fast -w 120 "$RPID" <"$T/pipe" 2>"$T/send.err" &
SPID=$!
started "$SPID"
exec 3>"$T/pipe"
wait_until 30 has_temp dest || fail "the transfer never started: $(cat "$T/send.err")"
kill -STOP "$RPID"
wait_until 5 is_stopped "$RPID" || fail "the receiver did not stop"
cat "$T/in.bin" >&3
exec 3>&-
# (a forge that fails has found sigsend gone: checked below)
for round in 1 2 3; do
	"$FORGE" -s 40 -p "$RPID" -w 0x01000000 -k -n 65536 "$SPID" 2>/dev/null || break
	"$FORGE" -s 41 -p "$RPID" -R 52 -n 2000 "$SPID" 2>/dev/null || break
done
alive "$SPID" || {
	wait_exit "$SPID" 1
	fail "sigsend took forged verdicts and exited $STATUS: $(cat "$T/send.err")"
}
kill -KILL "$RPID"
wait_receiver 10
wait_exit "$SPID" 30 || fail "sigsend still running 30s after the receiver was killed"
[ "$STATUS" -ne 0 ] || fail "sigsend reported success for a transfer never confirmed"
expect_status 69 "$STATUS" "sigsend, the receiver killed ($(cat "$T/send.err"))"
