# On 64-bit Linux a queued signal delivers 36 bytes the sender wrote
# (the 24 from si_value on, si_uid, si_errno and the padding after
# si_code; si_pid stays honest): the probe finds them and the fast
# transport carries 36 bytes per signal, intact, and both sides say so
# with -v.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

[ "$(uname -s)" = Linux ] && [ "$(getconf LONG_BIT 2>/dev/null)" = 64 ] ||
	{ echo "SKIP: 36-byte signals are a 64-bit Linux matter" >&2; exit 77; }
fast_at_width 36 2097152
