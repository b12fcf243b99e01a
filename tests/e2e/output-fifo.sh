# -o onto an existing FIFO (or device) writes into it; even with -f it is
# never replaced by a regular file (a rename over /dev/null as root would
# destroy the device node).  A directory as -o is refused with 73.
. "${top_srcdir:-.}/tests/test-env.sh"

mkfifo "$T/fifo" || exit 77
cat "$T/fifo" >"$T/drained" &
CAT=$!
started "$CAT"
printf 'through the fifo\n' >"$T/in.txt"
start_receiver -o "$T/fifo" -f
"$SIGSEND" "$RPID" "$T/in.txt" 2>"$T/send.err"
expect_status 0 $? "sigsend"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv"
wait_exit "$CAT" 10 || fail "reader of the fifo did not finish"
[ -p "$T/fifo" ] || fail "the fifo was replaced by $(ls -l "$T/fifo")"
cmp -s "$T/in.txt" "$T/drained" || fail "fifo reader got: $(cat "$T/drained")"
ls -a "$T" | grep -q '^\.fifo\.' && fail "temp file left beside the fifo"

mkdir "$T/dir"
timeout 10 "$SIGRECV" -o "$T/dir" 2>"$T/err"
expect_status 73 $? "sigrecv -o DIR"
grep -q "^sigrecv: $T/dir: Is a directory$" "$T/err" || fail "message: $(cat "$T/err")"
