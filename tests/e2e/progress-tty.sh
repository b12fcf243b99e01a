# Progress by default: shown when stderr is a terminal and the process is
# in the foreground; not with --no-progress or -l; not in the background (unless
# --progress); and never when stderr is not a terminal.  script(1)
# provides the terminal and merges everything written to it, so we look
# for the progress markers ('%' and 'ETA').
. "${top_srcdir:-.}/tests/test-env.sh"

command -v script >/dev/null 2>&1 || { echo "no script(1)" >&2; exit 77; }
script -qec true /dev/null </dev/null >/dev/null 2>&1 || { echo "script(1) cannot make a pty" >&2; exit 77; }
# script -c runs its command with $SHELL: pin a POSIX one (set -m below).
SHELL=/bin/sh
export SHELL

head -c 8192 /dev/urandom >"$T/in.bin"

has_progress() {
	grep -q 'ETA' "$1" && grep -q '[0-9]%' "$1"
}

# in_tty WHAT COMMAND: run COMMAND (sh -c) on a new terminal; what it
# writes there goes to $T/tty.out, its status to ST.
in_tty() {
	timeout 60 script -qec "$2" /dev/null </dev/null >"$T/tty.out" 2>&1
	ST=$?
	[ "$ST" -ne 124 ] || fail "$1: timed out: $(cat "$T/tty.out")"
}

# A receiver that shows no progress, for the sigsend cases; recv_ok WHAT
# checks that it received the file and printed only its announcement.
recv_ok() {
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv for $1: $(cat "$T/recv.err")"
	cmp -s "$T/in.bin" "$T/out" || fail "$1: output differs from input"
	[ "$(cat "$T/recv.err")" = "sigrecv: PID $RPID, waiting for a sender" ] ||
		fail "sigrecv --no-progress printed: '$(cat "$T/recv.err")'"
}

SEND="'$SIGSEND'"
IN="'$T/in.bin'"

# --- sigsend ---------------------------------------------------------------

# stderr is the terminal, foreground: progress.
start_receiver --no-progress --wait 60
in_tty "sigsend on a terminal" "exec $SEND $RPID $IN"
expect_status 0 "$ST" "sigsend on a terminal: $(cat "$T/tty.out")"
recv_ok "sigsend on a terminal"
has_progress "$T/tty.out" || fail "sigsend on a terminal showed no progress: '$(cat "$T/tty.out")'"
grep -q '100% ETA' "$T/tty.out" || fail "sigsend on a terminal: no final 100% line: '$(cat "$T/tty.out")'"

# --no-progress: nothing at all.
start_receiver --no-progress --wait 60
in_tty "sigsend --no-progress" "exec $SEND --no-progress $RPID $IN"
expect_status 0 "$ST" "sigsend --no-progress on a terminal: $(cat "$T/tty.out")"
recv_ok "sigsend --no-progress"
[ ! -s "$T/tty.out" ] || fail "sigsend --no-progress on a terminal printed: '$(cat "$T/tty.out")'"

# -l: the replies are the output, so no progress among them by default.
start_receiver --no-progress --wait 60
in_tty "sigsend -l" "exec $SEND -l $RPID $IN"
expect_status 0 "$ST" "sigsend -l on a terminal: $(cat "$T/tty.out")"
recv_ok "sigsend -l"
! has_progress "$T/tty.out" || fail "sigsend -l on a terminal showed progress: '$(cat "$T/tty.out")'"

# stderr to a file, stdin and stdout still the terminal: nothing.
rm -f "$T/err"
start_receiver --no-progress --wait 60
in_tty "sigsend 2>FILE" "exec $SEND $RPID $IN 2>'$T/err'"
expect_status 0 "$ST" "sigsend 2>FILE on a terminal: $(cat "$T/err")"
recv_ok "sigsend 2>FILE"
[ ! -s "$T/err" ] || fail "sigsend with stderr not a terminal printed: '$(cat "$T/err")'"
[ ! -s "$T/tty.out" ] || fail "sigsend with stderr not a terminal wrote to the terminal: '$(cat "$T/tty.out")'"

