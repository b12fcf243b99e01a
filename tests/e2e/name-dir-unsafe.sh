# The name directory is used only if it is a real directory (not a
# symlink), owned by this user, with no access for group or others: any
# other is refused by sigrecv -N, sigsend NAME and sigsend --list alike,
# exit 77, with the directory named in the message; nothing in it is
# touched.  A missing $XDG_RUNTIME_DIR: sigrecv -N cannot register, 73.
. "${top_srcdir:-.}/tests/test-env.sh"

msg="not a private directory (it must be this user's, mode 0700)"
refused() {  # WHAT: all three refuse the directory as it is now
	timeout 10 "$SIGRECV" -N inbox >"$T/out" 2>"$T/err" </dev/null
	st=$?
	[ "$st" -ne 124 ] || fail "sigrecv -N ($1): waited for a sender"
	expect_status 77 "$st" "sigrecv -N ($1)"
	grep -qx "sigrecv: $NAMES_DIR: $msg" "$T/err" || fail "sigrecv -N ($1): '$(cat "$T/err")'"
	timeout 10 "$SIGSEND" inbox -m hi >"$T/out" 2>"$T/err"
	expect_status 77 $? "sigsend NAME ($1)"
	grep -qx "sigsend: $NAMES_DIR: $msg" "$T/err" || fail "sigsend NAME ($1): '$(cat "$T/err")'"
	timeout 10 "$SIGSEND" --list >"$T/out" 2>"$T/err"
	expect_status 77 $? "sigsend --list ($1)"
	[ ! -s "$T/out" ] || fail "sigsend --list ($1) listed: $(cat "$T/out")"
	[ ! -e "$NAMES_DIR/inbox" ] || fail "a name was registered ($1)"
}

mkdir -m 755 "$NAMES_DIR" || exit 99
refused "mode 0755"
[ "$(stat -c %a "$NAMES_DIR")" = 755 ] || fail "the directory's mode was changed"
chmod 770 "$NAMES_DIR"
refused "mode 0770"
chmod 701 "$NAMES_DIR"
refused "mode 0701"
rmdir "$NAMES_DIR"

mkdir -m 700 "$T/elsewhere" || exit 99
ln -s "$T/elsewhere" "$NAMES_DIR"
refused "a symlink"
rm "$NAMES_DIR"

if [ "$(id -u)" -eq 0 ]; then
	mkdir -m 700 "$NAMES_DIR" && chown 65534 "$NAMES_DIR" || exit 99
	refused "owned by another user"
	rmdir "$NAMES_DIR"
else
	echo "not root: cannot make a directory owned by another user; that case skipped"
fi

# A file where the directory should be.
: >"$NAMES_DIR"
chmod 600 "$NAMES_DIR"
refused "a regular file"
rm "$NAMES_DIR"

# $XDG_RUNTIME_DIR that does not exist: nothing to create the names in.
XDG_RUNTIME_DIR=$T/no-such-dir timeout 10 "$SIGRECV" -N inbox >"$T/out" 2>"$T/err" </dev/null
expect_status 73 $? "sigrecv -N with a missing XDG_RUNTIME_DIR"
grep -qx "sigrecv: $T/no-such-dir/minitalk: No such file or directory" "$T/err" ||
	fail "message: '$(cat "$T/err")'"
[ ! -e "$T/no-such-dir" ] || fail "XDG_RUNTIME_DIR was created"
