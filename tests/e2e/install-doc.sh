# make install puts the README and the LICENSE under share/doc/minitalk
# (automake's docdir), where a user of the installed programs looks.
# Only the doc files are installed, into a scratch DESTDIR.
. "${top_srcdir:-.}/tests/test-env.sh"

make -C "$top_builddir" install-dist_docDATA DESTDIR="$T/inst" >"$T/make.log" 2>&1 ||
	fail "make install-dist_docDATA: $(tail -n 3 "$T/make.log")"
for f in README.md LICENSE; do
	got=$(find "$T/inst" -path "*/share/doc/minitalk/$f")
	[ -n "$got" ] || fail "$f not installed under share/doc/minitalk: $(cd "$T/inst" && find . -type f)"
	cmp -s "$got" "$top_srcdir/$f" || fail "installed $f differs from the source's"
done
