# sigsend --wait SECS when the receiver never appears: 75 after about
# SECS, with a message naming the target.  An input that cannot be opened
# is reported at once (66), not after the wait.  A bad SECS: 64.
. "${top_srcdir:-.}/tests/test-env.sh"

t0=$(now_ms)
timeout 20 "$SIGSEND" --wait 0.5 ghost -m hi >"$T/out" 2>"$T/err"
st=$?
el=$(( $(now_ms) - t0 ))
expect_status 75 "$st" "sigsend --wait 0.5 ghost"
[ "$(cat "$T/err")" = "sigsend: ghost: no receiver appeared in time (--wait)" ] ||
	fail "message: '$(cat "$T/err")'"
[ "$el" -ge 400 ] || fail "gave up after $el ms, before the 0.5 s wait"
[ "$el" -lt 5000 ] || fail "took $el ms to give up on a 0.5 s wait"

timeout 20 "$SIGSEND" --wait 1 "$T/never.pid" -m hi >"$T/out" 2>"$T/err"
expect_status 75 $? "sigsend --wait 1 PID-FILE"
[ "$(cat "$T/err")" = "sigsend: $T/never.pid: no receiver appeared in time (--wait)" ] ||
	fail "message: '$(cat "$T/err")'"

t0=$(now_ms)
timeout 20 "$SIGSEND" --wait 10 ghost "$T/missing" >"$T/out" 2>"$T/err"
expect_status 66 $? "sigsend --wait with a missing input"
[ $(( $(now_ms) - t0 )) -lt 5000 ] || fail "the missing input was reported only after the wait"
grep -qx "sigsend: $T/missing: No such file or directory" "$T/err" || fail "message: '$(cat "$T/err")'"

try="Try 'sigsend --help' for more information."
for bad in abc 0 -1 1e9 ''; do
	timeout 10 "$SIGSEND" --wait "$bad" ghost -m hi >"$T/out" 2>"$T/err"
	expect_status 64 $? "sigsend --wait '$bad'"
	[ "$(tail -n 1 "$T/err")" = "$try" ] || fail "sigsend --wait '$bad': '$(cat "$T/err")'"
done
