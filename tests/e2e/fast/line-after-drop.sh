# The scenario of tests/e2e/line-after-drop.sh, with both senders on the
# fast transport (sigsend --fast).
MT_TRANSPORT=fast
export MT_TRANSPORT
. "${top_srcdir:-.}/tests/e2e/line-after-drop.sh"
