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
FORGE="$top_builddir/tests/forge"  # a hostile same-user process (tests/forge.c)
[ -x "$SIGSEND" ] && [ -x "$SIGRECV" ] || { echo "build sigsend and sigrecv first" >&2; exit 99; }

T=$(mktemp -d "${TMPDIR:-/tmp}/minitalk-test.XXXXXX") || exit 99
STARTED=""

# Receiver names live in a directory private to this test, never the
# user's own: parallel tests cannot collide, and none leaves names behind.
XDG_RUNTIME_DIR=$T/run
mkdir -m 700 "$XDG_RUNTIME_DIR" || exit 99
export XDG_RUNTIME_DIR
NAMES_DIR=$XDG_RUNTIME_DIR/minitalk

# The fast transport exists only where there are queued words: not in
# the portable build (./configure --enable-portable, as on macOS), where
# a test that needs it skips.
need_fast() {
	have_fast || { echo "SKIP: needs the fast transport"; exit 77; }
}
# have_fast: true where the fast transport exists (for a test with a part
# on each transport: "for t in $TRANSPORTS").
have_fast() {
	[ "${MT_PORTABLE:-no}" != yes ]
}
TRANSPORTS="fast classic"
have_fast || TRANSPORTS=classic
# need_unnamed: the output is an unnamed file until it is linked into
# place, so that even SIGKILL leaves nothing: not in the portable build,
# which names its temp files as macOS must (minitalk(7), Platforms).
need_unnamed() {
	have_fast || { echo "SKIP: needs unnamed output files (the portable build names them)"; exit 77; }
}

cleanup() {
	for p in $STARTED; do
		# signal it only while it is still our unreaped child
		wait_gone "$p" 0 && continue
		kill -TERM "$p" 2>/dev/null
		kill -CONT "$p" 2>/dev/null  # in case a test left it stopped
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

# The waits below poll every 20 ms and give up after SECS of the clock,
# not after SECS * 50 polls: on a loaded machine a poll (a fork, a sleep)
# can take far longer than 20 ms, and counting polls once gave up on a
# 1-second wait after 30 s, when a `sleep 30` it watched had ended.
# _late END_S: the clock (whole seconds) has passed END_S; read only once
# the polls are used up, so the common case costs no extra fork.
_late() {
	[ "$(date +%s)" -ge "$1" ]
}

# wait_file FILE [SECS]: until FILE exists and is not empty.
wait_file() {
	_n=$(( ${2:-10} * 50 )) _e=$(( $(date +%s) + ${2:-10} + 1 ))
	while [ ! -s "$1" ]; do
		_n=$((_n - 1))
		[ "$_n" -gt 0 ] || { _late "$_e" && return 1; _n=10; }
		sleep 0.02
	done
}

# forget PID: PID has been reaped; it is not ours any more.
forget() {
	_l=""
	for _p in $STARTED; do
		[ "$_p" = "$1" ] || _l="$_l $_p"
	done
	STARTED=$_l
}

# alive PID: PID runs (a zombie waiting to be reaped counts as gone).
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	if [ -r /proc/self/stat ]; then
		_st=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
	else
		_st=$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)
	fi
	[ -n "$_st" ] && [ "$_st" != Z ] && [ "$_st" != X ]
}

# wait_gone PID [SECS]: until PID has exited; 1 if it still runs after
# SECS (default 10; 0 just looks).
wait_gone() {
	_n=$(( ${2:-10} * 50 ))
	[ "$_n" -eq 0 ] || _e=$(( $(date +%s) + ${2:-10} + 1 ))
	while alive "$1"; do
		[ "$_n" -gt 0 ] || { [ "${2:-10}" -eq 0 ] || _late "$_e" && return 1; _n=10; }
		_n=$((_n - 1))
		sleep 0.02
	done
}

