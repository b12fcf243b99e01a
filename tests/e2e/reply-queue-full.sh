# A reply with no room at all in the user's signal queue: as nobody with
# `ulimit -i 8`, a stopped process of the same user holds 8 queued
# signals.  sigsend -w 2 -m x to sigrecv -k -e 'sleep 4; echo done' gets
# "done" and exits 0: the keepalives and the turn of the classic
# transport are kernel-stamped bits, which need no queue room, and the
# fast transport is not taken where there is no room for it (before:
# "receiver stopped answering (timeout)", 75 after 2 s).
# Runs with sigsend --fast too (tests/e2e/fast/reply-queue-full.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

. "${top_srcdir:-.}/tests/nobody-env.sh"
command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash" >&2; exit 77; }
AS=$AS_NOBODY
# The count of queued signals is nobody's, shared with every test that
# fills it: one such test at a time.
queue_lock
# The holder: stopped, 8 queued signals pending (the user's whole limit).
$AS bash -c 'ulimit -i 8 && exec sleep 300' &
HPID=$!
started "$HPID"
wait_until 10 sh -c "grep -q sleep /proc/$HPID/comm" || fail "the holder did not start"
kill -STOP "$HPID"
wait_until 5 is_stopped "$HPID" || fail "the holder did not stop"
# (the user's count is shared: another test of nobody's may hold some)
i=0
while [ "$i" -lt 8 ] && $AS "$T/forge" -s 45 "$HPID" 2>/dev/null; do i=$((i + 1)); done
$AS "$T/forge" -s 45 -n 1 "$HPID" 2>/dev/null && fail "the queue is not full: nothing is tested"
rm -f "$T/recv.pid"
$AS bash -c 'ulimit -i 8 && exec "$@"' sh "$T/sigrecv" -k -P "$T/recv.pid" \
	-e 'sleep 4; echo done' >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
timeout 60 $AS bash -c 'ulimit -i 8 && exec "$@"' sh "$T/sigsend" -v $SEND_OPTS -w 2 \
	"$RPID" -m x >"$T/reply" 2>"$T/send.err"
expect_status 0 $? "sigsend -w 2 with a full queue ($(cat "$T/send.err"))"
[ "$(cat "$T/reply")" = done ] || fail "reply: '$(cat "$T/reply")'"
alive "$RPID" || fail "sigrecv -k ended: $(cat "$T/recv.err")"
