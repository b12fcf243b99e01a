# tests/test-env.sh - sourced by every end-to-end test.
#
# Each test starts its own processes and only ever signals those: their
# PIDs come from $! and are kept in $STARTED; the EXIT trap reaps them
# all, whatever way the test ends.  Waits are on conditions (a pid file
# appears, a process exits) with a deadline, never a blind sleep.
# Exit status as automake expects: 0 pass, 1 fail, 77 skip, 99 hard error.
set -u

: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_srcdir:=$top_builddir}"
SIGSEND="$top_builddir/sigsend"
SIGRECV="$top_builddir/sigrecv"
[ -x "$SIGSEND" ] && [ -x "$SIGRECV" ] || { echo "build sigsend and sigrecv first" >&2; exit 99; }

T=$(mktemp -d "${TMPDIR:-/tmp}/minitalk-test.XXXXXX") || exit 99
STARTED=""

cleanup() {
	for p in $STARTED; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in $STARTED; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 99' INT TERM HUP

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# remember PID as ours to reap
started() {
	STARTED="$STARTED $1"
}

# wait_file FILE [SECS]: until FILE exists and is not empty.
wait_file() {
	_n=$(( ${2:-10} * 50 ))
	while [ ! -s "$1" ]; do
		_n=$((_n - 1))
		[ "$_n" -gt 0 ] || return 1
		sleep 0.02
	done
}

# start_receiver [OPTION]...: sigrecv in the background, payload to
# $T/out, stderr to $T/recv.err; sets RPID once it is ready to receive.
start_receiver() {
	rm -f "$T/recv.pid"
	"$SIGRECV" -P "$T/recv.pid" "$@" >"$T/out" 2>"$T/recv.err" &
	RPID=$!
	started "$RPID"
	wait_file "$T/recv.pid" || fail "sigrecv did not write its pid file"
	[ "$(cat "$T/recv.pid")" = "$RPID" ] || fail "pid file does not hold sigrecv's PID"
}

# wait_receiver: wait for sigrecv to exit; sets RSTATUS.
wait_receiver() {
	wait "$RPID"
	RSTATUS=$?
}

# expect_status WANT GOT WHAT
expect_status() {
	[ "$2" -eq "$1" ] || fail "$3: exit status $2, expected $1"
}
