# The sender is stopped (SIGSTOP) for a second in the middle of a transfer,
# then continued (SIGCONT): the transfer completes intact, both exit 0.
. "${top_srcdir:-.}/tests/test-env.sh"

fault_stop sender
