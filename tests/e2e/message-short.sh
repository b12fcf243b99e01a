# A one-line message is a single short frame: sigsend -m hi sends at most
# 300 signals in all (-v counts them; strace too, where it is installed),
# and the receiver prints the message.
. "${top_srcdir:-.}/tests/test-env.sh"

start_receiver
timeout 30 "$SIGSEND" -v -m hi "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend -m hi ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ "$(cat "$T/out")" = hi ] || fail "output: $(cat "$T/out")"
n=$(sed -n 's/.* \([0-9]*\) signals.*/\1/p' "$T/send.err")
[ -n "$n" ] || fail "sigsend -v gave no signal count: $(cat "$T/send.err")"
[ "$n" -le 300 ] || fail "sigsend -m hi sent $n signals, more than 300"

# strace counts every signal the process sends, whatever kind.
command -v strace >/dev/null 2>&1 || exit 0
case "${MINITALK_SANITIZED:-}" in ?*) exit 0 ;; esac
start_receiver
strace -f -c -o "$T/strace.out" -e trace=kill,tgkill,pidfd_send_signal,rt_sigqueueinfo \
	"$SIGSEND" -m hi "$RPID" 2>"$T/send.err" || fail "sigsend under strace: $(cat "$T/send.err")"
wait_receiver
[ "$(cat "$T/out")" = hi ] || fail "output under strace: $(cat "$T/out")"
total=$(awk '$NF == "total" { print $(NF-2) }' "$T/strace.out")
[ -n "$total" ] || { echo "strace gave no count; skipped that part" >&2; exit 0; }
# kill(pid, 0) only probes the receiver: it sends nothing.
probes=$(awk '$NF == "kill" { print $(NF-1) }' "$T/strace.out")
[ $((total - ${probes:-0})) -le 300 ] || fail "strace counts $total signal calls: $(cat "$T/strace.out")"
