# The flood of trust-fast-stray-flood.sh on 8-byte signals (a shim cuts
# the receiver's siginfo to the POSIX sigqueue value).
FLOOD_NARROW=1
. "${top_srcdir:-.}/tests/e2e/trust-fast-stray-flood.sh"
