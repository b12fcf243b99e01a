# sigsend --fast: 8 MiB of random data and 2 MiB of text go as words on
# queued real-time signals (as many bytes each as the probe found intact:
# 36, 32, 24 or 8; fast-wide.sh says which where); both sides name the same
# width with -v and the output is the input.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

head -c 8388608 /dev/urandom >"$T/random" || exit 99
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "line %d: the quick brown fox jumps over the lazy dog\n", i }' \
	>"$T/text" || exit 99
for f in random text; do
	start_receiver -v -o "$T/$f.out"
	timeout 120 "$SIGSEND" -v --fast "$RPID" "$T/$f" 2>"$T/send.err"
	expect_status 0 $? "sigsend --fast $f ($(cat "$T/send.err"))"
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
	cmp -s "$T/$f" "$T/$f.out" || fail "$f: output differs from input"
	unit=$(sed -n 's/^sigsend: transport: fast, \([0-9]*\) bytes per signal.*/\1/p' "$T/send.err")
	case $unit in
	36 | 32 | 24 | 8) ;;
	*) fail "$f: sigsend -v does not name the fast transport: $(cat "$T/send.err")" ;;
	esac
	grep -q "fast transport ($unit bytes per signal)" "$T/recv.err" ||
		fail "$f: sigrecv -v does not name the fast transport of $unit bytes: $(cat "$T/recv.err")"
done
# Text compresses: far fewer bytes on the wire than in.
wire=$(sed -n 's/.*bytes in, \([0-9]*\) bytes on the wire.*/\1/p' "$T/send.err")
[ -n "$wire" ] && [ "$wire" -lt $(($(wc -c <"$T/text") / 3)) ] ||
	fail "text was not compressed on the fast transport: $(cat "$T/send.err")"

# A pipe that pauses longer than the keepalive period (1 s): what was read
# goes out at once, position queries keep the fast session alive, and the
# rest follows.
start_receiver
(printf 'first\n'; sleep 1.5; printf 'second\n') |
	timeout 60 "$SIGSEND" -v --fast "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend --fast from a pausing pipe ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = "first
second" ] || fail "pausing pipe: output '$(cat "$T/out")'"
grep -q '^sigsend: transport: fast' "$T/send.err" || fail "pausing pipe: not the fast transport"
