# Root sending to another user's plain process (a `sleep` of nobody) is
# told what it is: not a minitalk receiver (69), not that a receiver of
# another user could not answer (77, which only a real receiver of
# another user gets: trust-root-other-user.sh).  Nothing is sent.
. "${top_srcdir:-.}/tests/test-env.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root" >&2; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "SKIP: no setpriv(1)" >&2; exit 77; }
setpriv --reuid=65534 --regid=65534 --clear-groups sleep 60 &
SLEEPER=$!
started "$SLEEPER"
owned_by_nobody() { [ "$(stat -c %u "/proc/$SLEEPER" 2>/dev/null)" = 65534 ]; }
wait_until 10 owned_by_nobody || fail "the sleep does not run as nobody"
idle_mark "$SLEEPER"
timeout 20 "$SIGSEND" -w 10 -m hi "$SLEEPER" 2>"$T/err"
st=$?
expect_status 69 "$st" "root's sigsend to nobody's sleep ($(cat "$T/err"))"
grep -q "^sigsend: $SLEEPER: not a minitalk receiver" "$T/err" || fail "message: $(cat "$T/err")"
! grep -q 'another user' "$T/err" || fail "told it is another user's receiver: $(cat "$T/err")"
idle_still "$SLEEPER" || fail "the sleep was signalled"
alive "$SLEEPER" || fail "the sleep died"