# wait_exit PID [SECS]: wait at most SECS (default 30) for our child PID
# to exit, reap it and set STATUS; 1 if it is still running.
wait_exit() {
	wait_gone "$1" "${2:-30}" || return 1
	wait "$1"
	STATUS=$?
	forget "$1"
}

# wait_until SECS COMMAND...: until COMMAND succeeds, at most SECS.
wait_until() {
	_n=$(( $1 * 50 )) _e=$(( $(date +%s) + $1 + 1 ))
	shift
	until "$@"; do
		[ "$_n" -gt 0 ] || { _late "$_e" && return 1; _n=10; }
		_n=$((_n - 1))
		sleep 0.02
	done
}

# idle_mark PID / idle_still PID: PID (a sigrecv waiting for a sender)
# sleeps and has not woken up since idle_mark, so no signal reached it.
# Linux /proc only; elsewhere both succeed without checking.
_sleep_switches() {
	[ -r "/proc/$1/status" ] || { echo none; return; }
	sed -n 's/^State:[[:space:]]*\(.\).*/\1/p; s/^voluntary_ctxt_switches:[[:space:]]*//p' \
		"/proc/$1/status" | tr '\n' ' '
}
idle_mark() {
	[ -r /proc/self/status ] || return 0
	wait_until 10 _is_sleeping "$1" || fail "process $1 never went idle"
	IDLE_MARK=$(_sleep_switches "$1")
}
_is_sleeping() {
	case $(_sleep_switches "$1") in S*) return 0 ;; esac
	return 1
}
idle_still() {
	[ -r /proc/self/status ] || return 0
	[ "$(_sleep_switches "$1")" = "$IDLE_MARK" ]
}

# start_receiver [OPTION]...: sigrecv in the background, payload to
# $T/out (or $RECV_OUT), stderr to $T/recv.err; sets RPID once it is
# ready to receive.  $RECV_WRAP, if set, is a command that execs it
# (env LD_PRELOAD=...).
start_receiver() {
	rm -f "$T/recv.pid"
	${RECV_WRAP:-} "$SIGRECV" -P "$T/recv.pid" "$@" >"${RECV_OUT:-$T/out}" 2>"$T/recv.err" &
	RPID=$!
	started "$RPID"
	wait_file "$T/recv.pid" || fail "sigrecv did not write its pid file"
	[ "$(head -n 1 "$T/recv.pid")" = "$RPID" ] || fail "pid file does not hold sigrecv's PID"
	RECV_WOKEN=$(_woken "$RPID")
}

# _woken PID: how often PID has gone to sleep and been woken (its
# voluntary context switches), 0 if /proc cannot tell.
_woken() {
	sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null | grep . ||
		echo 0
}

# wait_receiver [SECS]: wait (at most SECS, default 60) for sigrecv to
# exit; sets RSTATUS.
wait_receiver() {
	wait_exit "$RPID" "${1:-60}" || fail "sigrecv still running after ${1:-60}s"
	RSTATUS=$STATUS
}

# deliver TARGET TEXT: sigsend -m TEXT to TARGET succeeds, and so does the
# receiver that start_receiver started, having written TEXT.
deliver() {
	timeout 30 "$SIGSEND" -m "$2" "$1" 2>"$T/send.err"
	expect_status 0 $? "sigsend -m '$2' $1 ($(cat "$T/send.err"))"
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv, sent to as $1 ($(cat "$T/recv.err"))"
	[ "$(cat "${RECV_OUT:-$T/out}")" = "$2" ] ||
		fail "received '$(cat "${RECV_OUT:-$T/out}")', sent '$2' to $1"
}

