# sigsend -n from a pipe (size unknown) prints the input bytes the
# receiver has confirmed: a non-decreasing sequence ending at the input
# size, even when the input's compressibility changes on the way (text,
# then random bytes, then text), which once made an estimate from
# deflate's counters run ahead and then go back.  MINITALK_PROGRESS_MS=0
# makes both sides print their figure at every frame instead of once a
# second, so the lines to judge do not depend on the transfer being slow
# (a fast machine sent all this in less than two seconds), and every
# figure sigsend shows must be one the receiver held: never ahead.
. "${top_srcdir:-.}/tests/test-env.sh"

{
	i=0
	while [ "$i" -lt 3000 ]; do
		echo "line $i of a text that compresses well, more or less"
		i=$((i + 1))
	done
	head -c 8000 /dev/urandom
	seq 1 20000
} >"$T/in.bin" || exit 99
SIZE=$(wc -c <"$T/in.bin" | tr -d ' ')

MINITALK_PROGRESS_MS=0
export MINITALK_PROGRESS_MS
start_receiver -n --wait 60
cat "$T/in.bin" | timeout 600 "$SIGSEND" --classic -n "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend -n from a pipe ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -n"
cmp -s "$T/in.bin" "$T/out" || fail "output differs from input"

grep -vq '^[0-9][0-9]*$' "$T/send.err" && fail "sigsend -n printed more than numbers: $(cat "$T/send.err")"
[ "$(wc -l <"$T/send.err")" -ge 3 ] || fail "too few progress lines to judge: $(tr '\n' ' ' <"$T/send.err")"
awk -v max="$SIZE" 'NR > 1 && $1 + 0 < prev { exit 1 } $1 + 0 > max + 0 { exit 1 }
	{ prev = $1 + 0 }' "$T/send.err" ||
	fail "sigsend -n decreases or exceeds $SIZE: $(tr '\n' ' ' <"$T/send.err")"
[ "$(tail -n 1 "$T/send.err")" = "$SIZE" ] ||
	fail "sigsend -n does not end at $SIZE: $(tr '\n' ' ' <"$T/send.err")"
grep '^[0-9][0-9]*$' "$T/recv.err" >"$T/held"
ahead=$(grep -vxFf "$T/held" "$T/send.err")
[ -z "$ahead" ] || fail "sigsend -n showed figures the receiver never held: $(echo $ahead)"
echo "sigsend -n: $(tr '\n' ' ' <"$T/send.err")"
echo "sigrecv -n: $(grep -v PID "$T/recv.err" | tr '\n' ' ')"
