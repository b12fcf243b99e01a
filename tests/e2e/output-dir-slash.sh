# sigrecv -d DIR/ (a trailing slash, as shell completion leaves it) names
# its files DIR/NAME in messages, not DIR//NAME.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir "$T/incoming"
printf 'old\n' >"$T/incoming/report.pdf"
printf 'new\n' >"$T/report.pdf"

start_receiver -d "$T/incoming/"
timeout 30 "$SIGSEND" "$RPID" "$T/report.pdf" 2>"$T/send.err"
expect_status 73 $? "sigsend onto an existing name"
wait_receiver
expect_status 73 "$RSTATUS" "sigrecv -d DIR/ holding the name"
grep -q "^sigrecv: $T/incoming/report\.pdf: " "$T/recv.err" ||
	fail "the file is not named DIR/NAME: $(cat "$T/recv.err")"
! grep -q '//' "$T/recv.err" || fail "a doubled slash: $(cat "$T/recv.err")"
