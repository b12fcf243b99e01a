# The scenario of tests/e2e/reply-queue-full.sh with sigsend --fast: with
# no room in the queue the session falls back to bits, and the reply
# still arrives.
MT_TRANSPORT=fast
export MT_TRANSPORT
. "${top_srcdir:-.}/tests/e2e/reply-queue-full.sh"
