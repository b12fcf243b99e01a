# With no XDG_RUNTIME_DIR, names live in $TMPDIR/minitalk-UID (/tmp by
# default).  Another user may create that directory first, to lock the
# user out of names for good (before: sigrecv -N and sigsend NAME exited
# 77 until the directory went).  Both ends then use the same private
# directory of the user's own instead, ${XDG_CACHE_HOME:-~/.cache}/
# minitalk-HOST-UID, checked for owner and mode like the other; the
# foreign directory is left untouched.  TMPDIR and HOME point at scratch
# directories here, so that no other test's names are disturbed.
. "${top_srcdir:-.}/tests/test-env.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root" >&2; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "SKIP: no setpriv(1)" >&2; exit 77; }
AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 755 "$T"
mkdir -m 1777 "$T/tmp" && mkdir -m 700 "$T/home" || exit 99
unset XDG_RUNTIME_DIR XDG_CACHE_HOME
TMPDIR=$T/tmp HOME=$T/home
export TMPDIR HOME
$AS mkdir -m 755 "$T/tmp/minitalk-0" || { echo "SKIP: nobody cannot write in $T/tmp" >&2; exit 77; }
FALLBACK=$HOME/.cache/minitalk-$(uname -n)-0

"$SIGRECV" -N inbox >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_until 20 test -e "$FALLBACK/inbox" ||
	fail "no registration in $FALLBACK ($(cat "$T/recv.err"); ls: $(ls -A "$T/tmp/minitalk-0" "$HOME" 2>&1))"
[ "$(stat -c '%u %a' "$FALLBACK")" = "0 700" ] || fail "$FALLBACK: $(stat -c '%U %a' "$FALLBACK")"
timeout 10 "$SIGSEND" --list >"$T/list" 2>"$T/send.err"
expect_status 0 $? "sigsend --list ($(cat "$T/send.err"))"
grep -q "^inbox $RPID " "$T/list" || fail "--list: $(cat "$T/list")"
timeout 30 "$SIGSEND" inbox -m hi 2>"$T/send.err"
expect_status 0 $? "sigsend NAME ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -N ($(cat "$T/recv.err"))"
[ "$(cat "$T/out")" = hi ] || fail "received: $(cat "$T/out")"
[ -z "$(ls -A "$T/tmp/minitalk-0")" ] || fail "nobody's directory was used: $(ls -A "$T/tmp/minitalk-0")"
[ "$(stat -c %U "$T/tmp/minitalk-0")" = nobody ] || fail "nobody's directory was changed"

# the foreign directory gone (its owner removed it), both ends keep to
# the private place while it exists: a sender still finds the receiver
rmdir "$T/tmp/minitalk-0"
"$SIGRECV" -N inbox >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_until 20 test -e "$FALLBACK/inbox" || fail "not registered in $FALLBACK"
timeout 30 "$SIGSEND" inbox -m again 2>"$T/send.err"
expect_status 0 $? "sigsend NAME, foreign directory gone ($(cat "$T/send.err"))"
wait_receiver
[ "$(cat "$T/out")" = again ] || fail "received: $(cat "$T/out")"
[ ! -e "$T/tmp/minitalk-0" ] || fail "the shared place was made while the private one exists"

# with neither, the shared place is used, as before
rm -rf "$HOME/.cache"
"$SIGRECV" -N inbox >"$T/out" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_until 20 test -e "$T/tmp/minitalk-0/inbox" || fail "not registered in \$TMPDIR/minitalk-0"
timeout 30 "$SIGSEND" inbox -m third 2>"$T/send.err"
expect_status 0 $? "sigsend NAME, shared place ($(cat "$T/send.err"))"
wait_receiver
[ "$(cat "$T/out")" = third ] || fail "received: $(cat "$T/out")"
exit 0
