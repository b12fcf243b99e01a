# sigsend with a TARGET that is not a positive PID, nor a valid NAME, nor a
# PATH (words like 'abc' or '3.5' are names: see send-unknown-name.sh), or
# none, or an unknown option: usage error 64 with the Try line, and no
# signal sent to anyone.  Each try runs
# in a session of its own (setsid), so that even a kill(0, ...) could hit
# nothing but itself; a negative PID names a canary process group of ours,
# which SIGUSR1 would kill.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v setsid >/dev/null 2>&1 || { echo "no setsid" >&2; exit 77; }
try="Try 'sigsend --help' for more information."

setsid sleep 300 &
CANARY=$!
started "$CANARY"
pgid_is_own() {
	if [ -r "/proc/$CANARY/stat" ]; then
		# after the ")" ending the command name: state, ppid, pgrp
		_g=$(sed 's/.*) //' "/proc/$CANARY/stat" | cut -d ' ' -f 3)
	else
		_g=$(ps -o pgid= -p "$CANARY" 2>/dev/null | tr -d ' ')
	fi
	[ "$_g" = "$CANARY" ]
}
wait_until 10 pgid_is_own || fail "canary did not get a process group of its own"

check() {
	printf 'data\n' | timeout 10 setsid -w "$SIGSEND" "$@" >"$T/out" 2>"$T/err"
	st=$?
	expect_status 64 "$st" "sigsend $*"
	[ "$(tail -n 1 "$T/err")" = "$try" ] || fail "sigsend $*: last line of stderr: '$(tail -n 1 "$T/err")'"
	grep -Eq '^(.*/)?sigsend: ' "$T/err" || fail "sigsend $*: no 'sigsend: ' message: $(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "sigsend $*: wrote to stdout"
	alive "$CANARY" || fail "sigsend $*: the canary process group was signalled"
}
check ''
check 0
check 00
check 99999999999     # beyond any PID
check 'a b'           # not a name: a space
check .hidden         # names do not start with a dot
check +5
check "$(printf 'n%.0s' $(seq 65))"  # 65 characters: one too many for a name
check -- -"$CANARY"
check -m hi -- -"$CANARY"
check -- -0
check                 # missing TARGET
check -m hello        # missing TARGET with -m
check -q
check --no-such-option 1  # and an unknown option
check -x 1
alive "$CANARY" || fail "the canary died"
