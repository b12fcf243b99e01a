# A same-user catch-all (SIGUSR1, SIGUSR2, 40, 41), non-dumpable like a
# real receiver, is refused (69, no signal) whatever it has short of a
# receiver's proof (a registration file .pid-PID.recv that the process PID
# itself holds locked): no file, a stale file nobody holds, a file sigsend
# may not read, or a live receiver's file linked under its name.
. "${top_srcdir:-.}/tests/test-env.sh"
. "${top_srcdir:-.}/tests/nobody-env.sh"

nb_catcher "$T/got" -D
refused() {
	$AS_NOBODY timeout 20 "$NB_SEND" -w 10 -m hello "$CATCHER" >"$T/out" 2>"$T/err"
	expect_status 69 $? "sigsend to a catch-all, $1 ($(cat "$T/err"))"
	grep -q "^sigsend: $CATCHER: not a minitalk receiver" "$T/err" ||
		fail "$1: message: $(cat "$T/err")"
	nb_no_signal "$T/got"
}
refused "no registration file"

# a real receiver, so that the directory and its file exist
$AS_NOBODY "$NB_RECV" -P "$T/recv.pid" >/dev/null 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
[ -e "$NB_NAMES/.pid-$RPID.recv" ] || fail "sigrecv has no .pid-$RPID.recv: $(ls -a "$NB_NAMES")"
F=$NB_NAMES/.pid-$CATCHER.recv

$AS_NOBODY sh -c 'echo "$2 idle" >"$1"' sh "$F" "$CATCHER" || exit 99
refused "a stale .pid-$CATCHER.recv"
$AS_NOBODY chmod 000 "$F" || exit 99
refused "a .pid-$CATCHER.recv that cannot be read"
rm -f "$F"
$AS_NOBODY ln "$NB_NAMES/.pid-$RPID.recv" "$F" || exit 99
refused "sigrecv $RPID's file linked as .pid-$CATCHER.recv"
