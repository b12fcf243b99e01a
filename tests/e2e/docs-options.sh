# Every option that --help lists is in the man page's OPTIONS, and the
# other way round, for both programs: short and long forms, paired on the
# same line; "-1 ... -9" counts as -1, -2, ..., -9.  DOCS_MAN_DIR=DIR
# checks the pages in DIR instead, to try the test on a changed copy.
. "${top_srcdir:-.}/tests/test-env.sh"

LC_ALL=C
export LC_ALL
man_dir=${DOCS_MAN_DIR:-$top_srcdir/man}

# expand: each line holds one entry's flags, with "..." between two digit
# flags standing for the digits between ("-1 ... -9"); print the entry
# with the range spelled out, or nothing for an empty line.
expand() {
	awk '{
		out = ""; prev = ""; range = 0
		for (i = 1; i <= NF; i++) {
			t = $i
			if (t == "...") { range = 1; continue }
			if (range && prev ~ /^-[0-9]$/ && t ~ /^-[0-9]$/)
				for (d = substr(prev, 2) + 1; d < substr(t, 2) + 0; d++)
					out = out " -" d
			range = 0
			out = out " " t
			prev = t
		}
		if (out != "")
			print out
	}'
}

# help_opts: read --help text, print one line per option entry: its flags,
# sorted, space-separated ("--message -m").
help_opts() {
	awk '
	/^  -/ || /^      --/ {    # "  -x, --long" or, long only, "      --long"
		spec = $0
		sub(/^ +/, "", spec)
		if (match(spec, /   */))    # the description starts after 2+ spaces
			spec = substr(spec, 1, RSTART - 1)
		n = split(spec, tok, /[, ]+/)
		out = ""
		for (i = 1; i <= n; i++) {
			t = tok[i]
			if (t != "..." && t !~ /^-/)
				continue            # an argument name: FILE, SECS
			sub(/=.*/, "", t)
			out = out " " t
		}
		print out
	}' | expand | norm
}

# man_opts: read an mdoc page, print the entries of the top-level list in
# its OPTIONS section the same way.  "Fl x" is -x and "Fl \-long" is
# --long.
man_opts() {
	awk '
	/^\.Sh / { in_opts = ($0 == ".Sh OPTIONS"); depth = 0; next }
	!in_opts { next }
	/^\.Bl/ { depth++; next }
	/^\.El/ { depth--; next }
	depth == 1 && /^\.It / {
		gsub(/\\&/, "")
		gsub(/\\-/, "-")
		n = split($0, tok, /[ \t]+/)
		out = ""; fl = 0
		for (i = 2; i <= n; i++) {
			t = tok[i]
			if (t == "Fl") { fl = 1; continue }
			if (t == "...") { out = out " ..."; continue }
			if (t ~ /^[A-Z][a-z][a-z]?$/ || t ~ /^[][(),;:.|]$/) {
				fl = 0
				continue
			}
			if (fl)
				out = out " -" t
		}
		print out
	}' "$1" | expand | norm
}

# norm: sort the flags within each line, then the lines.
norm() {
	while read -r line; do
		printf '%s\n' $line | sort | tr '\n' ' ' | sed 's/ $//'
		echo
	done | sort
}

# check PROG PAGE: compare; print what differs and return 1, or return 0.
check() {
	_prog=$1 _page=$2 _bad=0
	"$top_builddir/$_prog" --help >"$T/help.txt" || { echo "$_prog --help failed"; return 1; }
	help_opts <"$T/help.txt" >"$T/help.entries"
	man_opts "$_page" >"$T/man.entries"
	tr ' ' '\n' <"$T/help.entries" | sort -u >"$T/help.flags"
	tr ' ' '\n' <"$T/man.entries" | sort -u >"$T/man.flags"
	for f in -h --help; do
		grep -qx -- "$f" "$T/help.flags" || { echo "$_prog: no $f found in --help (parser broken?)"; _bad=1; }
		grep -qx -- "$f" "$T/man.flags" || { echo "$_prog: no $f found in $_page OPTIONS (parser broken?)"; _bad=1; }
	done
	for f in $(comm -23 "$T/help.flags" "$T/man.flags"); do
		echo "$_prog: $f is in --help but not in OPTIONS of $_page"
		_bad=1
	done
	for f in $(comm -13 "$T/help.flags" "$T/man.flags"); do
		echo "$_prog: $f is in OPTIONS of $_page but not in --help"
		_bad=1
	done
	if [ "$_bad" -eq 0 ] && ! cmp -s "$T/help.entries" "$T/man.entries"; then
		echo "$_prog: short and long forms are paired differently:"
		diff "$T/help.entries" "$T/man.entries" | sed -n 's/^</  --help:/p; s/^>/  man page:/p'
		_bad=1
	fi
	return "$_bad"
}

status=0
for prog in sigsend sigrecv; do
	check "$prog" "$man_dir/$prog.1" >&2 || status=1
done

# The check must be able to fail: a bogus option in a copy of a page.
sed '/^\.Sh OPTIONS/,/^\.It/ s/^\.It /.It Fl Z , Fl \\-bogus\n.It /' \
	"$man_dir/sigsend.1" >"$T/bogus.1"
grep -q 'Fl \\-bogus' "$T/bogus.1" || fail "could not plant a bogus option in a copy of sigsend.1"
check sigsend "$T/bogus.1" >"$T/bogus.out" && fail "a bogus option in OPTIONS went unnoticed"
grep -q -- '--bogus is in OPTIONS' "$T/bogus.out" || fail "bogus option reported wrongly: $(cat "$T/bogus.out")"

[ "$status" -eq 0 ] || fail "--help and the man pages' OPTIONS differ"
