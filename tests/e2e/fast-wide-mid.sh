# A receiver that gets the 32 bytes in si_value, si_uid and si_errno of a
# queued signal intact but not the padding after si_code (a shim clears
# it, as a 32-bit system or an older build would): the probe finds that
# out and the transfer goes on with 32 bytes per signal, intact, never
# with 36 of which 4 are lost.
. "${top_srcdir:-.}/tests/test-env.sh"
need_fast

fast_at_width 32 1048576 nopad
