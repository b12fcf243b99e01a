# sigrecv -e whose TMPDIR fills up (a 64 KiB tmpfs, mounted in a mount
# namespace of its own): the 1 MiB request that waits for a command still
# asleep moves on to another place, and comes back whole.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

mkdir "$T/small" || exit 99
unshare -rm sh -c 'mount -t tmpfs -o size=64k minitalk-test "$0"' "$T/small" 2>/dev/null ||
	{ echo "SKIP: cannot mount a tmpfs in a user and mount namespace (unshare -rm)" >&2; exit 77; }
cat >"$T/wrap" <<'WRAP'
#!/bin/sh
# wrap DIR PROGRAM ARG...: PROGRAM with TMPDIR=DIR, a 64 KiB tmpfs.
exec unshare -rm sh -c 'mount -t tmpfs -o size=64k minitalk-test "$0" || exit 99
TMPDIR=$0 exec "$@"' "$@"
WRAP
chmod +x "$T/wrap"

head -c 1048576 /dev/urandom >"$T/in" || exit 99
RECV_WRAP="$T/wrap $T/small" start_receiver -e 'sleep 1; cat'
reply_bg "$T/reply" --fast "$RPID" "$T/in"
reply_end 0 "a reply spooled past a full TMPDIR"
wait_receiver 10
expect_status 0 "$RSTATUS" "sigrecv -e with a full TMPDIR ($(cat "$T/recv.err"))"
cmp -s "$T/in" "$T/reply" || fail "the reply differs from the request"
