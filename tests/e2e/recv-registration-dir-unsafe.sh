# Every sigrecv registers in the user's private directory (the proof a
# sender asks for, minitalk(7)), -N or not: where that directory is not
# private, sigrecv refuses at once (77, the directory named) before it
# announces itself or writes its pid file, and a file already at the
# pid file's path is left alone.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir -m 755 "$NAMES_DIR" || exit 99
echo 4242 >"$T/old.pid"
timeout 10 "$SIGRECV" -P "$T/old.pid" >"$T/out" 2>"$T/err" </dev/null
st=$?
[ "$st" -ne 124 ] || fail "sigrecv waited for a sender"
expect_status 77 "$st" "sigrecv with a directory of mode 0755"
grep -qx "sigrecv: $NAMES_DIR: not a private directory (it must be this user's, mode 0700)" "$T/err" ||
	fail "message: $(cat "$T/err")"
! grep -q 'waiting for a sender' "$T/err" || fail "sigrecv announced itself"
[ "$(cat "$T/old.pid")" = 4242 ] || fail "the file at the pid file's path was touched"
[ -z "$(ls -A "$NAMES_DIR")" ] || fail "files left in the directory: $(ls -A "$NAMES_DIR")"
