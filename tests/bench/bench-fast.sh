# tests/bench/bench-fast.sh - the fast transport's part of `make bench`,
# run after bench.sh; `make bench` builds sigsend, sigrecv, rtstream and
# timeit first, this script builds nothing.
#
# Each run alternates the raw reference and the tool:
#   1. sigsend -m hi, classic transport, then with --fast: the time to
#      confirmed delivery (ms) and, under strace where there is one, the
#      number of signals sigsend sent (a second transfer, untimed)
#   2. rtstream: a raw stream of queued signals carrying as many bytes per
#      signal as -v said the fast transport used (36, 32, 24 or 8), with
#      signals always in flight (acked once every 16384 signals, so the
#      sender never idles for a round trip), on the same byte count as 3
#      and 4; then one of 24 bytes a signal (the width before words took
#      si_uid, si_errno and the padding too), unless that was the same
#   3. sigsend --fast on 64 MiB of random data (B/s)
#   4. sigsend --fast on 64 MiB of real text (B/s, counted uncompressed)
#   5. sigsend --fast -1 on the same text: the default level against
#      deflate's fastest, in speed and in bytes on the wire (as -v says)
# The tool runs as a user runs it (no taskset), timed around sigsend alone
# (timeit) once sigrecv has written its pid file; the peak RSS of both ends
# of 3 and 4 comes from /usr/bin/time.  Then the medians, the ratios fast /
# raw of the same run, and a verdict on the targets of PRODUCT.md section 6
# (random >= 0.85 x raw of the same width, text faster than random), of
# issue 24 (random >= 1.25 x raw of 24 bytes) and on the default level
# (on text at least as fast as -1, at most 1.25 x its bytes on the wire),
# informative only: the
# bench fails (exit 1) only if a transfer fails or its output differs, if
# sigsend rejects --fast, or if the reference cannot be measured.
#
# Environment: BENCH_RUNS (3), BENCH_FAST_MIB (64); for trying the script
# out, BENCH_FAST_KIB (overrides BENCH_FAST_MIB), BENCH_FAST_OPTS (the
# sigsend options that ask for the fast transport, default --fast; empty
# runs the classic one) and BENCH_RTSTREAM_OPTS (more rtstream options,
# for instance "-c same" to pin it to one CPU).
#
# Only processes started here are ever signalled; the EXIT trap reaps them.
: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_srcdir:=$top_builddir}"
. "$top_srcdir/tests/bench/common.sh"
RUNS=${BENCH_RUNS:-3}
FAST_MIB=${BENCH_FAST_MIB:-64}
FAST_KIB=${BENCH_FAST_KIB:-$((FAST_MIB * 1024))}
FAST_OPTS=${BENCH_FAST_OPTS---fast}
RT_OPTS=${BENCH_RTSTREAM_OPTS:-}
FRAME=4108   # the largest frame: 8 header + 4096 payload + 4 CRC bytes
MESSAGE=hi

check_counts "$RUNS" "$FAST_MIB" "$FAST_KIB"
check_progs "$RTSTREAM"
BYTES=$((FAST_KIB * 1024))
bench_tmp

# The optional tools, each tried once.
HAVE_TIME=0
/usr/bin/time -f %M -o "$T/probe" true 2>/dev/null && [ -s "$T/probe" ] && HAVE_TIME=1
HAVE_STRACE=0
strace -f -o "$T/probe" -e signal=none -e trace=kill true >/dev/null 2>&1 && HAVE_STRACE=1

# Is there a fast transport?  Until there is, sigsend rejects the option
# as a usage error (64), and only the raw figures can be measured.
"$SIGSEND" $FAST_OPTS --help >/dev/null 2>"$T/probe"
_st=$?
if [ "$_st" -ne 0 ]; then
	echo "bench: sigsend rejects '$FAST_OPTS' (exit $_st: $(head -n 1 "$T/probe")):" \
	     "this build has no fast transport" >&2
	echo "bench: the raw reference alone, for the record:" >&2
	"$RTSTREAM" -w $(((FRAME + 23) / 24)) $RT_OPTS "$BYTES" >&2
	echo "bench: FAIL: no fast transport to measure" >&2
	exit 1
fi

# last_line FILE: GNU time writes "Command exited with non-zero status N"
# before the figure when the command failed.
last_line() {
	tail -n 1 "$1" 2>/dev/null | grep -x '[0-9][0-9]*' || echo n/a
}

