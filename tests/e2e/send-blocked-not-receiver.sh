# A process that blocks SIGUSR1 and SIGUSR2 without catching them (as a
# shell does for a moment while it forks) is not a receiver: sigsend
# exits 69 and sends it nothing (nothing pending at it afterwards).
. "${top_srcdir:-.}/tests/test-env.sh"

command -v perl >/dev/null 2>&1 || { echo "SKIP: no perl to block signals" >&2; exit 77; }
[ -r /proc/self/status ] || { echo "SKIP: needs /proc" >&2; exit 77; }
perl -MPOSIX -e 'sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGUSR1, SIGUSR2)) or die;
	open(my $f, ">", $ARGV[0]) or die; print $f "$$\n"; close $f; sleep 30' "$T/blocker.pid" &
BPID=$!
started "$BPID"
wait_file "$T/blocker.pid" || fail "the blocker did not start"
blocked=$(sed -n 's/^SigBlk:[[:space:]]*//p' "/proc/$BPID/status")
[ $((0x$blocked & 0xa00)) -eq $((0xa00)) ] || fail "the blocker does not block SIGUSR1/SIGUSR2: $blocked"
timeout 10 "$SIGSEND" -m hi "$BPID" 2>"$T/send.err"
expect_status 69 $? "sigsend to a process that only blocks the signals"
grep -q "^sigsend: $BPID: not a minitalk receiver" "$T/send.err" || fail "message: $(cat "$T/send.err")"
for f in SigPnd ShdPnd; do
	p=$(sed -n "s/^$f:[[:space:]]*//p" "/proc/$BPID/status")
	[ $((0x$p & 0xa00)) -eq 0 ] || fail "a signal was sent to the blocker ($f $p)"
done
