# Memory is bounded by the frame size, not the input: 200 MiB of zeros
# flow through with a peak RSS under 16 MiB on each side (GNU time %M).
. "${top_srcdir:-.}/tests/test-env.sh"

need_rss

# The receiver's output goes through a pipe to cksum.  It runs under
# timeout(1), which forwards the test's SIGTERM to it on cleanup.  Both
# ends wait -w 120 for each other: what is tested is memory, not time,
# and on a loaded machine cksum can be starved for longer than the
# default 10 s, while the receiver, blocked on the full pipe, answers
# nobody.
mkfifo "$T/pipe" || exit 99
cksum <"$T/pipe" >"$T/out.sum" &
CPID=$!
started "$CPID"
timeout 300 "$TIME" -f %M -o "$T/recv.rss" "$SIGRECV" -w 120 -P "$T/recv.pid" >"$T/pipe" 2>"$T/recv.err" &
TPID=$!
started "$TPID"
wait_file "$T/recv.pid" || fail "sigrecv did not write its pid file"
RPID=$(head -n 1 "$T/recv.pid")

head -c 200M /dev/zero | timeout 300 "$TIME" -f %M -o "$T/send.rss" "$SIGSEND" -w 120 $SEND_OPTS "$RPID" 2>"$T/send.err"
SSTATUS=$?
wait_exit "$TPID" 30 || fail "sigrecv still running 30s after the sender finished"
RSTATUS=$STATUS
wait_exit "$CPID" 10 || fail "cksum still reading"

expect_status 0 "$SSTATUS" "sigsend of 200 MiB ($(cat "$T/send.err"))"
expect_status 0 "$RSTATUS" "sigrecv of 200 MiB ($(cat "$T/recv.err"))"
head -c 200M /dev/zero | cksum | cmp -s - "$T/out.sum" || fail "output differs from 200 MiB of zeros"
send_kb=$(rss "$T/send.rss")
recv_kb=$(rss "$T/recv.rss")
echo "peak RSS: sigsend ${send_kb} KiB, sigrecv ${recv_kb} KiB (limit $LIMIT_KB KiB)"
[ "$send_kb" -gt 0 ] 2>/dev/null || fail "no RSS figure for sigsend: $(cat "$T/send.rss")"
[ "$recv_kb" -gt 0 ] 2>/dev/null || fail "no RSS figure for sigrecv: $(cat "$T/recv.rss")"
[ "$send_kb" -lt "$LIMIT_KB" ] || fail "sigsend peak RSS $send_kb KiB, limit $LIMIT_KB KiB"
[ "$recv_kb" -lt "$LIMIT_KB" ] || fail "sigrecv peak RSS $recv_kb KiB, limit $LIMIT_KB KiB"
