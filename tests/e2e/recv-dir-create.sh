# sigrecv -d DIR where DIR does not exist yet (the README's
# `sigrecv -d incoming/`): DIR is created, private (mode 0700, like the
# name directory), only its last component, as mkdir does; the transfer
# lands in it.  An existing DIR keeps its mode.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir "$T/src"
printf 'report\n' >"$T/src/report.txt"
cd "$T" || exit 99
start_receiver -d incoming/ --wait 60
[ -d "$T/incoming" ] || fail "sigrecv -d incoming/ did not create incoming/: $(cat "$T/recv.err")"
[ "$(stat -c %a "$T/incoming")" = 700 ] ||
	fail "incoming/ has mode $(stat -c %a "$T/incoming"), expected 700"
timeout 60 "$SIGSEND" "$RPID" "$T/src/report.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend to sigrecv -d incoming/ ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -d incoming/ ($(cat "$T/recv.err"))"
cmp -s "$T/src/report.txt" "$T/incoming/report.txt" || fail "incoming/report.txt missing or wrong"

# An existing directory is used as it is: its mode is not changed.
mkdir -m 755 "$T/shared"
start_receiver -d "$T/shared" --wait 60
[ "$(stat -c %a "$T/shared")" = 755 ] || fail "sigrecv -d changed an existing directory's mode"
