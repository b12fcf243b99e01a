# A receiver that stops answering (SIGSTOPped before the transfer):
# sigsend -w 1 gives up with 75 within a few seconds.
. "${top_srcdir:-.}/tests/test-env.sh"

now_ms() {
	_t=$(date +%s%N)
	case $_t in *N) echo $(( $(date +%s) * 1000 )) ;; *) echo $(( _t / 1000000 )) ;; esac
}

start_receiver
kill -STOP "$RPID"
t0=$(now_ms)
timeout 30 "$SIGSEND" -w 1 -m "anyone there?" "$RPID" 2>"$T/send.err"
st=$?
t1=$(now_ms)
kill -CONT "$RPID"
[ "$st" -ne 124 ] || fail "sigsend -w 1 hung for 30s"
expect_status 75 "$st" "sigsend -w 1 to a stopped receiver"
grep -q "^sigsend: " "$T/send.err" || fail "no error message"
[ $((t1 - t0)) -lt 5000 ] || fail "took $((t1 - t0)) ms to give up with -w 1"
[ $((t1 - t0)) -ge 900 ] || fail "gave up after $((t1 - t0)) ms, before its 1s timeout"

alive "$RPID" || fail "the receiver died"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv after SIGCONT and SIGTERM"
[ ! -s "$T/out" ] || fail "the receiver wrote: $(cat "$T/out")"
