# sigrecv -N with a name that is not 1-64 of [A-Za-z0-9._-], or starts
# with . or -, or is all digits (a PID): usage error 64, the Try line,
# nothing registered, no announcement.
. "${top_srcdir:-.}/tests/test-env.sh"

check() {
	usage_error "$SIGRECV" -N "$1" -P "$T/recv.pid"
	grep -q "^sigrecv: invalid name: '" "$T/err" || fail "sigrecv -N '$1': message: $(cat "$T/err")"
	[ ! -e "$T/recv.pid" ] || fail "sigrecv -N '$1': wrote its pid file"
	[ ! -e "$NAMES_DIR" ] || fail "sigrecv -N '$1': made the name directory"
}
check ''
check 12345
check 007
check .dot
check -dash
check 'a b'
check a/b
check 'tab	x'
check 'ünï'
check 'semi;colon'
check "$(printf 'n%.0s' $(seq 65))"

# The limits themselves are fine: 64 characters, digits with a letter.
long=$(printf 'n%.0s' $(seq 64))
start_receiver -N "$long"
[ -e "$NAMES_DIR/$long" ] || fail "a 64-character name was not registered"
kill -TERM "$RPID"
wait_receiver 10
start_receiver -N 1x
[ -e "$NAMES_DIR/1x" ] || fail "the name 1x was not registered"
