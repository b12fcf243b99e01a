# Strays that carry a foreign si_pid leave no trace in a transfer: they are
# dropped unread, never taken for the peer's bits, words or data.  A third
# process fires SIGUSR1/SIGUSR2 (kill: the kernel stamps its own PID) and,
# claiming the PID of a sleep of ours that is no peer of anyone, queued
# words on 40 (a position query that resets the receiver's parser, a NAK
# that makes a sender resend) and random data on 41, all during a
# transfer at the receiver (STRAYS_AT=sender: at the sender).  sigsend -v
# must then report no frame resent, and on the fast transport, where
# nothing can be lost, no lost signal recovered either.  On the classic
# transport a stray pending at a process can still swallow a real bit of
# the same kind (the kernel merges them), and a late answer under load is
# asked after: those recoveries are allowed; a frame resent means a stray
# was read.  Exit statuses and a byte-exact output as in fault_strays.
. "${top_srcdir:-.}/tests/test-env.sh"

at=${STRAYS_AT:-receiver}
sleep 300 &
CLAIM=$!  # the PID the forged strays claim: alive, ours, not a peer
started "$CLAIM"

payload "$T/in.bin" 32768
start_receiver -o "$T/dest"
send_bg "$T/in.bin" -v "$RPID"
wait_until 30 has_temp dest || fail "the transfer never started"
if [ "$at" = receiver ]; then V=$RPID; else V=$SPID; fi

# The strays, until the transfer is over (at most 300: a build that
# takes them for the peer's must fail this test fast, not crawl through a
# flood); $T/fired counts those queued.  The signal queue is per user and
# shared: while another process fills it, a forged stray fails (EAGAIN)
# and is not counted.  The loop is stopped (and has finished its last
# signal) before sigsend or sigrecv is reaped, on every way out: it never
# signals a freed PID.
XPID=""
stop_strays() {
	[ -n "$XPID" ] || return 0
	: >"$T/stop"
	wait "$XPID"
	forget "$XPID"
	XPID=""
}
trap 'stop_strays; cleanup' EXIT
(
	i=0 n=0
	while [ "$i" -lt 300 ] && [ ! -e "$T/stop" ]; do
		case $((i % 5)) in
		0) kill -USR1 "$V" ;;
		1) kill -USR2 "$V" ;;
		2) "$FORGE" -s 40 -p "$CLAIM" -w 0x8000 "$V" ;;
		3) "$FORGE" -s 40 -p "$CLAIM" -w 0xf1000000 "$V" ;;
		*) "$FORGE" -s 41 -p "$CLAIM" -r "$V" ;;
		esac 2>>"$T/forge.err" && n=$((n + 1)) && echo "$n" >"$T/fired"
		i=$((i + 1))
		[ $((i % 10)) -ne 0 ] || sleep 0.01
	done
) &
XPID=$!
started "$XPID"

wait_gone "$SPID" 120 || fail "sigsend still running after 120s"
fired=$(cat "$T/fired" 2>/dev/null || echo 0)
stop_strays
wait_exit "$SPID" 0
echo "$fired strays fired at the $at during the transfer"
expect_status 0 "$STATUS" "sigsend (strays at the $at; $(cat "$T/send.err"))"
if [ "$fired" -lt 20 ]; then
	grep -q 'Resource temporarily unavailable' "$T/forge.err" 2>/dev/null &&
		{ echo "SKIP: this user's signal queue is full (RLIMIT_SIGPENDING): $fired strays queued" >&2; exit 77; }
	fail "only $fired strays before the transfer ended: nothing was tested"
fi
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv (strays at the $at; $(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
no_temp dest
grep '^sigsend: transport:' "$T/send.err" || fail "sigsend -v printed no summary: $(cat "$T/send.err")"
used_transport "strays at the $at"
rec=$(sed -n 's/^sigsend: \([0-9]*\) lost signals recovered, \([0-9]*\) frames resent$/\1 \2/p' "$T/send.err")
echo "lost signals recovered, frames resent: ${rec:-none}"
case $rec in
'') ;;
*' 0') [ -z "$SEND_OPTS" ] || fail "fast transport: foreign strays made it recover: $rec" ;;
*) fail "foreign strays at the $at were taken for the peer's: $rec (recovered, resent)" ;;
esac
