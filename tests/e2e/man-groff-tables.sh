# The tables of the man pages (mdoc .Bl -column) render under groff, which
# `man` uses on Debian, with every cell apart: a cell wider than its
# column once ran into the next ("datathe input"), which mandoc hid.
# Each row of plain cells must come out as its cells, in order, separated
# by blanks.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v groff >/dev/null 2>&1 || { echo "SKIP: no groff (Debian: groff-base)" >&2; exit 77; }
man_dir=${DOCS_MAN_DIR:-$top_srcdir/man}

# rows PAGE: for each row of a -column table whose cells are plain text
# (after the font and argument macros), an extended regexp of its cells
# but the last, then the first word of the last, separated by blanks.
rows() {
	awk '/^\.Bl -column/ { t = 1; next } /^\.El/ { t = 0 } t && /^\.It / {
		line = substr($0, 5)
		gsub(/(^| )(Sy|Va|Li|Ar|Fl|Dv) /, " ", line)
		n = split(line, c, / Ta /)
		if (n < 2) next
		re = ""
		for (i = 1; i <= n; i++) {
			gsub(/^ +| +$/, "", c[i])
			if (i == n) sub(/ .*/, "", c[i])
			if (c[i] !~ /^[A-Za-z0-9_+ .-]+$/) next
			gsub(/[.+]/, "\\\\&", c[i])
			gsub(/ /, " +", c[i])
			re = re (i > 1 ? " +" : "") c[i]
		}
		print re
	}' "$1"
}

# The check must be able to fail: a cell that overflows its column.
printf '.Dd $Mdocdate$\n.Dt X 7\n.Os\n.Sh NAME\n.Nm x\n.Nd x\n.Sh DESCRIPTION\n.Bl -column "ab" "cd"\n.It abcdefgh Ta cd Ta the end\n.El\n' >"$T/planted.7"
groff -mandoc -Tutf8 -P-c "$T/planted.7" 2>/dev/null | col -bx >"$T/planted.txt"
rows "$T/planted.7" >"$T/planted.re"
[ -s "$T/planted.re" ] || fail "no table row found in the planted page"
if grep -Eq "$(cat "$T/planted.re")" "$T/planted.txt"; then
	echo "note: this groff sets an overflowing cell apart; the check cannot fail here" >&2
fi

checked=0
for p in "$man_dir"/sigsend.1 "$man_dir"/sigrecv.1 "$man_dir"/minitalk.7; do
	groff -mandoc -Tutf8 -P-c "$p" 2>/dev/null | col -bx >"$T/page.txt"
	[ -s "$T/page.txt" ] || fail "groff rendered nothing for $p"
	rows "$p" >"$T/rows"
	while IFS= read -r re; do
		grep -Eq "$re" "$T/page.txt" || fail "${p##*/}: a table row does not render apart under groff: /$re/
$(grep -E "$(echo "$re" | sed 's/ +.*//')" "$T/page.txt" | head -3)"
		checked=$((checked + 1))
	done <"$T/rows"
done
[ "$checked" -ge 20 ] || fail "only $checked table rows checked"
echo "$checked table rows render apart under groff"
