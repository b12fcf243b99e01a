# Usage errors around replies exit 64 with a one-line error and the
# --help hint, before anything else happens (no pid file is written):
# sigrecv -e with -o or -d, --echo with -o or -d; sigsend -l with -m or
# with two FILEs.
. "${top_srcdir:-.}/tests/test-env.sh"

# usage PROG WANT-IN-ERROR ARG...
usage() {
	_prog=$1 _want=$2
	shift 2
	rm -f "$T/err" "$T/u.pid"
	"$_prog" "$@" >"$T/stdout" 2>"$T/err"
	expect_status 64 $? "$(basename "$_prog") $*"
	_n=$(basename "$_prog")
	[ "$(wc -l <"$T/err")" -eq 2 ] || fail "$_n $*: not one error line and the hint: $(cat "$T/err")"
	[ "$(sed -n 2p "$T/err")" = "Try '$_n --help' for more information." ] ||
		fail "$_n $*: no --help hint: $(cat "$T/err")"
	sed -n 1p "$T/err" | grep -q "^$_n: .*$_want" ||
		fail "$_n $*: the error does not say '$_want': $(cat "$T/err")"
	[ ! -s "$T/stdout" ] || fail "$_n $*: wrote to stdout: $(cat "$T/stdout")"
	[ ! -e "$T/u.pid" ] || fail "$_n $*: wrote its pid file"
}

usage "$SIGRECV" 'cannot use -e with -o' -P "$T/u.pid" -e x -o "$T/f"
usage "$SIGRECV" 'cannot use -e with -d' -P "$T/u.pid" -e x -d "$T"
usage "$SIGRECV" 'cannot use --echo with -d' -P "$T/u.pid" --echo -d "$T"
usage "$SIGRECV" 'cannot use --echo with -o' -P "$T/u.pid" --echo -o "$T/f"
usage "$SIGRECV" 'cannot use --echo with -o' -P "$T/u.pid" -o "$T/f" --echo
[ ! -e "$T/f" ] || fail "a usage error created the output file"
# A PID above any pid_max: no process can have it.
usage "$SIGSEND" 'cannot use it with -m' -l -m text 2147483647
usage "$SIGSEND" 'give at most one FILE' -l 2147483647 "$T/a" "$T/b"
