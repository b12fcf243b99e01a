# sigrecv -o in a sticky world-writable directory never follows another
# user's symbolic link, nor writes into another user's FIFO or device,
# whether or not the kernel's protected_symlinks and protected_fifos are
# on (they are off on many systems; this test does not rely on them):
# nobody plants D/out.txt -> D/nb.fifo with a reader behind it, or a link
# to a device, before or after root's receiver starts; root's payload
# must never reach nobody.  Before: both ends exited 0 and nobody held
# the payload.  Controls: root's own link to its own FIFO still works.
. "${top_srcdir:-.}/tests/test-env.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root" >&2; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "SKIP: no setpriv(1)" >&2; exit 77; }
AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 755 "$T"
D=$T/D
mkdir -m 1777 "$D" || exit 99
$AS test -w "$D" || { echo "SKIP: nobody cannot write in $D" >&2; exit 77; }

# plant NAME TARGET: nobody's FIFO D/nb.fifo with a reader copying to
# D/stolen, and nobody's link D/NAME -> TARGET
plant_fifo() {
	rm -f "$D/nb.fifo" "$D/stolen"
	$AS mkfifo "$D/nb.fifo" || exit 99
	$AS sh -c 'exec cat "$1" >"$2"' sh "$D/nb.fifo" "$D/stolen" &
	READER=$!
	started "$READER"
}
plant_link() {
	rm -f "$D/$1"
	$AS ln -s "$2" "$D/$1" || exit 99
}
# stolen: the reader got something
stolen() {
	[ -s "$D/stolen" ]
}
end_reader() {
	kill "$READER" 2>/dev/null
	wait "$READER" 2>/dev/null
	forget "$READER"
}

# 1. the link is there when the receiver starts: refused at once
plant_fifo
plant_link out.txt "$D/nb.fifo"
"$SIGRECV" -o "$D/out.txt" -P "$T/r1.pid" >/dev/null 2>"$T/recv.err" &
R=$!
started "$R"
wait_until 20 sh -c "[ -s '$T/r1.pid' ] || ! kill -0 $R 2>/dev/null"
[ -s "$T/r1.pid" ] && timeout 30 "$SIGSEND" -m secret "$R" 2>/dev/null
wait_exit "$R" 30 || fail "sigrecv -o nobody's link still runs"
[ "$STATUS" -ne 0 ] || fail "sigrecv -o nobody's link to nobody's FIFO exited 0"
stolen && fail "nobody read root's payload through its link: $(cat "$D/stolen")"
grep -q "out.txt" "$T/recv.err" || fail "no message naming the output: $(cat "$T/recv.err")"
end_reader

# 2. the link is planted after the receiver started
rm -f "$D/out.txt"
plant_fifo
start_receiver -o "$D/out.txt"
plant_link out.txt "$D/nb.fifo"
timeout 30 "$SIGSEND" -m secret "$RPID" 2>"$T/send.err"
st=$?
wait_receiver
[ "$st" -ne 0 ] || fail "sigsend reported success through nobody's link"
[ "$RSTATUS" -ne 0 ] || fail "sigrecv exited 0 through nobody's link"
stolen && fail "nobody read root's payload (link planted late): $(cat "$D/stolen")"
end_reader

# 3. nobody's own FIFO, no link: refused at start; and when it appears
# after the receiver started, not written into either
plant_fifo
timeout 20 "$SIGRECV" -o "$D/nb.fifo" --wait 1 >/dev/null 2>"$T/recv.err"
st=$?
[ "$st" -eq 73 ] || fail "sigrecv -o nobody's FIFO: exit $st, expected 73 ($(cat "$T/recv.err"))"
end_reader
rm -f "$D/nb.fifo"
start_receiver -o "$D/nb.fifo"
plant_fifo
timeout 30 "$SIGSEND" -m secret "$RPID" 2>/dev/null
wait_receiver
[ "$RSTATUS" -ne 0 ] || fail "sigrecv wrote into nobody's FIFO"
stolen && fail "nobody read root's payload from its FIFO: $(cat "$D/stolen")"
end_reader

# 3b. nobody's FIFO with no reader, planted after the start: refused at
# once, not opened (opening a FIFO for writing waits for a reader)
rm -f "$D/nb.fifo"
start_receiver -o "$D/nb.fifo"
$AS mkfifo "$D/nb.fifo" || exit 99
timeout 60 "$SIGSEND" -m secret "$RPID" 2>/dev/null
if ! wait_exit "$RPID" 30; then
	# blocked in open(): a reader lets it go, so that the test ends
	$AS timeout 10 cat "$D/nb.fifo" >/dev/null
	fail "sigrecv blocked opening nobody's FIFO (no reader)"
fi
[ "$STATUS" -ne 0 ] || fail "sigrecv wrote into nobody's FIFO (no reader)"
rm -f "$D/nb.fifo"

# 4. nobody's link to a device (root's /dev/null): not followed
plant_link dev.out /dev/null
timeout 20 "$SIGRECV" -o "$D/dev.out" --wait 1 >/dev/null 2>"$T/recv.err"
st=$?
[ "$st" -eq 73 ] || fail "sigrecv -o nobody's link to a device: exit $st, expected 73 ($(cat "$T/recv.err"))"

# control: root's own link in the sticky directory to root's own FIFO
mkfifo "$T/mine.fifo" || exit 99
ln -s "$T/mine.fifo" "$D/mine"
cat "$T/mine.fifo" >"$T/drained" &
CAT=$!
started "$CAT"
start_receiver -o "$D/mine"
timeout 30 "$SIGSEND" -m mine "$RPID" 2>"$T/send.err"
expect_status 0 $? "sigsend through root's own link ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -o root's own link to its FIFO ($(cat "$T/recv.err"))"
wait_exit "$CAT" 10 || fail "reader of root's FIFO did not finish"
[ "$(cat "$T/drained")" = mine ] || fail "root's FIFO got '$(cat "$T/drained")'"
exit 0