# usage_error PROG ARG...: PROG ARG... is a usage error, at once: exit 64,
# a "prog: " message, then the Try line; nothing on stdout, no
# announcement.  Its stderr stays in $T/err.
usage_error() {
	_prog=$1
	shift
	timeout 10 "$_prog" "$@" >"$T/out" 2>"$T/err" </dev/null
	_st=$?
	_prog=${_prog##*/}
	[ "$_st" -ne 124 ] || fail "$_prog $*: still running (waiting for a sender?)"
	expect_status 64 "$_st" "$_prog $*"
	[ "$(tail -n 1 "$T/err")" = "Try '$_prog --help' for more information." ] ||
		fail "$_prog $*: last line of stderr: '$(tail -n 1 "$T/err")'"
	grep -Eq "^(.*/)?$_prog: " "$T/err" || fail "$_prog $*: no '$_prog: ' message: $(cat "$T/err")"
	! grep -q 'waiting for a sender' "$T/err" || fail "$_prog $*: announced itself"
	[ ! -s "$T/out" ] || fail "$_prog $*: wrote to stdout"
}

# no_temp NAME: no temp file .NAME.* is left in $T.
no_temp() {
	for _f in "$T"/."$1".*; do
		[ -e "$_f" ] && fail "temp file left: $_f"
	done
	return 0
}

# expect_status WANT GOT WHAT
expect_status() {
	[ "$2" -eq "$1" ] || fail "$3: exit status $2, expected $1"
}

# now_ms: a clock in milliseconds (whole seconds where date lacks %N).
now_ms() {
	_t=$(date +%s%N)
	case $_t in *N) echo $(( $(date +%s) * 1000 )) ;; *) echo $(( _t / 1000000 )) ;; esac
}

