# A name whose receiver is gone (its file left behind, as after SIGKILL)
# is stale: sigsend does not take it for a receiver, and the next
# sigrecv -N takes it over.  Liveness is the receiver's lock on the file,
# not the PID in it, so even a live process in the file (a PID reused)
# is neither signalled nor stands in the way.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir -m 700 "$NAMES_DIR" || exit 99
true &
DEAD=$!
wait "$DEAD"
echo "$DEAD idle" >"$NAMES_DIR/old"
sleep 300 &
VICTIM=$!
started "$VICTIM"
echo "$VICTIM idle" >"$NAMES_DIR/reused"

for name in old reused; do
	timeout 10 "$SIGSEND" "$name" -m hi >"$T/send.out" 2>"$T/send.err"
	expect_status 69 $? "sigsend to the stale name $name"
	grep -qx "sigsend: $name: no receiver of that name" "$T/send.err" ||
		fail "message for $name: '$(cat "$T/send.err")'"
done
alive "$VICTIM" || fail "the process in a stale name file was signalled"

for name in old reused; do
	start_receiver -N "$name"
	[ "$(cat "$NAMES_DIR/$name")" = "$RPID idle" ] ||
		fail "stale $name not taken over: '$(cat "$NAMES_DIR/$name")'"
	deliver "$name" "to $name"
	[ ! -e "$NAMES_DIR/$name" ] || fail "name $name left after exit"
done
alive "$VICTIM" || fail "the process in a stale name file was signalled"
