# The fault scenario of tests/e2e/fault-bounded-memory.sh, run on the fast
# transport: sigsend --fast, with a larger, paced input (test-env.sh).
MT_TRANSPORT=fast
export MT_TRANSPORT
. "${top_srcdir:-.}/tests/e2e/fault-bounded-memory.sh"
