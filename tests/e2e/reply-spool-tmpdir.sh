# sigrecv -e with TMPDIR naming a directory that does not exist: the
# command's input and output still wait somewhere (another directory, or
# memory with no name), so a command that reads its input late and prints
# much still gets all of it and its whole reply goes back.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

head -c 300000 /dev/urandom >"$T/in" || exit 99
RECV_WRAP='env TMPDIR=/nonexistent/minitalk' start_receiver -e 'sleep 1; cat'
reply_bg "$T/reply" --fast "$RPID" "$T/in"
reply_end 0 "a reply spooled with TMPDIR missing"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -e with TMPDIR missing ($(cat "$T/recv.err"))"
cmp -s "$T/in" "$T/reply" || fail "the reply differs from the request"
