# RLIMIT_SIGPENDING as small as it gets (ulimit -i 1) at the receiver,
# sigsend --fast: the transfer completes intact, both sides exit 0 (on
# queued signals where they can still flow, else on bits: -v says which
# and why).  The limit counts every signal pending for the user, system-
# wide, so as root (whose daemons may keep a few pending for good) both
# ends run as nobody, whose count is theirs alone.
# trust-fast-sigpending-send.sh runs the same with the limit at the sender.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

SIDE=${SIGPENDING_SIDE:-receiver}
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
	cp "$SIGRECV" "$SIGSEND" "$T/" || exit 99
	chmod 755 "$T/sigrecv" "$T/sigsend"
	SIGRECV=$T/sigrecv SIGSEND=$T/sigsend
	$AS test -x "$SIGRECV" ||
		{ echo "SKIP: nobody cannot run programs from $T (TMPDIR not reachable)" >&2; exit 77; }
fi
head -c 20000 /dev/urandom >"$T/in.bin" || exit 99
chmod 644 "$T/in.bin"
RLIM="" SLIM=""
if [ "$SIDE" = receiver ]; then RLIM="ulimit -i 1 &&"; else SLIM="ulimit -i 1 &&"; fi
rm -f "$T/recv.pid"
$AS bash -c "$RLIM"' exec "$@"' sh "$SIGRECV" -P "$T/recv.pid" -o "$T/dest" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
[ "$(head -n 1 "$T/recv.pid")" = "$RPID" ] || fail "the receiver is not the process started"
timeout 120 $AS bash -c "$SLIM"' exec "$@"' sh "$SIGSEND" -v --fast "$RPID" "$T/in.bin" \
	2>"$T/send.err"
expect_status 0 $? "sigsend --fast, ulimit -i 1 at the $SIDE ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv, ulimit -i 1 at the $SIDE ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
# words where they still flow, else bits, and -v says why
grep -Eq '^sigsend: transport: (fast|classic.*ulimit -i)' "$T/send.err" ||
	fail "sigsend -v: $(cat "$T/send.err")"