# xfer HOW WHAT EXPECTED SIGSEND-ARG...: start sigrecv, wait until it is
# ready, run sigsend, then check both exit statuses and that the output
# equals the file EXPECTED.  HOW: "time" times sigsend alone (SECS);
# "rss" also takes both ends' peak RSS in KiB (RSS_SEND, RSS_RECV, or
# n/a); "strace" counts the signals sigsend sends (NSIG, or n/a), untimed.
xfer() {
	_how=$1 _what=$2 _expect=$3
	shift 3
	rm -f "$T/pid" "$T/out" "$T/secs" "$T/rss.send" "$T/rss.recv" "$T/strace"
	if [ "$_how" = rss ] && [ "$HAVE_TIME" = 1 ]; then
		/usr/bin/time -f %M -o "$T/rss.recv" "$SIGRECV" -P "$T/pid" \
			>"$T/out" 2>"$T/recv.err" &
	else
		"$SIGRECV" -P "$T/pid" >"$T/out" 2>"$T/recv.err" &
	fi
	RPID=$!
	wait_file "$T/pid" || fail "$_what: sigrecv did not write its pid file"
	_pid=$(head -n 1 "$T/pid")
	mine "$_pid" || fail "$_what: the pid file names $_pid, not the sigrecv started here"
	RCPID=$_pid
	if [ "$_how" = rss ] && [ "$HAVE_TIME" = 1 ]; then
		"$TIMEIT" "$T/secs" /usr/bin/time -f %M -o "$T/rss.send" \
			"$SIGSEND" "$RCPID" "$@" 2>"$T/send.err"
	elif [ "$_how" = strace ] && [ "$HAVE_STRACE" = 1 ]; then
		strace -f -o "$T/strace" -e signal=none \
			-e trace=kill,pidfd_send_signal,rt_sigqueueinfo,rt_tgsigqueueinfo \
			"$SIGSEND" "$RCPID" "$@" 2>"$T/send.err"
	else
		"$TIMEIT" "$T/secs" "$SIGSEND" "$RCPID" "$@" 2>"$T/send.err"
	fi
	_st=$?
	xfer_reap "$_st"
	[ "$_st" -ne 64 ] || fail "$_what: sigsend rejected its options (exit 64): $(cat "$T/send.err")"
	xfer_check "$_what" "$_expect" "$_st"
	RSS_SEND=$(last_line "$T/rss.send")
	RSS_RECV=$(last_line "$T/rss.recv")
	# The calls that sent a signal: not those that failed (EAGAIN), nor
	# kill(PID, 0), which only asks whether PID lives.
	NSIG=n/a
	[ ! -f "$T/strace" ] || NSIG=$(grep -E '(kill|pidfd_send_signal|rt_sigqueueinfo|rt_tgsigqueueinfo)\(' \
		"$T/strace" | grep -Ev 'kill\([0-9]+, 0\)' | grep -Ec '= 0$')
	# "sigsend: transport: fast, 24 bytes per signal[, N signals]": the
	# count differs from one transfer to the next, the rest should not.
	sed -n '/^sigsend: transport: /{
		s///
		s/, [0-9][0-9]* signals$//
		p
	}' "$T/send.err" >>"$T/transports"
}

# wire_bytes: the bytes on the wire of the last transfer, as sigsend -v
# said them ("sigsend: N bytes in, M bytes on the wire (P%), ...").
wire_bytes() {
	sed -n 's/^sigsend: [0-9]* bytes in, \([0-9]*\) bytes on the wire.*/\1/p' "$T/send.err" |
		grep . || echo n/a
}

# message OPTS...: sigsend -m hi, timed (MS), then counted (NSIG)
message() {
	xfer time "message" "$T/message" "$@" -m "$MESSAGE"
	MS=$(to_ms "$SECS")
	xfer strace "message" "$T/message" "$@" -m "$MESSAGE"
}

