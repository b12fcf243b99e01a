# RLIMIT_SIGPENDING as small as it gets (ulimit -i 1) at the sender,
# sigsend --fast: the scenario of trust-fast-sigpending-recv.sh with the
# limit on the other side.
SIGPENDING_SIDE=sender
. "${top_srcdir:-.}/tests/e2e/trust-fast-sigpending-recv.sh"