# has_temp NAME [DIR]: a transfer to sigrecv -o DIR/NAME (or -d DIR) is
# under way: sigrecv $RPID holds an unnamed temp file (O_TMPFILE) open in
# DIR (default $T), or a temp file .NAME.* exists there (where the file
# system has no unnamed ones).  sigrecv is non-dumpable, so only root may
# read its /proc/PID/fd; for anyone else, a receiver woken by 300 signals
# more than when it was started stands in for the unnamed file (the
# first frame alone, HELLO, takes more than 200, one at a time).
has_temp() {
	_d=$(cd "${2:-$T}" && pwd -P) || return 1
	if [ -d /proc/"${RPID:-0}"/fd ] && ! ls /proc/"${RPID:-0}"/fd >/dev/null 2>&1; then
		[ "$(_woken "$RPID")" -ge $(( ${RECV_WOKEN:-0} + 300 )) ] && return 0
	fi
	for _f in /proc/"${RPID:-0}"/fd/*; do
		case $(readlink "$_f" 2>/dev/null) in "$_d/#"*" (deleted)") return 0 ;; esac
	done
	for _f in "$_d"/."$1".*; do
		[ -e "$_f" ] && return 0
	done
	return 1
}

# is_stopped PID: PID is stopped (SIGSTOP).  Linux /proc; elsewhere ps.
is_stopped() {
	if [ -r /proc/self/stat ]; then
		_st=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
	else
		_st=$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)
	fi
	[ "$_st" = T ]
}

# The transport the fault scenarios run on: the classic one (forced, since
# by default anything larger than a short frame goes fast), or with
# MT_TRANSPORT=fast (set by the wrappers in tests/e2e/fast/) the word
# transport, sigsend --fast.  A fast transfer is over in milliseconds, so
# there its input is larger and paced: a fault still meets it under way.
SEND_OPTS="--classic" FAST=""
[ "${MT_TRANSPORT:-}" = fast ] && SEND_OPTS="--fast" FAST=1
[ -z "$FAST" ] || need_fast

# payload FILE BYTES: random bytes to send; 4 MiB on the fast transport.
payload() {
	[ -z "$FAST" ] || set -- "$1" 4194304
	head -c "$2" /dev/urandom >"$1" || exit 99
}

# paced FILE: FILE on stdout in 64 KiB pieces about 20 ms apart.
paced() {
	_n=$(( ($(wc -c <"$1") + 65535) / 65536 ))
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		dd if="$1" bs=65536 skip="$_i" count=1 2>/dev/null || return 1
		_i=$((_i + 1))
		sleep 0.02
	done
}

# queue_lock: the tests that fill nobody's signal queue, or need it
# nearly empty (RLIMIT_SIGPENDING counts a user's queued signals across
# all its processes, so tests running side by side see each other's),
# run one at a time, in this suite and in any other beside it; held
# until the test exits.
queue_lock() {
	command -v flock >/dev/null 2>&1 || return 0
	exec 7>>"${TMPDIR:-/tmp}/minitalk-test-queue.lock" && flock -w 900 7 ||
		fail "could not take the queue lock"
}

# send_held IN [OPTION]...: like send_bg, but sigsend reads IN from a
# FIFO that gives the first half of it at once and the rest only after
# release_held: the transfer cannot end before the test has done what it
# must do in the middle of it, however fast the machine.  Sets SPID.
send_held() {
	_in=$1
	shift
	rm -f "$T/held" "$T/release"
	mkfifo "$T/held" || exit 99
	_half=$(( $(wc -c <"$_in") / 2 ))
	(
		head -c "$_half" "$_in"
		while [ ! -e "$T/release" ]; do sleep 0.02; done
		tail -c +"$((_half + 1))" "$_in"
	) >"$T/held" 2>/dev/null &
	HOLDER=$!
	started "$HOLDER"
	"$SIGSEND" $SEND_OPTS "$@" <"$T/held" 2>"$T/send.err" &
	SPID=$!
	started "$SPID"
}

# release_held: the rest of send_held's input goes (to a sender alive or
# not); the FIFO's writer is reaped.
release_held() {
	: >"$T/release"
	wait_exit "$HOLDER" 30 || fail "send_held's writer still running"
}

# send_bg FILE [SIGSEND-ARG]...: sigsend FILE in the background (stderr
# to $T/send.err); on the fast transport FILE comes paced through a FIFO,
# and -v lets fault_end check that the fast transport was used.
# Sets SPID.
send_bg() {
	_in=$1
	shift
	if [ -n "$FAST" ]; then
		rm -f "$T/paced"
		mkfifo "$T/paced" || exit 99
		paced "$_in" >"$T/paced" &
		PACER=$!
		started "$PACER"
		"$SIGSEND" -v $SEND_OPTS "$@" <"$T/paced" 2>"$T/send.err" &
	else
		"$SIGSEND" $SEND_OPTS "$@" "$_in" 2>"$T/send.err" &
	fi
	SPID=$!
	started "$SPID"
}

# Fault scenarios run at either end (receiver or sender): a 32 KiB random
# transfer (4 MiB paced on the fast transport) to -o $T/dest is started,
# the fault is done to one side, and the transfer must still complete
# intact with both sides exiting 0.

# fault_begin: start the transfer; sets RPID and SPID.
fault_begin() {
	payload "$T/in.bin" 32768
	start_receiver -o "$T/dest"
	send_bg "$T/in.bin" "$RPID"
	wait_until 30 has_temp dest || fail "the transfer never started"
	alive "$SPID" || fail "the transfer ended before the fault: nothing was tested"
}

# fault_end WHAT: both exit 0, the output is intact, no temp file is left.
fault_end() {
	wait_exit "$SPID" 120 || fail "sigsend still running after 120s ($1)"
	expect_status 0 "$STATUS" "sigsend ($1; $(cat "$T/send.err"))"
	wait_receiver 30
	expect_status 0 "$RSTATUS" "sigrecv ($1; $(cat "$T/recv.err"))"
	cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input ($1)"
	[ -z "$FAST" ] || grep -q '^sigsend: transport: fast' "$T/send.err" ||
		fail "the fast transport was not used ($1): $(cat "$T/send.err")"
	no_temp dest
}

# fault_stop receiver|sender: SIGSTOP that side for a second, then SIGCONT.
fault_stop() {
	fault_begin
	if [ "$1" = receiver ]; then _v=$RPID _o=$SPID; else _v=$SPID _o=$RPID; fi
	kill -STOP "$_v"
	wait_until 5 is_stopped "$_v" || fail "the $1 did not stop"
	sleep 1  # the scenario: stopped for a second
	alive "$_o" || fail "the other side gave up while the $1 was stopped for 1s"
	kill -CONT "$_v"
	fault_end "the $1 was stopped for 1s"
}

# fault_strays receiver|sender: a third process (a loop of ours) fires 300
# signals at that side, every one it catches in turn: SIGUSR1, SIGUSR2 and
# the real-time signals 40 and 41 of the fast transport; each side hears
# only its peer, and bits that strays swallow are repaired.
fault_strays() {
	fault_begin
	if [ "$1" = receiver ]; then _v=$RPID; else _v=$SPID; fi
	# only ever a process we started and have not reaped: its PID cannot
	# have been reused
	(
		i=0
		while [ "$i" -lt 300 ]; do
			case $((i % 4)) in 0) sig=USR1 ;; 1) sig=USR2 ;; 2) sig=40 ;; *) sig=41 ;; esac
			kill -"$sig" "$_v" 2>/dev/null || exit 1
			i=$((i + 1))
			[ $((i % 20)) -ne 0 ] || sleep 0.02
		done
	) &
	_x=$!
	started "$_x"
	wait_exit "$_x" 60 || fail "the stray loop did not finish"
	[ "$STATUS" -eq 0 ] || fail "the $1 was gone before all 300 strays were sent"
	alive "$SPID" || fail "the transfer ended before all strays were fired: nothing was tested"
	fault_end "300 strays at the $1"
}

# shim NAME: build the LD_PRELOAD shim tests/shim/NAME.c as $T/NAME.so,
# its path in SHIM; skip the test where it cannot be built or preloaded
# (no compiler; a sanitizer build, whose runtime must come first).
shim() {
	case "${MINITALK_SANITIZED:-}" in
	?*) echo "SKIP: sanitizer build: LD_PRELOAD shims cannot be used" >&2; exit 77 ;;
	esac
	${CC:-cc} -shared -fPIC -o "$T/$1.so" "$top_srcdir/tests/shim/$1.c" -ldl \
		2>"$T/shim.err" || { echo "SKIP: cannot build a shim: $(cat "$T/shim.err")" >&2; exit 77; }
	SHIM=$T/$1.so
}

# fast_at_width WIDTH BYTES [SHIM]: BYTES of random data over --fast to a
# receiver (run with the shim tests/shim/SHIM.c preloaded where given):
# the output must be the input and both ends must say -v that the words
# carried WIDTH bytes per signal.
fast_at_width() {
	_wrap=
	if [ -n "${3:-}" ]; then
		shim "$3"
		_wrap="env LD_PRELOAD=$SHIM"
	fi
	head -c "$2" /dev/urandom >"$T/in.bin" || exit 99
	RECV_WRAP=$_wrap start_receiver -v -o "$T/dest"
	timeout 60 "$SIGSEND" -v --fast "$RPID" "$T/in.bin" 2>"$T/send.err"
	expect_status 0 $? "sigsend --fast ($(cat "$T/send.err"))"
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
	cmp -s "$T/in.bin" "$T/dest" || fail "output differs from input"
	grep -q "^sigsend: transport: fast, $1 bytes per signal" "$T/send.err" ||
		fail "sigsend -v: $(cat "$T/send.err")"
	grep -q "fast transport ($1 bytes per signal)" "$T/recv.err" ||
		fail "sigrecv -v: $(cat "$T/recv.err")"
}

# Replies (sigrecv -e / --echo).

# reply_bg OUT [SIGSEND-ARG]...: sigsend -v $SEND_OPTS in the background,
# the reply to OUT, stderr to $T/send.err, stdin from $REPLY_IN if set
# (a FIFO is opened by the background job, not by the caller).  Sets SPID.
reply_bg() {
	_out=$1
	shift
	"$SIGSEND" -v $SEND_OPTS "$@" <"${REPLY_IN:-/dev/null}" >"$_out" 2>"$T/send.err" &
	SPID=$!
	started "$SPID"
}

# reply_end WANT WHAT: sigsend (SPID) exits WANT within 60 s; on the
# fast transport it says (-v) that it used it.
reply_end() {
	wait_exit "$SPID" 60 || fail "sigsend still running after 60s ($2)"
	expect_status "$1" "$STATUS" "sigsend ($2; $(cat "$T/send.err"))"
	used_transport "$2"
}

# used_transport WHAT: with $FAST, sigsend -v (in $T/send.err) says
# the fast transport carried the session.
used_transport() {
	[ -z "$FAST" ] || grep -q '^sigsend: transport: fast' "$T/send.err" ||
		fail "the fast transport was not used ($1): $(cat "$T/send.err")"
}

# children PID: the PIDs whose parent is PID, zombies included (Linux
# /proc; elsewhere nothing).
children() {
	cat /proc/[0-9]*/stat 2>/dev/null | sed -n "s/^\([0-9]*\) (.*) [A-Za-z] $1 .*/\1/p"
}