# raw UNIT: sets RATE to rtstream's B/s.  A busy machine can stall a
# process for seconds (rtstream then reports no ack): such a measurement
# is dropped and taken again.
raw() {
	for _try in 1 2 3; do
		"$RTSTREAM" -u "$1" -w "$WINDOW" $RT_OPTS "$BYTES" >"$T/rt.out" 2>"$T/rt.err"
		_st=$?
		[ "$_st" -ne 0 ] || break
		[ "$_st" -ne 77 ] || { cat "$T/rt.err" >&2; fail "rtstream cannot run here"; }
		RETRIES="${RETRIES}rtstream retried: $(head -n 1 "$T/rt.err")
"
	done
	[ "$_st" -eq 0 ] || { cat "$T/rt.err" >&2; fail "rtstream failed 3 times"; }
	RATE=$(awk '{ print $3; exit }' "$T/rt.out")
	# "... B/s (24 bytes per signal, window 172, unpinned, N signals ...)"
	RT_DESC=$(sed -n 's/^[^(]*(\([^,]*, [^,]*, [^,]*\),.*/\1/p' "$T/rt.out")
}

# The inputs, as bench.sh's: random data is incompressible, the text
# compresses like real text.
head -c "$BYTES" /dev/urandom >"$T/random" || exit 99
make_text "$T/text" "$BYTES" || exit 99
echo "$MESSAGE" >"$T/message"
: >"$T/transports"

load0=$(load_avg)
echo
echo "make bench, fast transport ($FAST_OPTS): $RUNS run(s), each alternating the raw reference and the tool"
fmt='%-6s %10s %10s %10s %5s %5s %10s %5s %6s %6s %6s %6s %7s %7s %5s %5s\n'
printf "$fmt" run raw "raw 24" random ratio r/24 text t/r "hi cl" "hi cl" "hi fa" "hi fa" \
	"RSS snd" "RSS rcv" "t/-1" "w/-1"
printf "$fmt" "" B/s B/s B/s "" "" B/s "" sig ms sig ms KiB KiB "" ""
for f in raw raw24 ran rr r24 txt tr csig cms fsig fms rss_s rss_r t1 w1; do : >"$T/m.$f"; done
RETRIES="" RT_DESC=""
UNIT=24
bench_t0=$(now)
i=1
while [ "$i" -le "$RUNS" ]; do
	message
	cms=$MS csig=$NSIG
	message $FAST_OPTS -v
	fms=$MS fsig=$NSIG
	# The reference carries what the tool carried: 36 bytes a signal
	# where the probe found them intact, fewer where it did not.
	case $(tail -n 1 "$T/transports") in
	*" 36 bytes per signal"*) UNIT=36 ;;
	*" 32 bytes per signal"*) UNIT=32 ;;
	*" 8 bytes per signal"*) UNIT=8 ;;
	*) UNIT=24 ;;
	esac
	# Signals always in flight: one ack every 16384 signals, so that the
	# reference never waits for a round trip (the tool keeps a window of
	# several frames in flight to come close to it).
	WINDOW=16384
	raw "$UNIT"
	rate=$RATE rate24=$RATE desc=$RT_DESC
	if [ "$UNIT" != 24 ]; then
		raw 24
		rate24=$RATE
	fi
	RT_DESC=$desc
	xfer rss "random data" "$T/random" $FAST_OPTS -v "$T/random"
	ran=$(awk -v n="$BYTES" -v s="$SECS" 'BEGIN { printf "%.0f", n / s }')
	rss_s=$RSS_SEND rss_r=$RSS_RECV
	xfer rss "text" "$T/text" $FAST_OPTS -v "$T/text"
	txt=$(awk -v n="$BYTES" -v s="$SECS" 'BEGIN { printf "%.0f", n / s }')
	wire=$(wire_bytes)
	# Peak RSS: the larger of the two transfers, per end.
	rss_s=$(printf '%s\n%s\n' "$rss_s" "$RSS_SEND" | grep -v n/a | sort -n | tail -n 1)
	rss_r=$(printf '%s\n%s\n' "$rss_r" "$RSS_RECV" | grep -v n/a | sort -n | tail -n 1)
	xfer time "text -1" "$T/text" $FAST_OPTS -v -1 "$T/text"
	txt1=$(awk -v n="$BYTES" -v s="$SECS" 'BEGIN { printf "%.0f", n / s }')
	wire1=$(wire_bytes)
	rr=$(ratio "$ran" "$rate")
	r24=$(ratio "$ran" "$rate24")
	tr=$(ratio "$txt" "$ran")
	t1=$(ratio "$txt" "$txt1")
	w1=$(ratio "$wire" "$wire1")
	printf "$fmt" "$i" "$rate" "$rate24" "$ran" "$rr" "$r24" "$txt" "$tr" "$csig" "$cms" \
		"$fsig" "$fms" "${rss_s:-n/a}" "${rss_r:-n/a}" "$t1" "$w1"
	echo "$rate" >>"$T/m.raw"; echo "$ran" >>"$T/m.ran"; echo "$rr" >>"$T/m.rr"
	echo "$rate24" >>"$T/m.raw24"; echo "$r24" >>"$T/m.r24"
	echo "$txt" >>"$T/m.txt"; echo "$tr" >>"$T/m.tr"; echo "$csig" >>"$T/m.csig"
	echo "$cms" >>"$T/m.cms"; echo "$fsig" >>"$T/m.fsig"; echo "$fms" >>"$T/m.fms"
	echo "${rss_s:-n/a}" >>"$T/m.rss_s"; echo "${rss_r:-n/a}" >>"$T/m.rss_r"
	echo "$t1" >>"$T/m.t1"; echo "$w1" >>"$T/m.w1"
	i=$((i + 1))
