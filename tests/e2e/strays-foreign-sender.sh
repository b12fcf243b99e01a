# Strays with a foreign si_pid at the sender leave no trace in the
# transfer: see tests/e2e/strays-foreign-receiver.sh.
STRAYS_AT=sender
. "${top_srcdir:-.}/tests/e2e/strays-foreign-receiver.sh"
