# sigrecv usage errors: exit 64 at once, the Try line, nothing on stdout,
# never waiting for a sender.
. "${top_srcdir:-.}/tests/test-env.sh"

try="Try 'sigrecv --help' for more information."
check() {
	timeout 10 "$SIGRECV" "$@" >"$T/out" 2>"$T/err" </dev/null
	st=$?
	[ "$st" -ne 124 ] || fail "sigrecv $*: still running (waiting for a sender?)"
	expect_status 64 "$st" "sigrecv $*"
	[ "$(tail -n 1 "$T/err")" = "$try" ] || fail "sigrecv $*: last line of stderr: '$(tail -n 1 "$T/err")'"
	grep -Eq '^(.*/)?sigrecv: ' "$T/err" || fail "sigrecv $*: no 'sigrecv: ' message: $(cat "$T/err")"
	! grep -q 'waiting for a sender' "$T/err" || fail "sigrecv $*: announced itself"
	[ ! -s "$T/out" ] || fail "sigrecv $*: wrote to stdout"
}
check --no-such-option
check -Z
check extra-operand
check -o "$T/x" extra
check -w nonsense
check -o
[ ! -e "$T/x" ] || fail "an output file was created"
