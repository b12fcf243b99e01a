# sigsend NAME with no receiver of that name: 69 at once, the name in the
# message, nothing on stdout.  Words that are neither digits nor paths
# are names, so 'abc' or '3.5' get this error, not a usage error; and
# a registered receiver of another name is not disturbed.
. "${top_srcdir:-.}/tests/test-env.sh"

check() {  # NAME: no receiver of that name
	timeout 10 "$SIGSEND" "$1" -m hi >"$T/out" 2>"$T/err"
	st=$?
	expect_status 69 "$st" "sigsend $1"
	[ "$(cat "$T/err")" = "sigsend: $1: no receiver of that name" ] ||
		fail "sigsend $1: message '$(cat "$T/err")'"
	[ ! -s "$T/out" ] || fail "sigsend $1: wrote to stdout"
}

# No name directory at all yet: no names.  sigsend registers there as a
# sender (minitalk(7)), so it may make the directory, private, and leaves
# nothing in it.
check inbox
if [ -e "$NAMES_DIR" ]; then
	[ "$(stat -c %a "$NAMES_DIR")" = 700 ] || fail "sigsend made the directory $(stat -c %a "$NAMES_DIR")"
	[ -z "$(ls -A "$NAMES_DIR")" ] || fail "sigsend left files: $(ls -A "$NAMES_DIR")"
fi

start_receiver -N other -w 1
idle_mark "$RPID"
for name in inbox abc 12abc 3.5 0x10 other2 Other; do
	check "$name"
done
printf 'data\n' | timeout 10 "$SIGSEND" inbox >"$T/out" 2>"$T/err"
expect_status 69 $? "sigsend inbox with stdin"
idle_still "$RPID" || fail "the receiver named 'other' was signalled"
alive "$RPID" || fail "the receiver named 'other' exited"
