# The scenario of tests/e2e/reply-strays.sh, run on the fast transport:
# sigsend --fast, and -v checks that it was used (test-env.sh).
MT_TRANSPORT=fast
export MT_TRANSPORT
. "${top_srcdir:-.}/tests/e2e/reply-strays.sh"
