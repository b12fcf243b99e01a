# --help, --version and --list written to a full device (/dev/full): a
# write error is an error, as in GNU coreutils' close_stdout and GNU
# hello: "PROG: write error: No space left on device", exit 74 (I/O
# error, the table of sigsend(1) and sigrecv(1)), never 0.
. "${top_srcdir:-.}/tests/test-env.sh"

[ -w /dev/full ] || { echo "SKIP: no /dev/full" >&2; exit 77; }

check() {
	_prog=$1
	shift
	timeout 10 "$top_builddir/$_prog" "$@" >/dev/full 2>"$T/err" </dev/null
	expect_status 74 $? "$_prog $* >/dev/full ($(cat "$T/err"))"
	grep -qx "$_prog: write error: No space left on device" "$T/err" ||
		fail "$_prog $* >/dev/full: message: '$(cat "$T/err")'"
}
check sigsend --help
check sigsend -V
check sigrecv --version
check sigrecv -h
start_receiver -N inbox
check sigsend --list
