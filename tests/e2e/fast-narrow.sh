# Where a queued signal delivers only the 8 bytes of the POSIX sigqueue
# value (a shim cuts the rest at the receiver), the probe finds that out
# and the fast transport goes on with 8 bytes per signal, intact.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

fast_at_width 8 1048576 narrow
