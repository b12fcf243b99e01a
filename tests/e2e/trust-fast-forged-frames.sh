# A same-user process slips whole frames into a fast transfer: while the
# real sender waits on a slow pipe (its FILE frame taken), it queues a
# DATA frame and an END frame with the XXH3 of its own text on signal 41,
# si_pid claiming the sender.  Frames of the fast transport carry a tag
# keyed with the session's secret, so the forged ones are dropped: the
# output is the real sender's, byte for byte, and both sides exit 0.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

head -c 200000 /dev/urandom >"$T/in.bin" || exit 99
start_receiver -o "$T/dest"
mkfifo "$T/pipe" || exit 99
"$SIGSEND" -v --fast "$RPID" <"$T/pipe" 2>"$T/send.err" &
SPID=$!
started "$SPID"
exec 3>"$T/pipe"
wait_until 30 has_temp dest || fail "the transfer never started: $(cat "$T/send.err")"
# HELLO is frame 0, FILE 1: the next frame the receiver expects is 2.
# First sealed with key 0, which would pass if the key were not drawn at
# random (the first forged frame that fails makes the receiver drop all
# until the sender's RESYNC), then with no tag, then a tag guessed.
"$FORGE" -p "$SPID" -F "2:FORGED BY A STRANGER" -K 0 "$RPID" || fail "forge failed"
"$FORGE" -p "$SPID" -F "2:FORGED BY A STRANGER" "$RPID" || fail "forge failed"
"$FORGE" -p "$SPID" -F "2:FORGED BY A STRANGER" -G "$RPID" || fail "forge failed"
cat "$T/in.bin" >&3
exec 3>&-
wait_exit "$SPID" 60 || fail "sigsend still running after 60s"
expect_status 0 "$STATUS" "sigsend ($(cat "$T/send.err"))"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
! grep -q "FORGED" "$T/dest" "$T/out" 2>/dev/null || fail "the forged text was written"
cmp -s "$T/in.bin" "$T/dest" || fail "output differs from the real sender's input"
grep -q '^sigsend: transport: fast' "$T/send.err" || fail "not the fast transport: $(cat "$T/send.err")"
no_temp dest
