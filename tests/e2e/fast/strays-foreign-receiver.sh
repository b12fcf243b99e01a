# The scenario of tests/e2e/strays-foreign-receiver.sh on the fast transport:
# no frame resent and no lost signal recovered.
MT_TRANSPORT=fast
export MT_TRANSPORT
. "${top_srcdir:-.}/tests/e2e/strays-foreign-receiver.sh"
