# A third process fires 300 SIGUSR1/SIGUSR2 at the receiver during a transfer:
# output intact, both sides exit 0 (see fault_strays in test-env.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

fault_strays receiver
