# -v on both ends: a summary line (bytes in, bytes on the wire, ratio,
# time, rate), then 'XXH3 (NAME) = <16 hex>' per input, in order, the hex
# being what xxhsum -H3 prints for the same bytes (the line itself is
# xxhsum's --tag form: see hash-xxhsum-check.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

command -v xxhsum >/dev/null 2>&1 || { echo "no xxhsum (Debian: xxhash)" >&2; exit 77; }

# xxh3 FILE: the 16 hex digits xxhsum -H3 prints, whatever its format
# ('XXH3 (FILE) = hex' in 0.8.1, 'hex  FILE' in others).
xxh3() {
	xxhsum -H3 "$1" 2>/dev/null | sed -n 's/.*\([0-9a-f]\{16\}\).*/\1/p' | head -n 1
}
[ -n "$(xxh3 /dev/null)" ] || { echo "xxhsum -H3 does not work here" >&2; exit 77; }

NUM='[0-9][0-9]*'
# hashes FILE: the hash lines of a -v output, after the summary lines
# (which on a loaded machine may include a count of lost signals).
hashes() {
	sed -n '/^sigsend: \|^sigrecv: /!p' "$1"
}
RATIO='[0-9][0-9]*\.[0-9]'
SECS='\([0-9][0-9]* ms\|[0-9][0-9]*\.[0-9][0-9] s\)'
RATE='[0-9][0-9.]*\(B\|KiB\|MiB\)/s'

# One file ------------------------------------------------------------------
for i in $(seq 1 100); do echo "line $i of a text that compresses well"; done >"$T/one.txt"
size=$(wc -c <"$T/one.txt" | tr -d ' ')
h=$(xxh3 "$T/one.txt")

start_receiver -v --wait 60
timeout 60 "$SIGSEND" -v --classic "$RPID" "$T/one.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend -v FILE"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -v"
cmp -s "$T/one.txt" "$T/out" || fail "output differs from input"

# sigsend: summary, then the hash with the FILE as given.
sed -n 1p "$T/send.err" |
	grep -q "^sigsend: $size bytes in, $NUM bytes on the wire ($RATIO%), $SECS\(, $RATE ($RATE on the wire)\)\?\$" ||
	fail "sigsend -v summary: '$(cat "$T/send.err")'"
sed -n 2p "$T/send.err" | grep -q "^sigsend: transport: classic, 1 bit per signal, $NUM signals (--classic)\$" ||
	fail "sigsend -v transport line: '$(cat "$T/send.err")'"
[ "$(hashes "$T/send.err")" = "XXH3 ($T/one.txt) = $h" ] ||
	fail "sigsend -v hash lines: '$(cat "$T/send.err")', expected 'XXH3 ($T/one.txt) = $h'"
# Text compresses: fewer bytes on the wire than in.
wire=$(sed -n 's/.* bytes in, \([0-9]*\) bytes on the wire.*/\1/p' "$T/send.err")
[ "$wire" -lt "$size" ] || fail "sigsend -v: $wire bytes on the wire for $size bytes of text"
# The ratio is wire / in (allowing for the rounding of both).
ratio=$(sed -n 's/.* bytes on the wire (\([0-9.]*\)%).*/\1/p' "$T/send.err")
awk -v r="$ratio" -v w="$wire" -v n="$size" 'BEGIN {
	d = r - 100 * w / n; if (d < 0) d = -d; exit !(d <= 0.06 + 50 / n) }' ||
	fail "sigsend -v: ratio $ratio% is not $wire / $size"

# sigrecv: announcement, summary naming the sender, the hash with the
# sender's base name.
sed -n 2p "$T/recv.err" |
	grep -q "^sigrecv: $size bytes from sender $NUM, $NUM bytes on the wire ($RATIO%), $SECS\(, $RATE\)\?, XXH3 verified\$" ||
	fail "sigrecv -v summary: '$(cat "$T/recv.err")'"
[ "$(hashes "$T/recv.err")" = "XXH3 (one.txt) = $h" ] ||
	fail "sigrecv -v hash lines: '$(cat "$T/recv.err")', expected 'XXH3 (one.txt) = $h'"

# Several inputs, stdin among them: one line each, in order ------------------
printf 'first\n' >"$T/a.txt"
head -c 3000 /dev/urandom >"$T/b.bin"
printf 'from stdin\n' >"$T/stdin"
: >"$T/empty"
ha=$(xxh3 "$T/a.txt")
hb=$(xxh3 "$T/b.bin")
hs=$(xxh3 "$T/stdin")
he=$(xxh3 "$T/empty")
total=$(cat "$T/a.txt" "$T/b.bin" "$T/stdin" | wc -c | tr -d ' ')

start_receiver -v --wait 60
(cd "$T" && timeout 60 "$SIGSEND" -v "$RPID" "$T/b.bin" a.txt - ./empty <"$T/stdin" 2>"$T/send.err")
expect_status 0 $? "sigsend -v b.bin a.txt - empty"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -v"
cat "$T/b.bin" "$T/a.txt" "$T/stdin" >"$T/want"
cmp -s "$T/want" "$T/out" || fail "output is not b, a, stdin in order"

printf 'XXH3 (%s) = %s\n' "$T/b.bin" "$hb" a.txt "$ha" stdin "$hs" ./empty "$he" >"$T/want.send"
hashes "$T/send.err" >"$T/got.send"
cmp -s "$T/want.send" "$T/got.send" ||
	fail "sigsend -v hash lines:
$(cat "$T/got.send")
expected:
$(cat "$T/want.send")"
grep -q "^sigsend: $total bytes in, " "$T/send.err" || fail "sigsend -v summary: '$(sed -n 1p "$T/send.err")'"

printf 'XXH3 (%s) = %s\n' b.bin "$hb" a.txt "$ha" stdin "$hs" empty "$he" >"$T/want.recv"
hashes "$T/recv.err" >"$T/got.recv"
cmp -s "$T/want.recv" "$T/got.recv" ||
	fail "sigrecv -v hash lines:
$(cat "$T/got.recv")
expected:
$(cat "$T/want.recv")"
grep -q "^sigrecv: $total bytes from sender " "$T/recv.err" || fail "sigrecv -v summary: '$(sed -n 2p "$T/recv.err")'"

# -m: the message and its newline, named stdin --------------------------------
printf 'hello, world\n' >"$T/msg"
hm=$(xxh3 "$T/msg")
start_receiver --wait 60
timeout 30 "$SIGSEND" -v -m 'hello, world' "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend -v -m"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
[ "$(hashes "$T/send.err")" = "XXH3 (stdin) = $hm" ] ||
	fail "sigsend -v -m hash line: '$(cat "$T/send.err")', expected 'XXH3 (stdin) = $hm'"
# Without -v, sigrecv prints its announcement only.
[ "$(cat "$T/recv.err")" = "sigrecv: PID $RPID, waiting for a sender" ] ||
	fail "sigrecv without -v printed: '$(cat "$T/recv.err")'"
