# No process of the same user can read the session key from either end's
# memory (/proc/PID/mem, what gdb -p uses): sigsend and sigrecv are
# non-dumpable for their whole life.  Both ends and the attacker run as
# nobody (root reads anything); a dumpable process of nobody's is read, so
# the probe is known to work.
. "${top_srcdir:-.}/tests/test-env.sh"
. "${top_srcdir:-.}/tests/nobody-env.sh"

# the probe reads an ordinary process of nobody's
$AS_NOBODY sleep 600 &
SLEEPER=$!
started "$SLEEPER"
wait_until 10 grep -q '^Uid:[[:space:]]*65534' "/proc/$SLEEPER/status" || fail "no sleeper"
$AS_NOBODY "$NB_FORGE" -M "$SLEEPER" >"$T/peek" 2>&1 ||
	{ echo "SKIP: nobody cannot read its own sleep's memory either: $(cat "$T/peek")" >&2; exit 77; }

# a receiver and a sender in the middle of a fast session
$AS_NOBODY "$NB_RECV" -N keyed -P "$T/recv.pid" >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
mkfifo -m 666 "$T/in" || exit 99
$AS_NOBODY "$NB_SEND" -F keyed <"$T/in" 2>"$T/send.err" &
SPID=$!
started "$SPID"
exec 3>"$T/in"
echo hello >&3
busy() { $AS_NOBODY "$NB_SEND" --list 2>/dev/null | grep -q '^keyed .* busy$'; }
wait_until 30 busy || fail "the session did not start ($(cat "$T/send.err" "$T/recv.err"))"

for who in "sigrecv $RPID" "sigsend $SPID"; do
	$AS_NOBODY "$NB_FORGE" -M "${who#* }" >"$T/peek" 2>&1
	st=$?
	[ "$st" -ne 0 ] || fail "nobody read the memory of its own $who: $(cat "$T/peek")"
	expect_status 3 "$st" "reading the memory of $who ($(cat "$T/peek"))"
done

exec 3>&-
wait_exit "$SPID" 60 || fail "sigsend still running after 60s"
expect_status 0 "$STATUS" "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = hello ] || fail "received '$(cat "$T/out")'"
