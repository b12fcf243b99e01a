# While a reply comes back on the fast transport (sigrecv -e, the command
# writing 4 MiB in paced pieces), a forger sends each side a random data
# signal and a TURN word, claiming the other side's PID: the reply arrives
# byte for byte and both sides exit 0.
MT_TRANSPORT=fast
. "${top_srcdir:-.}/tests/test-env.sh"

payload "$T/reply.bin" 30720
cat >"$T/paced.sh" <<'SH'
n=$(( ($(wc -c <"$1") + 65535) / 65536 )) i=0
while [ "$i" -lt "$n" ]; do
	dd if="$1" bs=65536 skip="$i" count=1 2>/dev/null || exit 1
	i=$((i + 1))
	sleep 0.02
done
SH
start_receiver -e "sh '$T/paced.sh' '$T/reply.bin'"
rm -f "$T/reply"
reply_bg "$T/reply" -m go "$RPID"
wait_until 30 test -s "$T/reply" || fail "the reply never started: $(cat "$T/send.err")"
"$FORGE" -p "$RPID" -r "$SPID" || fail "forge failed"
"$FORGE" -s 40 -p "$RPID" -w 0xF4000000 "$SPID" || fail "forge failed"
"$FORGE" -p "$SPID" -r "$RPID" || fail "forge failed"
"$FORGE" -s 40 -p "$SPID" -w 0xF4000000 "$RPID" || fail "forge failed"
alive "$SPID" || fail "the reply was over before the forgeries: nothing was tested"
reply_end 0 "forged words during the reply"
wait_receiver 30
expect_status 0 "$RSTATUS" "sigrecv ($(cat "$T/recv.err"))"
cmp -s "$T/reply.bin" "$T/reply" ||
	fail "the reply differs ($(wc -c <"$T/reply") of $(wc -c <"$T/reply.bin") bytes)"
