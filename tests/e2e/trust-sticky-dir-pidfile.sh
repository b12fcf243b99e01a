# sigrecv -d DIR and -P FILE in a sticky world-writable directory never
# go through another user's symbolic link: nobody plants D/in -> a
# directory of root's, and root's -d D/in or -P D/in/recv.pid would put
# files (named by the sender, with -d) wherever nobody points.  Refused
# (73), nothing written there.  Before: -d wrote the sender's file into
# root's directory and -P its pid file.  Controls: root's own link.
. "${top_srcdir:-.}/tests/test-env.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root" >&2; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "SKIP: no setpriv(1)" >&2; exit 77; }
AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 755 "$T"
D=$T/D
mkdir -m 1777 "$D" || exit 99
mkdir -m 700 "$T/root-only" || exit 99
$AS ln -s "$T/root-only" "$D/in" || { echo "SKIP: nobody cannot write in $D" >&2; exit 77; }

timeout 20 "$SIGRECV" -d "$D/in" --wait 1 >/dev/null 2>"$T/recv.err"
st=$?
[ "$st" -eq 73 ] || fail "sigrecv -d nobody's link: exit $st, expected 73 ($(cat "$T/recv.err"))"
grep -q "^sigrecv: $D/in: Permission denied" "$T/recv.err" || fail "message: $(cat "$T/recv.err")"

timeout 20 "$SIGRECV" -P "$D/in/recv.pid" --wait 1 >/dev/null 2>"$T/recv.err"
st=$?
[ "$st" -eq 73 ] || fail "sigrecv -P through nobody's link: exit $st, expected 73 ($(cat "$T/recv.err"))"
[ -z "$(ls -A "$T/root-only")" ] || fail "written through nobody's link: $(ls -A "$T/root-only")"

# controls: root's own link to the same directory works for both
ln -s "$T/root-only" "$D/mine"
printf 'data\n' >"$T/f.txt"
rm -f "$T/recv.pid"
"$SIGRECV" -d "$D/mine" -P "$D/mine/recv.pid" >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/root-only/recv.pid" || fail "no pid file through root's own link: $(cat "$T/recv.err")"
timeout 30 "$SIGSEND" "$D/mine/recv.pid" "$T/f.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -d and -P through root's own link ($(cat "$T/recv.err"))"
cmp -s "$T/f.txt" "$T/root-only/f.txt" || fail "file not written through root's own link"
exit 0
