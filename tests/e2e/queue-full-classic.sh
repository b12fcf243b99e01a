# A --classic transfer with no room at all in the user's signal queue
# (as nobody with `ulimit -i 8`, a stopped process of the same user holds
# 8 queued signals) and 300 stray SIGUSR1/SIGUSR2 at the receiver: the
# bits lost to strays are repaired on stamped bits alone (no queued
# query), the output is intact and both sides exit 0 (before: 75/69,
# the queries met EAGAIN).
. "${top_srcdir:-.}/tests/test-env.sh"

. "${top_srcdir:-.}/tests/nobody-env.sh"
command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash" >&2; exit 77; }
AS=$AS_NOBODY
# The count of queued signals is nobody's, shared with every test that
# fills it: one such test at a time.
queue_lock
$AS bash -c 'ulimit -i 8 && exec sleep 300' &
HPID=$!
started "$HPID"
wait_until 10 sh -c "grep -q sleep /proc/$HPID/comm" || fail "the holder did not start"
kill -STOP "$HPID"
wait_until 5 is_stopped "$HPID" || fail "the holder did not stop"
i=0
while [ "$i" -lt 8 ] && $AS "$T/forge" -s 45 "$HPID" 2>/dev/null; do i=$((i + 1)); done
$AS "$T/forge" -s 45 -n 1 "$HPID" 2>/dev/null && fail "the queue is not full: nothing is tested"
head -c 32768 /dev/urandom >"$T/in.bin" || exit 99
chmod 644 "$T/in.bin"
rm -f "$T/recv.pid"
$AS bash -c 'ulimit -i 8 && exec "$@"' sh "$T/sigrecv" -P "$T/recv.pid" -o "$T/dest" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
$AS bash -c 'ulimit -i 8 && exec "$@"' sh "$T/sigsend" -v --classic "$RPID" "$T/in.bin" \
	2>"$T/send.err" &
SPID=$!
started "$SPID"
(
	i=0
	while [ "$i" -lt 300 ]; do
		case $((i % 2)) in 0) sig=USR1 ;; *) sig=USR2 ;; esac
		kill -"$sig" "$RPID" 2>/dev/null || exit 1
		i=$((i + 1))
		[ $((i % 20)) -ne 0 ] || sleep 0.02
	done
) &
X=$!
started "$X"
wait_exit "$X" 60 || fail "the stray loop did not finish"
wait_exit "$SPID" 120 || fail "sigsend still running after 120s"
expect_status 0 "$STATUS" "sigsend --classic, full queue ($(cat "$T/send.err"))"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv, full queue ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