# child_of PARENT PID: PID exists, zombie or not, as a child of PARENT.
child_of() {
	children "$1" | grep -qx "$2"
}

# runs PID: PID exists and is not a zombie; read from /proc, never
# signalled (it may not be ours).
runs() {
	_st=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
	[ -n "$_st" ] && [ "$_st" != Z ] && [ "$_st" != X ]
}

# catches_all PID: PID catches SIGUSR1, SIGUSR2 and the real-time signals
# 40 and 41 (those only where there are words), as sigsend and sigrecv do
# once set up (Linux /proc).
catches_all() {
	_c=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
	[ -n "$_c" ] || return 1
	_w=$(( (1 << 9) | (1 << 11) ))
	have_fast && _w=$(( _w | (1 << 39) | (1 << 40) ))
	[ $(( 0x$_c & _w )) -eq "$_w" ]
}

# need_restore_int: define restore_int CMD ARG..., which execs CMD with
# SIGINT back to its default (a shell starts background jobs with SIGINT
# ignored, and a program would inherit that); skip the test where neither
# perl nor python3 can do it.
need_restore_int() {
	if perl -e 'exit 0' 2>/dev/null; then
		restore_int() { exec perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or exit 127' "$@"; }
	elif python3 -c 'pass' 2>/dev/null; then
		restore_int() {
			exec python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$@"
		}
	else
		echo "SKIP: neither perl nor python3 to undo the shell's SIG_IGN of SIGINT" >&2
		exit 77
	fi
}

# read_pid FILE: the PID a command wrote to FILE (waited for, at most
# 10 s) in RDPID.
read_pid() {
	wait_file "$1" 10 || fail "the command never wrote $1"
	RDPID=$(cat "$1")
	case $RDPID in ''|*[!0-9]*) fail "$1 holds no PID: '$RDPID'" ;; esac
}

