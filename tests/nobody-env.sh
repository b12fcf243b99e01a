# tests/nobody-env.sh - sourced after tests/test-env.sh by the tests whose
# point is what one ordinary user's processes can do to each other: root
# may read and trace anything (CAP_SYS_PTRACE), so both ends and the
# attacker run as nobody.  Skips (77) unless run as root with setpriv(1).
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root, to run every side as nobody" >&2; exit 77; }
command -v setpriv >/dev/null 2>&1 || { echo "SKIP: no setpriv(1)" >&2; exit 77; }
[ -r /proc/self/status ] || { echo "SKIP: no /proc" >&2; exit 77; }
NB_ID="--reuid=65534 --regid=65534 --clear-groups"
chmod 1777 "$T"
# nobody may not reach the build tree (a 0700 mktemp -d): run copies
cp "$SIGRECV" "$SIGSEND" "$FORGE" "$T/" && chmod 755 "$T/sigrecv" "$T/sigsend" "$T/forge" || exit 99
NB_RECV=$T/sigrecv NB_SEND=$T/sigsend NB_FORGE=$T/forge
# nobody's own private runtime directory, where its receivers register
mkdir -m 700 "$T/nrun" && chown 65534:65534 "$T/nrun" || exit 99
NB_NAMES=$T/nrun/minitalk
setpriv $NB_ID test -x "$NB_RECV" || { echo "SKIP: nobody cannot run programs from $T" >&2; exit 77; }

# $AS_NOBODY CMD...: CMD as nobody, with no capabilities, in nobody's
# runtime directory; a command, not a function, so that it execs CMD and
# $! after `$AS_NOBODY CMD &` is CMD's PID.
AS_NOBODY="setpriv $NB_ID env XDG_RUNTIME_DIR=$T/nrun"

# nb_catcher LOG [FORGE-OPTION]...: a catch-all of nobody's (tests/forge -C),
# which writes each signal it gets to LOG; sets CATCHER once it is ready.
# NB_PRIV, if set, are more setpriv options (capabilities).
nb_catcher() {
	_log=$1
	shift
	setpriv $NB_ID ${NB_PRIV:-} env XDG_RUNTIME_DIR="$T/nrun" \
		"$NB_FORGE" -C "$_log" "$@" >"$_log.ready" 2>"$_log.err" &
	CATCHER=$!
	started "$CATCHER"
	wait_file "$_log.ready" || fail "the catch-all did not start: $(cat "$_log.err")"
}

# nb_no_signal LOG: the catch-all got no signal.  A fence first: signal 50,
# which it logs too, and which the kernel delivers after any pending
# SIGUSR1, SIGUSR2, 40 or 41 (the lower numbers go first).
nb_no_signal() {
	kill -50 "$CATCHER" || fail "the catch-all is gone"
	wait_until 10 grep -qx 50 "$1" || fail "the catch-all did not log the fence signal"
	_got=$(grep -vx 50 "$1" | tr '\n' ' ')
	[ -z "$_got" ] || fail "the catch-all got signals: $_got"
	: >"$1"
}
