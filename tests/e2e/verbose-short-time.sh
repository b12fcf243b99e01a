# The -v summary of a short transfer tells a true time: milliseconds
# under a second, never "0.00 s"; and a rate only where the time is long
# enough to measure one (10 ms and more), never a rate computed from a
# rounded time.  demo.sh prints this summary.
. "${top_srcdir:-.}/tests/test-env.sh"

TIME='\([0-9][0-9]* ms\|[0-9][0-9]*\.[0-9][0-9] s\)'
RATE='[0-9][0-9.]*\(B\|KiB\|MiB\|GiB\)/s'
for i in 1 2 3; do
	start_receiver -v --wait 60
	timeout 60 "$SIGSEND" -v -m hi "$RPID" 2>"$T/send.err"
	expect_status 0 $? "sigsend -v -m hi ($(cat "$T/send.err"))"
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv -v ($(cat "$T/recv.err"))"
	for f in "$T/send.err" "$T/recv.err"; do
		line=$(grep 'bytes on the wire' "$f")
		! echo "$line" | grep -q ' 0\.00 s' || fail "summary says 0.00 s: $line"
		# Under a second the time is in ms (-m hi takes far less).
		! echo "$line" | grep -q ', 0\.[0-9]* s' || fail "a time under 1 s not in ms: $line"
		echo "$line" | grep -q ", $TIME\(, $RATE\( ($RATE on the wire)\)\?\)\?\(, XXH3 verified\)\?\$" ||
			fail "summary: $line"
		# A rate goes with a time of 10 ms or more only.
		if echo "$line" | grep -q ", [0-9] ms, [0-9]"; then
			fail "a rate from a time under 10 ms: $line"
		fi
	done
done
# demo.sh shows the same summary (sigsend -v), not figures of its own.
grep -q '^\./sigsend -v ' "$top_srcdir/demo.sh" && ! grep -q '%\.2f s' "$top_srcdir/demo.sh" ||
	fail "demo.sh does not print sigsend -v's summary"