# SLOW_CMD, for sigrecv -e: replies "got LINE" to a request of one line,
# except to "slow": then it starts a sleep in the background, writes the
# sleep's PID to $T/bg.pid and its own to $T/cmd.pid, and waits 30 s.
MT_BG_PID=$T/bg.pid MT_CMD_PID=$T/cmd.pid
export MT_BG_PID MT_CMD_PID
SLOW_CMD='read x; if [ "$x" = slow ]; then sleep 300 & echo $! >"$MT_BG_PID"; echo $$ >"$MT_CMD_PID"; wait; fi; echo "got $x"'

# slow_started: the slow command of sigrecv $RPID runs; sets CMDPID and
# BGPID.
slow_started() {
	[ -r /proc/self/stat ] || { echo "SKIP: no /proc to watch the command" >&2; exit 77; }
	read_pid "$MT_CMD_PID"
	CMDPID=$RDPID
	read_pid "$MT_BG_PID"
	BGPID=$RDPID
	child_of "$RPID" "$CMDPID" || fail "the command $CMDPID is no child of sigrecv $RPID"
	runs "$BGPID" || fail "the command's background sleep $BGPID does not run"
}

# slow_gone: nothing of the slow command is left: its shell is reaped
# (not even a zombie child of sigrecv) and its sleep has ended.
slow_gone() {
	! child_of "$RPID" "$CMDPID" && ! runs "$CMDPID" && ! runs "$BGPID"
}

