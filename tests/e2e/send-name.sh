# sigrecv -N NAME registers NAME in the private name directory, created
# 0700 whatever the umask, its file holding "PID idle"; sigsend NAME
# reaches it; the name is gone after a normal exit.
. "${top_srcdir:-.}/tests/test-env.sh"

[ ! -e "$NAMES_DIR" ] || fail "the name directory exists before any receiver"
umask 000
start_receiver -N inbox
umask 022
[ -d "$NAMES_DIR" ] || fail "no name directory $NAMES_DIR"
mode=$(stat -c %a "$NAMES_DIR") || exit 99
[ "$mode" = 700 ] || fail "name directory created with mode $mode, not 700"
[ "$(cat "$NAMES_DIR/inbox")" = "$RPID idle" ] ||
	fail "name file holds '$(cat "$NAMES_DIR/inbox")', not '$RPID idle'"

deliver inbox hello
[ ! -e "$NAMES_DIR/inbox" ] || fail "name file left after a normal exit"
[ -z "$(ls -A "$NAMES_DIR")" ] || fail "files left in the name directory: $(ls -A "$NAMES_DIR")"

# The long option, and a name with every kind of character allowed.
start_receiver --name=Mail_box-2.0
[ -e "$NAMES_DIR/Mail_box-2.0" ] || fail "--name did not register"
deliver Mail_box-2.0 again
[ ! -e "$NAMES_DIR/Mail_box-2.0" ] || fail "name file left after a normal exit"
