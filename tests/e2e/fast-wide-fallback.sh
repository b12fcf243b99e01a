# A receiver that gets only the 24 bytes from si_value on intact (a shim
# clears si_errno and si_uid of its data signals, as an older build or
# another kernel would): the probe finds that out and the transfer goes
# on with 24 bytes per signal, intact, never with 32 or 36 of which some
# are lost.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

fast_at_width 24 1048576 nowide
