# sigrecv -e when no place can hold what waits for the command (the shim
# tests/shim/nospace.c makes every spool write fail with ENOSPC): the
# transfer fails (74 at both ends) and the message names the spool, not
# "stdout", which sigrecv -e does not write.
. "${top_srcdir:-.}/tests/test-env.sh"

shim nospace
head -c 300000 /dev/urandom >"$T/in" || exit 99
RECV_WRAP="env LD_PRELOAD=$SHIM" start_receiver -e 'sleep 1; cat'
reply_bg "$T/reply" --fast "$RPID" "$T/in"
reply_end 74 "a request no spool can hold"
wait_receiver 10
expect_status 74 "$RSTATUS" "sigrecv -e, no room to spool"
want="sigrecv: the command's input spool: No space left on device"
grep -qxF "$want" "$T/recv.err" || fail "expected '$want', got: $(cat "$T/recv.err")"
