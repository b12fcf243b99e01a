# Memory stays bounded in both directions of a reply (fast transport, to
# keep it quick): peak RSS under 16 MiB at each end (GNU time %M) for
#  1. sigrecv --echo of 100 MiB of zeros: the request in, the same back;
#  2. a one-line request whose command prints 200 MiB of zeros.
# The command's input and output wait in temporary files, not memory.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

need_rss

# bounded WHAT IN OUT COMMAND [SIGSEND-ARG]...: sigrecv -e COMMAND (--echo
# if empty) and sigsend --fast, each under time(1); the sender is fed IN
# MiB of zeros and its reply, through cksum, must be OUT MiB of zeros.
bounded() {
	_what=$1 _in=$2 _outm=$3 _cmd=$4
	shift 4
	rm -f "$T/recv.pid"
	if [ -n "$_cmd" ]; then
		timeout 120 "$TIME" -f %M -o "$T/recv.rss" "$SIGRECV" -P "$T/recv.pid" -e "$_cmd" \
			>"$T/out" 2>"$T/recv.err" &
	else
		timeout 120 "$TIME" -f %M -o "$T/recv.rss" "$SIGRECV" -P "$T/recv.pid" --echo \
			>"$T/out" 2>"$T/recv.err" &
	fi
	_t=$!
	started "$_t"
	wait_file "$T/recv.pid" || fail "$_what: sigrecv did not write its pid file"
	_r=$(head -n 1 "$T/recv.pid")
	head -c "${_in}M" /dev/zero |
		timeout 120 "$TIME" -f %M -o "$T/send.rss" "$SIGSEND" -v --fast "$@" "$_r" \
		2>"$T/send.err" | cksum >"$T/reply.sum"
	wait_exit "$_t" 30 || fail "$_what: sigrecv still running 30s after the sender finished"
	expect_status 0 "$STATUS" "$_what: sigrecv ($(cat "$T/recv.err"))"
	grep -q '^sigsend: transport: fast' "$T/send.err" ||
		fail "$_what: not the fast transport, or sigsend failed: $(cat "$T/send.err")"
	head -c "${_outm}M" /dev/zero | cksum | cmp -s - "$T/reply.sum" ||
		fail "$_what: the reply is not $_outm MiB of zeros: $(cat "$T/reply.sum")"
	_s=$(rss "$T/send.rss") _v=$(rss "$T/recv.rss")
	echo "$_what: peak RSS sigsend $_s KiB, sigrecv $_v KiB (limit $LIMIT_KB KiB)"
	[ "$_s" -gt 0 ] 2>/dev/null || fail "$_what: no RSS figure for sigsend: $(cat "$T/send.rss")"
	[ "$_v" -gt 0 ] 2>/dev/null || fail "$_what: no RSS figure for sigrecv: $(cat "$T/recv.rss")"
	[ "$_s" -lt "$LIMIT_KB" ] || fail "$_what: sigsend peak RSS $_s KiB"
	[ "$_v" -lt "$LIMIT_KB" ] || fail "$_what: sigrecv peak RSS $_v KiB"
}

bounded "--echo of 100 MiB" 100 100 ""
bounded "a 200 MiB reply" 0 200 'head -c 200M /dev/zero' -m x
