# A receiver in a child PID namespace (a container, seen from the host)
# cannot answer a sender outside it: our signals reach it with si_pid 0.
# Addressed by its outer PID or by its name, sigsend says so at once (69,
# not a 10 s timeout), sends no signal, and tells how to run sigsend
# inside the namespace; run that way (as root), the transfer works.
# Skipped where unshare may not make a PID namespace.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v unshare >/dev/null 2>&1 || { echo "SKIP: no unshare(1)" >&2; exit 77; }
NS="unshare --pid --fork --mount-proc --kill-child"
if ! $NS true 2>"$T/unshare.err"; then
	NS="unshare --user --map-root-user --pid --fork --mount-proc --kill-child"
	$NS true 2>>"$T/unshare.err" || {
		echo "SKIP: unshare --pid --fork --mount-proc is not permitted here: $(cat "$T/unshare.err")" >&2
		exit 77
	}
fi

# unshare is our child and sigrecv its child.  unshare ignores SIGTERM
# while it waits for its child, so the EXIT trap stops sigrecv itself
# (while unshare, which would reap it, still runs: its PID is not free),
# and unshare exits after it.  Should that fail, unshare is killed and
# --kill-child takes sigrecv down too.  -k: sigrecv is the namespace's
# PID 1, whose exit would kill a sender still in there.
RPID=""
stop_boxed() {
	if [ -n "$RPID" ] && alive "$UPID" && alive "$RPID"; then
		kill -TERM "$RPID"
	fi
	wait_gone "$UPID" 10 || kill -KILL "$UPID"
}
trap 'stop_boxed; cleanup' EXIT
$NS "$SIGRECV" -k -N boxed >"$T/out" 2>"$T/recv.err" &
UPID=$!
started "$UPID"
wait_file "$NAMES_DIR/boxed" || fail "the boxed receiver did not register: $(cat "$T/recv.err")"
child_of() {
	cat "/proc/$1/task/$1/children" 2>/dev/null || ps -o pid= --ppid "$1" 2>/dev/null
}
RPID=$(child_of "$UPID" | tr -d ' \n')
[ -n "$RPID" ] && [ "$(cat "/proc/$RPID/comm" 2>/dev/null)" = sigrecv ] ||
	{ echo "cannot find the receiver's outer PID (unshare $UPID, child '$RPID')" >&2; exit 99; }
grep -q '^NSpid:.*[0-9][[:space:]][[:space:]]*[0-9]' "/proc/$RPID/status" ||
	{ echo "the receiver is not in a nested PID namespace: $(grep NSpid "/proc/$RPID/status")" >&2; exit 99; }
idle_mark "$RPID"

for target in "$RPID" boxed; do
	t0=$(now_ms)
	timeout 30 "$SIGSEND" -w 5 "$target" -m hi >"$T/send.out" 2>"$T/send.err"
	st=$?
	el=$(( $(now_ms) - t0 ))
	expect_status 69 "$st" "sigsend $target (receiver in a child PID namespace; $(cat "$T/send.err"))"
	[ "$el" -lt 3000 ] || fail "sigsend $target took $el ms: it tried instead of refusing at once"
	[ "$(cat "$T/send.err")" = "sigsend: $target: receiver is in another PID namespace and cannot answer from here; run sigsend inside it: nsenter -t $RPID -p -m sigsend ..." ] ||
		fail "message: '$(cat "$T/send.err")'"
	[ ! -s "$T/send.out" ] || fail "wrote to stdout"
	idle_still "$RPID" || fail "the receiver in the namespace was signalled"
done
# --wait does not wait for what waiting cannot change.
t0=$(now_ms)
timeout 30 "$SIGSEND" --wait 20 boxed -m hi >"$T/send.out" 2>"$T/send.err"
expect_status 69 $? "sigsend --wait boxed"
[ $(( $(now_ms) - t0 )) -lt 3000 ] || fail "sigsend --wait waited for a receiver in another namespace"

# As the message says: inside the namespace, the same name works.
if [ "$(id -u)" -eq 0 ] && command -v nsenter >/dev/null 2>&1 &&
   [ "${NS#*--user}" = "$NS" ]; then
	timeout 30 nsenter -t "$RPID" -p -m "$SIGSEND" boxed -m inside 2>"$T/send.err"
	expect_status 0 $? "nsenter -t $RPID -p -m sigsend boxed ($(cat "$T/send.err"))"
	wait_until 10 grep -qx inside "$T/out" || fail "output: '$(cat "$T/out")'"
else
	echo "not root or in a user namespace: sending from inside not tried"
fi
