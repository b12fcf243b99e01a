# --progress with stderr to a file, on both ends: pv-style lines
# 'SIZE H:MM:SS [RATE/s] [===>  ] NN% ETA H:MM:SS', separated by carriage
# returns, redrawn while the transfer runs, the last one at 100% with the
# whole size; the payload is unchanged.
. "${top_srcdir:-.}/tests/test-env.sh"

SIZE=30720                 # 30 KiB, about 2 s on the link
SHOWN=30.0KiB
head -c "$SIZE" /dev/urandom >"$T/in.bin"

# Redrawn once a second, at the end of a frame; MINITALK_PROGRESS_MS=0
# (for tests) redraws at every frame, so the 8 frames of 30 KiB are
# redrawn on the way however fast or slow the machine (the test once
# judged from its own clock that a transfer had lasted long enough, and
# counted sigsend's start-up under ASan in it).
MINITALK_PROGRESS_MS=0
export MINITALK_PROGRESS_MS
start_receiver --progress --wait 60
timeout 60 "$SIGSEND" --progress "$RPID" "$T/in.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend --progress"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv --progress"
cmp -s "$T/in.bin" "$T/out" || fail "output differs from input"

U='[0-9.]+(B|KiB|MiB)'
HMS='[0-9]+:[0-5][0-9]:[0-5][0-9]'
LINE="^$U $HMS \\[$U/s\\] \\[=*>? *\\] +[0-9]{1,3}% ETA ($HMS|-:--:--) *\$"

# check WHO FILE: every record of FILE (the PID announcement aside) is a
# progress line, there is a redraw before the last, and the last is the
# whole input at 100%.
check() {
	tr '\r' '\n' <"$2" | grep -v '^$' | grep -v "^sigrecv: PID $RPID, waiting for a sender\$" \
		>"$T/$1.lines"
	[ -s "$T/$1.lines" ] || fail "$1 --progress printed no progress: '$(cat "$2")'"
	if grep -Evq "$LINE" "$T/$1.lines"; then
		fail "$1: not a progress line: '$(grep -Ev "$LINE" "$T/$1.lines" | head -1)'"
	fi
	last=$(tail -n 1 "$T/$1.lines")
	case $last in
	"$SHOWN "*" 100% ETA 0:00:00"*) ;;
	*) fail "$1: last progress line is not $SHOWN at 100%: '$last'" ;;
	esac
	# the bar of the last line is full
	echo "$last" | grep -Eq '\[=+\] +100%' || fail "$1: last bar not full: '$last'"
	# redrawn on the way, before the final line
	[ "$(wc -l <"$T/$1.lines")" -ge 2 ] || fail "$1: never redrawn: '$(cat "$2")'"
	# percentages never go down
	sed -E 's/.*\] +([0-9]+)% ETA.*/\1/' "$T/$1.lines" | awk '
		NR > 1 && $1 < prev { bad = 1 } { prev = $1 } END { exit bad }' ||
		fail "$1: percentage went down: $(tr '\n' '|' <"$T/$1.lines")"
	# redraws are separated by carriage returns; the last ends the line
	[ "$(tail -c 1 "$2" | od -An -c | tr -d ' ')" = '\n' ] ||
		fail "$1: progress not ended by a newline"
}
check sigsend "$T/send.err"
check sigrecv "$T/recv.err"
# And the receiver still announced itself once.
[ "$(grep -c "sigrecv: PID $RPID, waiting for a sender" "$T/recv.err")" -eq 1 ] ||
	fail "sigrecv announcement missing or repeated: '$(cat "$T/recv.err")'"
