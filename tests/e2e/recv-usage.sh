# sigrecv usage errors: exit 64 at once, the Try line, nothing on stdout,
# never waiting for a sender.
. "${top_srcdir:-.}/tests/test-env.sh"

check() {
	usage_error "$SIGRECV" "$@"
}
check --no-such-option
check -Z
check extra-operand
check -o "$T/x" extra
check -w nonsense
check -o
[ ! -e "$T/x" ] || fail "an output file was created"