# slow_ended T0 WHEN: the slow command is gone (its sleep would last
# 300 s: gone within 60 s, it was ended, not finished), sigrecv has no
# child left and still runs (-k).  How long it took is printed, for the
# log: the receiver ends it within its -w $W, but a starved machine may
# take longer to run it, and a verdict never rests on the machine's speed.
slow_ended() {
	wait_until 60 slow_gone || fail "the command is left $2: $(children "$RPID")"
	_t=$(($(now_ms) - $1))
	echo "the command was ended $_t ms $2 (-w $W)"
	[ -z "$(children "$RPID")" ] || fail "sigrecv has children left: $(children "$RPID")"
	alive "$RPID" || fail "sigrecv -k exited $2"
}

# next_served: sigrecv -k -e "$SLOW_CMD" answers the next sender, then
# ends on SIGTERM.
next_served() {
	reply_bg "$T/reply" -m next "$RPID"
	reply_end 0 "the next sender"
	[ "$(cat "$T/reply")" = "got next" ] || fail "the next sender's reply: '$(cat "$T/reply")'"
	kill -TERM "$RPID"
	wait_receiver 10
	expect_status 143 "$RSTATUS" "sigrecv -k after SIGTERM"
}

# need_rss: skip unless GNU time can report a peak RSS (TIME, LIMIT_KB
# set for the caller); rss FILE reads it back (the last line: a "Command
# exited with non-zero status" line may come first).
need_rss() {
	TIME=/usr/bin/time
	LIMIT_KB=16384
	case "${MINITALK_SANITIZED:-}" in
	?*) echo "SKIP: sanitizer build: RSS is the sanitizer's, not ours" >&2; exit 77 ;;
	esac
	[ -x "$TIME" ] || { echo "SKIP: no $TIME (Debian package 'time')" >&2; exit 77; }
	"$TIME" -f %M -o "$T/probe" true 2>/dev/null && [ -s "$T/probe" ] ||
		{ echo "SKIP: $TIME does not support -f %M -o FILE" >&2; exit 77; }
}
rss() {
	tail -n 1 "$1" 2>/dev/null
}

# pretend_session SCRIPT LINE: a same-user pretender (tests/forge -P
# SCRIPT, which passes every check of a sender) opens a session with the
# receiver $RPID and sends the rest of SCRIPT at once; it logs what it
# gets in $T/x.got.  0 once LINE (the answer to SCRIPT's last signal) is
# logged: everything before it was handled in that session.  A session
# that saw no HELLO ends after a few hundred milliseconds (HELLO_MS):
# where a loaded machine held the pretender that long, LINE never comes,
# and a new pretender tries again (3 in all).
pretend_session() {
	for _try in 1 2 3; do
		rm -f "$T/x.got" "$T/x.sent"
		"$FORGE" -P "$1" -L "$T/x.got" "$RPID" >"$T/x.sent" 2>"$T/x.err" &
		XPID=$!
		started "$XPID"
		wait_until 10 grep -qx "$2" "$T/x.got" && return 0
		echo "attempt $_try: no '$2' in 10 s ($(tr '\n' ' ' <"$T/x.got" 2>/dev/null); $(cat "$T/x.err"))"
		kill "$XPID" 2>/dev/null
		wait_exit "$XPID" 10
	done
	return 1
}
