# Root sending to another user's receiver: the receiver could never
# signal root back, so sigsend says so at once (77) instead of waiting
# for its timeout, and sends nothing.
. "${top_srcdir:-.}/tests/test-env.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root" >&2; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "SKIP: no setpriv(1)" >&2; exit 77; }
AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 1777 "$T"
# nobody may not reach the build tree (a 0700 mktemp -d): run a copy
cp "$SIGRECV" "$T/" && chmod 755 "$T/sigrecv" || exit 99
$AS test -x "$T/sigrecv" || { echo "SKIP: nobody cannot run programs from $T" >&2; exit 77; }
$AS env XDG_RUNTIME_DIR= "$T/sigrecv" -P "$T/recv.pid" >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" || fail "sigrecv did not start: $(cat "$T/recv.err")"
idle_mark "$RPID"
t0=$(now_ms)
timeout 20 "$SIGSEND" -w 10 -m hi "$RPID" 2>"$T/err"
st=$?
t1=$(now_ms)
expect_status 77 "$st" "root's sigsend to nobody's receiver ($(cat "$T/err"))"
[ $((t1 - t0)) -lt 5000 ] || fail "refused only after $((t1 - t0)) ms"
grep -q "^sigsend: $RPID: receiver runs as another user" "$T/err" || fail "message: $(cat "$T/err")"
idle_still "$RPID" || fail "the receiver was signalled"
