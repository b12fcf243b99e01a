# RLIMIT_SIGPENDING is tiny at the receiver (ulimit -i 4): queued signals
# meet EAGAIN, the sender waits for the receiver to catch up, and the fast
# transfer still completes intact.  The limit counts every signal pending
# for the user, system-wide, so as root (whose daemons may keep a few
# pending for good) both ends run as nobody, whose count is theirs alone.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

# dash's ulimit has no -i: bash's has.
command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash for ulimit -i" >&2; exit 77; }
AS=""
if [ "$(id -u)" -eq 0 ]; then
	# nobody's count of queued signals must be its own: no other test's
	queue_lock
	command -v setpriv >/dev/null 2>&1 || { echo "SKIP: root without setpriv(1)" >&2; exit 77; }
	chmod 1777 "$T"
	# nobody's own private directory, where each end registers (link.h)
	mkdir -m 700 "$T/nrun" && chown 65534:65534 "$T/nrun" || exit 99
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_RUNTIME_DIR=$T/nrun"
	# The build tree may sit in a directory nobody cannot enter (a 0700
	# mktemp -d): nobody runs copies of the programs, from $T.
	cp "$SIGRECV" "$SIGSEND" "$T/" || exit 99
	chmod 755 "$T/sigrecv" "$T/sigsend"
	SIGRECV=$T/sigrecv SIGSEND=$T/sigsend
	$AS test -x "$SIGRECV" ||
		{ echo "SKIP: nobody cannot run programs from $T (TMPDIR not reachable)" >&2; exit 77; }
fi
head -c 262144 /dev/urandom >"$T/in.bin" || exit 99
chmod 644 "$T/in.bin"
rm -f "$T/recv.pid"
$AS bash -c 'ulimit -i 4 && exec "$@"' sh "$SIGRECV" -P "$T/recv.pid" -o "$T/dest" \
	2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
[ "$(head -n 1 "$T/recv.pid")" = "$RPID" ] || fail "the receiver is not the process started"
if [ -r "/proc/$RPID/limits" ]; then
	grep -q '^Max pending signals *4 ' "/proc/$RPID/limits" ||
		fail "the receiver's limit is not 4: $(grep pending "/proc/$RPID/limits")"
fi
timeout 120 $AS "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
grep -q '^sigsend: transport: fast' "$T/send.err" || fail "not the fast transport: $(cat "$T/send.err")"
