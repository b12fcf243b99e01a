# An invalid name, TARGET or PID is echoed quoted and short: control
# characters escaped (a raw newline would forge a line of its own), and
# cut to about 40 characters with "..." (a 300-character name is not
# repeated whole); the message stays one line, then the Try line.
. "${top_srcdir:-.}/tests/test-env.sh"

long=$(printf 'x%.0s' $(seq 300))
nl=$(printf 'evil\nsigrecv: forged line')

# check PROG ARG...: the usage error is two lines, the first under 200
# characters, with no raw control character.
check() {
	usage_error "$@"
	[ "$(wc -l <"$T/err")" -eq 2 ] || fail "$*: not two lines: $(cat "$T/err")"
	[ "$(head -n 1 "$T/err" | wc -c)" -lt 200 ] || fail "$*: first line too long: $(head -n 1 "$T/err")"
	! LC_ALL=C grep -q '[[:cntrl:]]' "$T/err" || fail "$*: control character echoed: $(cat -A "$T/err")"
}
check "$SIGRECV" -N "$long"
grep -q "^sigrecv: invalid name: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx[x]*\.\.\.' " "$T/err" ||
	fail "the long name is not cut with '...': $(cat "$T/err")"
check "$SIGRECV" -N "$nl"
grep -q "^sigrecv: invalid name: 'evil\\\\nsigrecv: forged line' " "$T/err" ||
	fail "the newline is not shown as \\n: $(cat "$T/err")"
check "$SIGRECV" -N "$(printf 'bell\007x')"
grep -q "^sigrecv: invalid name: 'bell\\\\x07x' " "$T/err" ||
	fail "the BEL is not shown as \\x07: $(cat -A "$T/err")"
check "$SIGSEND" "$nl"
grep -q "^sigsend: invalid TARGET: 'evil\\\\nsigrecv: forged line' " "$T/err" ||
	fail "sigsend: the newline is not shown as \\n: $(cat "$T/err")"
check "$SIGSEND" "$long"
check "$SIGSEND" "$(printf '9%.0s' $(seq 300))"
check "$SIGSEND" -w "$nl" 1
check "$SIGRECV" "$nl"
