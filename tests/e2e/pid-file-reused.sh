# A stale pid file whose PID now belongs to another receiver: sigrecv -P
# records its start time on the second line ("start TICKS"; the PID stays
# alone on the first), and sigsend given the pid file's PATH checks it:
# a PID whose process started at another time is not the one that wrote
# the file, so sigsend exits 69 and signals nobody.  Simulated: receiver
# A's pid file with its PID replaced by receiver B's.  Before: the
# message was delivered to B.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
A=$RPID
cp "$T/recv.pid" "$T/a.pid"
[ "$(sed -n 1p "$T/a.pid")" = "$A" ] || fail "first line is not the PID: $(cat "$T/a.pid")"
if [ -r "/proc/$A/stat" ]; then
	want=$(sed 's/.*) //' "/proc/$A/stat" | cut -d' ' -f20)
	[ "$(sed -n 2p "$T/a.pid")" = "start $want" ] ||
		fail "second line: '$(sed -n 2p "$T/a.pid")', expected 'start $want'"
fi
grep -q '^start ' "$T/a.pid" || { echo "SKIP: no start time on this system" >&2; exit 77; }

"$SIGRECV" -P "$T/b.pid" >"$T/b.out" 2>"$T/b.err" &
B=$!
started "$B"
wait_file "$T/b.pid" || fail "receiver B did not write its pid file"
# A's file, its PID now B's (as if A had died and B had been given its PID)
{ echo "$B"; sed -n 2p "$T/a.pid"; } >"$T/stale.pid"
idle_mark "$B"
timeout 20 "$SIGSEND" -m stolen "$T/stale.pid" >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend STALE-PID-FILE ($(cat "$T/send.err"))"
grep -q "^sigsend: $T/stale.pid: stale pid file" "$T/send.err" || fail "message: $(cat "$T/send.err")"
idle_still "$B" || fail "receiver B was signalled"
[ ! -s "$T/b.out" ] || fail "receiver B got: $(cat "$T/b.out")"
# --wait does not make it go through either
timeout 20 "$SIGSEND" --wait 1 -m stolen "$T/stale.pid" >"$T/send.out" 2>"$T/send.err"
st=$?
[ "$st" -ne 0 ] || fail "sigsend --wait 1 STALE-PID-FILE delivered"
idle_still "$B" || fail "receiver B was signalled (--wait)"

# controls: each receiver's own file, and a file of the PID alone
timeout 30 "$SIGSEND" -m to-b "$T/b.pid" 2>"$T/send.err"
expect_status 0 $? "sigsend B's own pid file ($(cat "$T/send.err"))"
wait_exit "$B" 30 || fail "receiver B still runs"
[ "$(cat "$T/b.out")" = to-b ] || fail "receiver B got: $(cat "$T/b.out")"
echo "$A" >"$T/bare.pid"
timeout 30 "$SIGSEND" -m to-a "$T/bare.pid" 2>"$T/send.err"
expect_status 0 $? "sigsend a pid file of the PID alone ($(cat "$T/send.err"))"
wait_receiver
[ "$(cat "$T/out")" = to-a ] || fail "receiver A got: $(cat "$T/out")"
exit 0
