# --version names the libraries as their users know them: zlib's version
# string, and xxHash as MAJOR.MINOR.RELEASE (0.8.1), not the library's
# packed number (801).
. "${top_srcdir:-.}/tests/test-env.sh"

for prog in sigsend sigrecv; do
	timeout 10 "$top_builddir/$prog" --version >"$T/out" 2>"$T/err" </dev/null
	expect_status 0 $? "$prog --version"
	grep -Eq 'zlib [0-9]+\.[0-9]+(\.[0-9]+)*, xxHash [0-9]+\.[0-9]+\.[0-9]+\.$' "$T/out" ||
		fail "$prog --version: library versions not as 'zlib X.Y.Z, xxHash X.Y.Z.': $(cat "$T/out")"
done
# Where pkg-config knows libxxhash, the figure is that one.
if command -v pkg-config >/dev/null 2>&1 && v=$(pkg-config --modversion libxxhash 2>/dev/null); then
	grep -q "xxHash $v\.\$" "$T/out" || fail "--version does not say xxHash $v: $(cat "$T/out")"
fi
exit 0