done

m_rr=$(med "$T/m.rr" %.2f) m_r24=$(med "$T/m.r24" %.2f) m_tr=$(med "$T/m.tr" %.2f) m_t1=$(med "$T/m.t1" %.2f) m_w1=$(med "$T/m.w1" %.2f)
printf "$fmt" median "$(med "$T/m.raw" %.0f)" "$(med "$T/m.raw24" %.0f)" "$(med "$T/m.ran" %.0f)" \
	"$m_rr" "$m_r24" "$(med "$T/m.txt" %.0f)" "$m_tr" "$(med "$T/m.csig" %.0f)" "$(med "$T/m.cms" %.1f)" \
	"$(med "$T/m.fsig" %.0f)" "$(med "$T/m.fms" %.1f)" "$(med "$T/m.rss_s" %.0f)" \
	"$(med "$T/m.rss_r" %.0f)" "$m_t1" "$m_w1"
echo "raw: rtstream, a stream of queued signals as the fast transport sends them ($RT_DESC), $BYTES bytes; raw 24: the same, 24 bytes per signal"
echo "tool: sigsend $FAST_OPTS -> sigrecv as a user runs them; B/s of payload (uncompressed); ratio = random / raw, r/24 = random / raw 24, t/r = text / random, same run"
echo "random, text: $BYTES bytes each (text: man pages, README and sources, gzip -9 $(gz_ratio "$T/text"):1); RSS: peak of each end over both$(
	[ "$HAVE_TIME" = 1 ] || printf ' (n/a: no /usr/bin/time)')"
echo "t/-1, w/-1: on the text, the default level against -1 (sigsend $FAST_OPTS -1), in B/s and in bytes on the wire (-v)"
echo "hi: sigsend -m $MESSAGE, classic (cl) and $FAST_OPTS (fa): ms to confirmed delivery; signals sent by sigsend$(
	[ "$HAVE_STRACE" = 1 ] && printf ', counted by strace -f in a second, untimed transfer' ||
	printf ' n/a: no strace')"
if [ -s "$T/transports" ]; then
	echo "transport, as sigsend -v said: $(sort "$T/transports" | uniq -c |
		awk '{ n = $1; $1 = ""; printf "%s%s (%d transfers)", sep, substr($0, 2), n; sep = "; " }')"
else
	echo "transport: sigsend -v named none (was the fast transport used?)"
fi
machine "$load0" "; total $(total_since "$bench_t0") s"
awk -v r="$m_rr" -v r24="$m_r24" -v t="$m_tr" -v t1="$m_t1" -v w1="$m_w1" "$VERDICT_AWK"'
BEGIN {
	printf "targets of section 6 (informative, never fail the bench):"
	printf " random %s x raw >= 0.85 %s,", r, verdict(r, r + 0 >= 0.85)
	printf " random %s x raw 24 >= 1.25 %s (issue 24),", r24, verdict(r24, r24 + 0 >= 1.25)
	printf " text %s x random > 1 %s;", t, verdict(t, t + 0 > 1)
	printf " default level vs -1 on text: speed %s x >= 1 %s,", t1, verdict(t1, t1 + 0 >= 1)
	printf " wire %s x <= 1.25 %s\n", w1, verdict(w1, w1 + 0 <= 1.25) }'
exit 0
