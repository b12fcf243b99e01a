# The transport is chosen by the size of the input: one that fits a short
# frame (a -m message, a small file, a pipe that ends at once) goes on
# bits; anything larger on words; --classic and --fast force either; -v
# says which and why.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

head -c 65536 /dev/urandom >"$T/big.bin" || exit 99
printf 'a small file\n' >"$T/small.txt"

# send WANT-REGEX INPUT-FILE-OR-- [SIGSEND-ARG]...: one transfer, intact,
# and sigsend -v's transport line matches WANT-REGEX.
send() {
	_want=$1 _in=$2 _src=$2
	[ "$_in" != - ] || _src=$T/stdin
	shift 2
	start_receiver -o "$T/dest"
	if [ "$_in" = - ]; then
		timeout 60 "$SIGSEND" -v "$@" "$RPID" <"$T/stdin" 2>"$T/send.err"
	else
		timeout 60 "$SIGSEND" -v "$@" "$RPID" "$_in" 2>"$T/send.err"
	fi
	expect_status 0 $? "sigsend $* ($(cat "$T/send.err"))"
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
	cmp -s "$_src" "$T/dest" || fail "sigsend $* $_in: output differs from input"
	grep -q "^sigsend: transport: $_want" "$T/send.err" ||
		fail "sigsend -v $* $_in: expected '$_want': $(grep transport "$T/send.err")"
	rm -f "$T/dest"
}

send 'classic, 1 bit per signal, [0-9]* signals (one short frame' "$T/small.txt"
send 'fast, [0-9]* bytes per signal, [0-9]* signals (more than one short frame)' "$T/big.bin"
send 'classic, 1 bit per signal, [0-9]* signals (--classic)' "$T/big.bin" --classic
send 'fast, [0-9]* bytes per signal, [0-9]* signals (--fast)' "$T/small.txt" --fast
# a pipe decides from what it has read
cp "$T/small.txt" "$T/stdin"
send 'classic, 1 bit per signal, [0-9]* signals (one short frame' -
cp "$T/big.bin" "$T/stdin"
send 'fast, [0-9]* bytes per signal, [0-9]* signals (more than one short frame)' -
# a pipe: a real one, not a redirected file
start_receiver -o "$T/dest"
cat "$T/big.bin" | timeout 60 "$SIGSEND" -v "$RPID" 2>"$T/send.err"
expect_status 0 $? "cat | sigsend ($(cat "$T/send.err"))"
wait_receiver
cmp -s "$T/big.bin" "$T/dest" || fail "output differs from input (pipe)"
grep -q '^sigsend: transport: fast.*(more than one short frame)' "$T/send.err" ||
	fail "cat | sigsend: $(grep transport "$T/send.err")"
rm -f "$T/dest"
# A pipe that has ended: sigsend reads ahead only 0.2 s, so the test
# must not bet on `printf hi |` writing and closing within that (under
# load it did not, and the input rightly went fast).  A FIFO holds "hi"
# and its only writer is closed before sigsend starts: the pipe's end is
# there at once, whatever the machine's speed.
start_receiver -o "$T/dest"
mkfifo "$T/fifo" || exit 99
exec 3<>"$T/fifo"  # Linux: read-write does not block, the pipe is ours
printf 'hi\n' >&3
exec 4<"$T/fifo" 3>&-
timeout 60 "$SIGSEND" -v "$RPID" <&4 2>"$T/send.err"
expect_status 0 $? "printf | sigsend ($(cat "$T/send.err"))"
exec 4<&-
wait_receiver
[ "$(cat "$T/dest")" = hi ] || fail "printf | sigsend: received '$(cat "$T/dest")'"
grep -q '^sigsend: transport: classic.*(one short frame' "$T/send.err" ||
	fail "printf hi | sigsend: $(grep transport "$T/send.err")"
