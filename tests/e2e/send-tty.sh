# sigsend reading a terminal as stdin with no FILE (or -): refused with a
# hint, exit 64, nothing sent.  script(1) provides the terminal.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v script >/dev/null 2>&1 || { echo "no script(1)" >&2; exit 77; }
script -qec true /dev/null </dev/null >/dev/null 2>&1 || { echo "script(1) cannot make a pty" >&2; exit 77; }

start_receiver
idle_mark "$RPID"
for args in "$RPID" "$RPID -"; do
	timeout 20 script -qec "exec '$SIGSEND' $args" /dev/null </dev/null >"$T/tty.out" 2>&1
	st=$?
	[ "$st" -ne 124 ] || fail "sigsend $args on a terminal hung (reading it?)"
	expect_status 64 "$st" "sigsend $args on a terminal"
	grep -qi 'terminal' "$T/tty.out" || fail "no hint about the terminal: $(cat "$T/tty.out")"
	grep -q '^sigsend: ' "$T/tty.out" || fail "no 'sigsend: ' message: $(cat "$T/tty.out")"
done
idle_still "$RPID" || fail "the receiver was signalled"

# A FILE or -m with a terminal as stdin is fine.
printf 'file on a tty\n' >"$T/a"
timeout 30 script -qec "exec '$SIGSEND' $RPID '$T/a'" /dev/null </dev/null >"$T/tty.out" 2>&1
expect_status 0 $? "sigsend PID FILE on a terminal: $(cat "$T/tty.out")"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
cmp -s "$T/a" "$T/out" || fail "output differs"
