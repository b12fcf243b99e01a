# Where the file system has no unnamed temp files (O_TMPFILE fails, as
# the shim tests/shim/notmpfile.c makes it), sigrecv falls back to temp
# names beside the output: -o and -d still work, also with names of 255
# bytes (the temp name is cut to fit), -f still replaces, and SIGTERM
# mid-transfer leaves no temp file.
. "${top_srcdir:-.}/tests/test-env.sh"

shim notmpfile
RECV_WRAP="env LD_PRELOAD=$SHIM"
mkdir "$T/src" "$T/D"

# dir_is DIR NAME...: DIR holds exactly NAMEs (hidden ones included).
dir_is() {
	_d=$1
	shift
	_got=$(cd "$_d" && ls -A | LC_ALL=C sort | tr '\n' ' ')
	_want=$(for _n in "$@"; do echo "$_n"; done | LC_ALL=C sort | tr '\n' ' ')
	[ "$_got" = "$_want" ] || fail "$_d holds '$_got', expected '$_want'"
}

# 1. -o, and -f -o over it.
printf 'one\n' >"$T/src/a"
start_receiver -o "$T/dest"
timeout 30 "$SIGSEND" "$RPID" "$T/src/a" 2>"$T/send.err"
expect_status 0 $? "sigsend to -o ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -o ($(cat "$T/recv.err"))"
cmp -s "$T/src/a" "$T/dest" || fail "-o: not received intact"
printf 'two\n' >"$T/src/b"
start_receiver -f -o "$T/dest"
timeout 30 "$SIGSEND" "$RPID" "$T/src/b" 2>"$T/send.err"
expect_status 0 $? "sigsend to -f -o ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -f -o ($(cat "$T/recv.err"))"
cmp -s "$T/src/b" "$T/dest" || fail "-f -o: not replaced"
no_temp dest

# 2. -d, two files, one named with 255 bytes.
n=$(printf %0255d 255)
printf 'long\n' >"$T/src/$n"
start_receiver -d "$T/D"
timeout 30 "$SIGSEND" "$RPID" "$T/src/a" "$T/src/$n" 2>"$T/send.err"
expect_status 0 $? "sigsend to -d ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -d ($(cat "$T/recv.err"))"
cmp -s "$T/src/$n" "$T/D/$n" || fail "-d: the name of 255 bytes not received intact"
dir_is "$T/D" a "$n"

# 3. SIGTERM mid-transfer: the temp name is there, then gone.
payload "$T/big" 32768
start_receiver -o "$T/dest2"
send_bg "$T/big" "$RPID"
wait_until 30 has_temp dest2 || fail "no temp file .dest2.* appeared"
alive "$SPID" || fail "the transfer ended before SIGTERM: nothing was tested"
kill -TERM "$RPID"
wait_receiver 10
expect_status 143 "$RSTATUS" "sigrecv after SIGTERM"
[ ! -e "$T/dest2" ] || fail "a partial output appeared"
no_temp dest2
wait_exit "$SPID" 30 || fail "sigsend still running after its receiver died"
