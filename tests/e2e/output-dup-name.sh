# sigrecv -d DIR -f, sent two files of the same base name in one
# transfer: refused (73), and the message says why (the name came twice),
# not "File exists (use --force)", which -f was given to override; nothing
# is written.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir "$T/a" "$T/b" "$T/D"
printf 'one\n' >"$T/a/report.pdf"
printf 'two\n' >"$T/b/report.pdf"

start_receiver -f -d "$T/D"
timeout 30 "$SIGSEND" "$RPID" "$T/a/report.pdf" "$T/b/report.pdf" 2>"$T/send.err"
expect_status 73 $? "sigsend of two report.pdf"
wait_receiver
expect_status 73 "$RSTATUS" "sigrecv -f -d given report.pdf twice"
want="sigrecv: $T/D/report.pdf: sent twice in one transfer"
grep -qxF "$want" "$T/recv.err" || fail "expected '$want', got: $(cat "$T/recv.err")"
! grep -q 'force' "$T/send.err" || fail "sigsend points at --force: $(cat "$T/send.err")"
[ -z "$(ls -A "$T/D")" ] || fail "files written: $(ls -A "$T/D")"
