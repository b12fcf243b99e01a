# A third process fires 300 signals at the sender while it takes a reply
# (SIGUSR1, SIGUSR2 and the fast transport's real-time 40 and 41, as in
# fault_strays of test-env.sh): the 30 KiB random reply arrives intact
# (4 MiB, paced, on the fast transport, so that the strays meet it under
# way there too), and both sides exit 0.
# Runs on the fast transport too (tests/e2e/fast/reply-strays.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

payload "$T/reply.bin" 30720
# The command sends the file as paced() does: 64 KiB every 20 ms.
cat >"$T/paced.sh" <<'SH'
n=$(( ($(wc -c <"$1") + 65535) / 65536 )) i=0
while [ "$i" -lt "$n" ]; do
	dd if="$1" bs=65536 skip="$i" count=1 2>/dev/null || exit 1
	i=$((i + 1))
	sleep 0.02
done
SH
start_receiver -e "sh '$T/paced.sh' '$T/reply.bin'"
rm -f "$T/reply"
reply_bg "$T/reply" -m go "$RPID"
wait_until 30 test -s "$T/reply" || fail "the reply never started: $(cat "$T/send.err")"
alive "$SPID" || fail "the reply was over before the strays: nothing was tested"
(
	i=0
	while [ "$i" -lt 300 ]; do
		case $((i % 4)) in 0) sig=USR1 ;; 1) sig=USR2 ;; 2) sig=40 ;; *) sig=41 ;; esac
		kill -"$sig" "$SPID" 2>/dev/null || exit 1
		i=$((i + 1))
		[ $((i % 20)) -ne 0 ] || sleep 0.02
	done
) &
X=$!
started "$X"
wait_exit "$X" 60 || fail "the stray loop did not finish"
[ "$STATUS" -eq 0 ] || fail "sigsend was gone before all 300 strays were sent"
alive "$SPID" || fail "the reply was over before all strays were fired: nothing was tested"
reply_end 0 "300 strays at the sender during the reply"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/reply.bin" "$T/reply" ||
	fail "the reply differs ($(wc -c <"$T/reply") of $(wc -c <"$T/reply.bin") bytes)"
