# sigrecv -o onto an existing file: refused (73) at once and left
# untouched without -f; replaced with -f.
. "${top_srcdir:-.}/tests/test-env.sh"

printf 'precious\n' >"$T/dest"
cp "$T/dest" "$T/orig"
# No sender ever comes: it must refuse before waiting for one.
timeout 10 "$SIGRECV" -P "$T/recv.pid" -o "$T/dest" >"$T/out" 2>"$T/recv.err" </dev/null
st=$?
[ "$st" -ne 124 ] || fail "sigrecv -o EXISTING waited for a sender instead of refusing"
expect_status 73 "$st" "sigrecv -o EXISTING"
cmp -s "$T/orig" "$T/dest" || fail "existing file was changed"
grep -q "^sigrecv: .*$T/dest" "$T/recv.err" || fail "message does not name the file: $(cat "$T/recv.err")"
[ ! -e "$T/recv.pid" ] || fail "pid file written although it refused to run"
[ ! -s "$T/out" ] || fail "stdout not empty"
no_temp dest

# With -f it is replaced.
printf 'new contents\n' >"$T/new"
start_receiver -f -o "$T/dest"
timeout 30 "$SIGSEND" "$RPID" "$T/new" 2>"$T/send.err"
expect_status 0 $? "sigsend to -f -o"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -f -o EXISTING"
cmp -s "$T/new" "$T/dest" || fail "-f did not replace the file: $(cat "$T/dest")"
no_temp dest