# In the background of a job-control shell: not in the terminal's
# foreground process group, so no progress; --progress forces it.
if script -qec 'set -m' /dev/null </dev/null >/dev/null 2>&1; then
	start_receiver --no-progress --wait 60
	in_tty "sigsend in the background" "set -m; $SEND $RPID $IN & wait \$!"
	expect_status 0 "$ST" "sigsend in the background: $(cat "$T/tty.out")"
	recv_ok "sigsend in the background"
	! has_progress "$T/tty.out" || fail "sigsend in the background showed progress: '$(cat "$T/tty.out")'"

	start_receiver --no-progress --wait 60
	in_tty "sigsend --progress in the background" "set -m; $SEND --progress $RPID $IN & wait \$!"
	expect_status 0 "$ST" "sigsend --progress in the background: $(cat "$T/tty.out")"
	recv_ok "sigsend --progress in the background"
	has_progress "$T/tty.out" || fail "sigsend --progress in the background showed no progress: '$(cat "$T/tty.out")'"
else
	echo "note: no job control in /bin/sh under script(1); background case skipped" >&2
fi

# --- sigrecv ---------------------------------------------------------------

# run_recv WHAT OPTIONS REDIR: sigrecv OPTIONS -o FILE on a terminal
# (REDIR appended to its command line), fed by a plain sigsend.
run_recv() {
	rm -f "$T/recv.pid" "$T/copy" "$T/err"
	timeout 60 script -qec "exec '$SIGRECV' --wait 60 -P '$T/recv.pid' -o '$T/copy' $2 $3" \
		/dev/null </dev/null >"$T/tty.out" 2>&1 &
	_sp=$!
	started "$_sp"
	wait_file "$T/recv.pid" || fail "$1: sigrecv did not write its pid file: $(cat "$T/tty.out")"
	timeout 60 "$SIGSEND" --no-progress "$(head -n 1 "$T/recv.pid")" "$T/in.bin" 2>"$T/send.err"
	expect_status 0 $? "sigsend to $1: $(cat "$T/send.err")"
	wait_exit "$_sp" 60 || fail "$1: still running"
	expect_status 0 "$STATUS" "$1: $(cat "$T/tty.out")"
	cmp -s "$T/in.bin" "$T/copy" || fail "$1: output differs from input"
	[ ! -s "$T/send.err" ] || fail "sigsend --no-progress printed: '$(cat "$T/send.err")'"
}

run_recv "sigrecv on a terminal" "" ""
grep -q 'sigrecv: PID [0-9]*, waiting for a sender' "$T/tty.out" ||
	fail "sigrecv on a terminal: no announcement: '$(cat "$T/tty.out")'"
has_progress "$T/tty.out" || fail "sigrecv on a terminal showed no progress: '$(cat "$T/tty.out")'"
grep -q '100% ETA' "$T/tty.out" || fail "sigrecv on a terminal: no final 100% line: '$(cat "$T/tty.out")'"

run_recv "sigrecv --no-progress" "--no-progress" ""
grep -q 'sigrecv: PID [0-9]*, waiting for a sender' "$T/tty.out" ||
	fail "sigrecv --no-progress: no announcement: '$(cat "$T/tty.out")'"
! has_progress "$T/tty.out" || fail "sigrecv --no-progress showed progress: '$(cat "$T/tty.out")'"

run_recv "sigrecv 2>FILE" "" "2>'$T/err'"
grep -q '^sigrecv: PID [0-9]*, waiting for a sender$' "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] ||
	fail "sigrecv with stderr not a terminal printed more than its announcement: '$(cat "$T/err")'"
! has_progress "$T/tty.out" || fail "sigrecv 2>FILE wrote progress to the terminal: '$(cat "$T/tty.out")'"
