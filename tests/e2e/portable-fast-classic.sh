# On a build without queued signals (./configure --enable-portable, as
# on macOS) sigsend --fast says in one line that there is no fast
# transport, sends on the classic one, and the transfer succeeds; -v
# gives the same reason.  The default build has the fast transport: skip.
. "${top_srcdir:-.}/tests/test-env.sh"
have_fast && { echo "SKIP: needs the portable build (this one has the fast transport)"; exit 77; }

head -c 3000 /dev/urandom >"$T/in.bin" || exit 99
start_receiver -o "$T/dest"
timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend -v --fast ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
[ "$(grep -c -- '--fast: this build has no fast transport' "$T/send.err")" -eq 1 ] ||
	fail "not one line about --fast: $(cat "$T/send.err")"
grep -q '^sigsend: transport: classic.*(this build has no fast transport)' "$T/send.err" ||
	fail "sigsend -v does not say why: $(cat "$T/send.err")"
# -q: not a word
start_receiver -o "$T/dest2"
timeout 60 "$SIGSEND" -q --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend -q --fast"
wait_receiver
[ ! -s "$T/send.err" ] || fail "sigsend -q --fast spoke: $(cat "$T/send.err")"
