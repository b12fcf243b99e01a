# The three man pages are clean under mandoc -Tlint.
#
# Every message at style level or above fails the test, with one kind of
# exception: style messages about cross references ("referenced manual
# not found", "outdated mandoc.db lacks ... entry").  Those depend on which
# manuals and which mandoc.db the machine has, not on the pages.
# DOCS_MAN_DIR=DIR lints the pages in DIR instead.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v mandoc >/dev/null 2>&1 || { echo "mandoc not found: skipped" >&2; exit 77; }

man_dir=${DOCS_MAN_DIR:-$top_srcdir/man}

# lint PAGE...: print mandoc's messages, less the allowed ones.
lint() {
	mandoc -Tlint -W style "$@" 2>&1 |
		grep -v -e 'STYLE: referenced manual not found' \
		        -e 'mandoc\.db lacks .* entry'
}

pages="$man_dir/sigsend.1 $man_dir/sigrecv.1 $man_dir/minitalk.7"
for p in $pages; do
	[ -s "$p" ] || fail "$p is missing"
done

# The lint must be able to fail: a fault planted in a copy of a page.
{ cat "$man_dir/sigsend.1"; echo ".Zz not a macro"; } >"$T/planted.1"
lint "$T/planted.1" >"$T/planted.out"
[ -s "$T/planted.out" ] || fail "mandoc -Tlint did not notice an unknown macro"

lint $pages >"$T/lint.out"
[ -s "$T/lint.out" ] && fail "mandoc -Tlint:
$(cat "$T/lint.out")"
exit 0
