# sigrecv killed by SIGKILL in the middle of a transfer (no chance to
# clean up) leaves nothing in the output directory: with -o FILE and with
# -d DIR (two files, the second under way), the directory holds only
# what it held before; the sender then fails with 69.
. "${top_srcdir:-.}/tests/test-env.sh"
need_unnamed

payload "$T/big" 32768
printf 'first file\n' >"$T/small"
mkdir "$T/O" "$T/D"
printf 'old\n' >"$T/O/other"
printf 'old\n' >"$T/D/other"

# dir_is DIR NAME...: DIR holds exactly NAMEs (hidden ones included).
dir_is() {
	_d=$1
	shift
	_got=$(cd "$_d" && ls -A | LC_ALL=C sort | tr '\n' ' ')
	[ "$_got" = "$* " ] || fail "$_d holds '$_got', expected '$* '"
}

# killed WHAT DIR NAME FILE...: sigsend FILE... to the receiver $RPID;
# once the file NAME is under way into DIR, sigrecv gets SIGKILL; the
# sender fails.
killed() {
	_what=$1 _dir=$2 _name=$3
	shift 3
	"$SIGSEND" $SEND_OPTS "$RPID" "$@" 2>"$T/send.err" &
	SPID=$!
	started "$SPID"
	wait_until 30 has_temp "$_name" "$_dir" || fail "$_what: the transfer never started"
	alive "$SPID" || fail "$_what: the transfer ended before SIGKILL: nothing was tested"
	kill -KILL "$RPID"
	wait_receiver 10
	expect_status 137 "$RSTATUS" "$_what: sigrecv after SIGKILL"
	wait_exit "$SPID" 30 || fail "$_what: sigsend still running 30s after its receiver died"
	expect_status 69 "$STATUS" "$_what: sigsend whose receiver was killed"
}

start_receiver -o "$T/O/dest"
killed "-o FILE" "$T/O" dest "$T/big"
dir_is "$T/O" other

start_receiver -d "$T/D"
killed "-d DIR" "$T/D" big "$T/small" "$T/big"
dir_is "$T/D" other
