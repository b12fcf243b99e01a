# Four sigsend started at once at one sigrecv -k: the receiver serves
# them one after another.  Every payload arrives whole and exactly once,
# never interleaved with another, and every sender exits 0.
. "${top_srcdir:-.}/tests/test-env.sh"

N=4096
for i in 1 2 3 4; do
	head -c "$N" /dev/urandom >"$T/in$i" || exit 99
done
start_receiver -k
for i in 1 2 3 4; do
	timeout 120 "$SIGSEND" $SEND_OPTS "$RPID" "$T/in$i" 2>"$T/send$i.err" &
	eval "SPID$i=\$!"
	started "$!"
done
for i in 1 2 3 4; do
	eval "p=\$SPID$i"
	wait_exit "$p" 120 || fail "sigsend $i still running after 120s"
	[ "$STATUS" -ne 124 ] || fail "sigsend $i hung (killed by timeout)"
	expect_status 0 "$STATUS" "sigsend $i ($(cat "$T/send$i.err"))"
	[ ! -s "$T/send$i.err" ] || fail "sigsend $i printed: $(cat "$T/send$i.err")"
done
alive "$RPID" || fail "sigrecv -k exited"

# Each sender exits 0 only once its payload is written: the output holds
# all four, each as one contiguous block.
size=$(wc -c <"$T/out")
[ "$size" -eq $((4 * N)) ] || fail "output has $size bytes, expected $((4 * N))"
seen=""
for k in 0 1 2 3; do
	tail -c +$((k * N + 1)) "$T/out" | head -c "$N" >"$T/block"
	hit=""
	for i in 1 2 3 4; do
		cmp -s "$T/block" "$T/in$i" && hit=$i
	done
	[ -n "$hit" ] || fail "block $k of the output is none of the payloads (interleaved or corrupted)"
	case " $seen " in *" $hit "*) fail "payload $hit appears twice" ;; esac
	seen="$seen $hit"
done
grep -v '^sigrecv: PID ' "$T/recv.err" >"$T/recv.msgs"
[ ! -s "$T/recv.msgs" ] || fail "sigrecv reported: $(cat "$T/recv.msgs")"

kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"
