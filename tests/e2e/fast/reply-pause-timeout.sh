# The scenario of tests/e2e/reply-pause-timeout.sh, run on the fast
# transport: sigsend --fast, and -v checks that it was used (test-env.sh).
MT_TRANSPORT=fast
export MT_TRANSPORT
. "${top_srcdir:-.}/tests/e2e/reply-pause-timeout.sh"
