# The licence --version names is shipped: LICENSE (MIT) is in the source
# tree and in the release tarball (make dist), and --version of both
# programs says MIT.
. "${top_srcdir:-.}/tests/test-env.sh"

lic=$top_srcdir/LICENSE
[ -s "$lic" ] || fail "no LICENSE in the source tree ($lic)"
grep -q '^MIT License' "$lic" || fail "LICENSE is not the MIT licence: $(head -n 1 "$lic")"
grep -q '^Copyright (c) 2026 the minitalk developers$' "$lic" ||
	fail "LICENSE lacks the copyright line"
grep -q 'WITHOUT WARRANTY OF ANY KIND' "$lic" || fail "LICENSE lacks the warranty disclaimer"
# make dist ships what the generated Makefile lists in DISTFILES.
sed -n '/^DISTFILES *=/,/[^\\]$/p; /^EXTRA_DIST *=/,/[^\\]$/p; /^am__DIST_COMMON *=/,/[^\\]$/p' \
	"$top_builddir/Makefile" | grep -qw LICENSE || fail "make dist does not ship LICENSE"

for prog in sigsend sigrecv; do
	timeout 10 "$top_builddir/$prog" --version >"$T/out" 2>&1 </dev/null
	expect_status 0 $? "$prog --version"
	grep -q 'License MIT' "$T/out" || fail "$prog --version does not say MIT: $(cat "$T/out")"
done
