# Names up to the system's limit (255 bytes) are received with -o FILE
# and with -d DIR: 248 and 255 bytes, new and (with -f) replacing an
# existing file; nothing else is left in the directory.
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir "$T/src" "$T/O" "$T/D"

# dir_is DIR NAME...: DIR holds exactly NAMEs (hidden ones included).
dir_is() {
	_d=$1
	shift
	_got=$(cd "$_d" && ls -A | LC_ALL=C sort | tr '\n' ' ')
	_want=$(for _n in "$@"; do echo "$_n"; done | LC_ALL=C sort | tr '\n' ' ')
	[ "$_got" = "$_want" ] || fail "$_d holds '$_got', expected '$_want'"
}

# received WHAT FILE SIGRECV-ARG...: FILE sent to sigrecv ARG... arrives.
received() {
	_what=$1 _in=$2
	shift 2
	start_receiver "$@"
	timeout 60 "$SIGSEND" "$RPID" "$_in" 2>"$T/send.err"
	expect_status 0 $? "sigsend, $_what ($(cat "$T/send.err"))"
	wait_receiver
	expect_status 0 "$RSTATUS" "sigrecv, $_what ($(cat "$T/recv.err"))"
}

for len in 248 255; do
	n=$(printf "%0${len}d" "$len")  # 000...0248: a name of $len bytes
	[ "${#n}" -eq "$len" ] || exit 99
	printf 'a name of %s bytes\n' "$len" >"$T/src/$n" || exit 99

	received "-o NAME of $len bytes" "$T/src/$n" -o "$T/O/$n"
	cmp -s "$T/src/$n" "$T/O/$n" || fail "-o NAME of $len bytes: not received intact"
	printf 'again\n' >"$T/src/again"
	received "-f -o existing NAME of $len bytes" "$T/src/again" -f -o "$T/O/$n"
	cmp -s "$T/src/again" "$T/O/$n" || fail "-f -o NAME of $len bytes: not replaced"

	received "-d, NAME of $len bytes" "$T/src/$n" -d "$T/D"
	cmp -s "$T/src/$n" "$T/D/$n" || fail "-d, NAME of $len bytes: not received intact"
	received "-f -d, existing NAME of $len bytes" "$T/src/$n" -f -d "$T/D"
	cmp -s "$T/src/$n" "$T/D/$n" || fail "-f -d, NAME of $len bytes: not received intact"
done
dir_is "$T/O" "$(printf %0248d 248)" "$(printf %0255d 255)"
dir_is "$T/D" "$(printf %0248d 248)" "$(printf %0255d 255)"
