# The layers of src/ (README, "How it works"), read from the code itself:
# an #include, or a call the linker resolves (nm on the objects), only
# ever points down the floors
#     cli/  >  engine/  >  link/  >  proto/, os/  >  mt.c, mt.h (the root)
# (a folder uses its own files, any lower floor and the root; proto/ and
# the platform seam os/ stand side by side and use neither the other);
# src/cli/ sees the engine only through its face, src/engine/minitalk.h;
# src/proto/ includes nothing but ISO C headers, zlib and xxHash; no
# files use each other in a loop; no source under src/ is over 400
# lines; the README's map names every folder.  The same checks then run
# on a copy of src/ with an upward include, a loop and a long file
# planted, and must find all three.
. "${top_srcdir:-.}/tests/test-env.sh"

MAX_LINES=400

# check_tree DIR: one line per breach of the rules in the sources under
# DIR (a copy of src/), nothing if there is none.
check_tree() {
	(cd "$1" && find . -type f \( -name '*.c' -o -name '*.h' -o -name '*.bash' \) |
		sed 's|^\./||' | LC_ALL=C sort) >"$T/files" || return 1
	# every file, then its #include lines: FILE <TAB> "name" or <name>
	(cd "$1" && while read -r f; do
		printf 'F\t%s\t%s\n' "$f" "$(wc -l <"$f")"
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\(["<][^">]*[">]\).*/\1/p' "$f" |
			while read -r inc; do printf 'I\t%s\t%s\n' "$f" "$inc"; done
	done <"$T/files") >"$T/facts" || return 1
	awk -F '\t' -v max="$MAX_LINES" '
	function folder(path) { return path ~ /\// ? substr(path, 1, index(path, "/") - 1) : "." }
	BEGIN {
		rank["."] = 0; rank["os"] = 1; rank["proto"] = 1
		rank["link"] = 2; rank["engine"] = 3; rank["cli"] = 4
		n = split("assert.h ctype.h errno.h float.h inttypes.h iso646.h limits.h " \
		          "math.h stdalign.h stdarg.h stdbool.h stddef.h stdint.h stdlib.h " \
		          "stdnoreturn.h string.h zlib.h xxhash.h", iso, " ")
		for (i = 1; i <= n; i++) pure[iso[i]] = 1
	}
	$1 == "F" {
		if ($3 + 0 > max) print "TOO LONG: src/" $2 ": " $3 " lines (at most " max ")"
		f = $2; d = folder(f)
		if (!(d in rank)) print "NOT ON THE MAP: src/" f " (folder " d "/)"
		base = f; sub(/.*\//, "", base)
		if (base in where) print "TWO FILES NAMED " base ": src/" where[base] " and src/" f
		where[base] = f
		next
	}
	{ inc[++ninc] = $2; what[ninc] = $3 }
	END {
		for (i = 1; i <= ninc; i++) {
			f = inc[i]; d = folder(f); name = what[i]
			if (name ~ /^</) {
				name = substr(name, 2, length(name) - 2)
				if (d == "proto" && !(name in pure))
					print "NOT PURE: src/" f " includes <" name ">: proto/ takes only ISO C, zlib and xxHash"
				continue
			}
			name = substr(name, 2, length(name) - 2)
			if (name == "config.h")
				continue  # made by configure, in the build tree
			if (!(name in where)) {
				print "NO SUCH HEADER: src/" f " includes \"" name "\""
				continue
			}
			to = where[name]; e = folder(to)
			if (e != d && e != "." && (!(d in rank) || !(e in rank) || rank[e] >= rank[d]))
				print "UPWARD: src/" f " (" d "/) includes " name " (src/" to ")"
			if (d == "cli" && e == "engine" && name != "minitalk.h")
				print "PAST THE FACE: src/" f " includes " name ": src/cli/ sees the engine through minitalk.h"
			edge[f SUBSEP to] = 1
		}
		loops("includes")
	}
	'"$LOOPS_AWK" <"$T/facts"
}

# The loop finder, shared with the check on objects: edge[a, b] says a
# uses b.  What lies on no loop is peeled off (nothing it uses left, or
# nothing left uses it); what remains lies on a loop.
LOOPS_AWK='
	function loops(how,    k, p, a, b, changed, left) {
		for (k in edge) { split(k, p, SUBSEP); node[p[1]] = 1; node[p[2]] = 1 }
		do {
			changed = 0
			for (a in node) { out[a] = 0; in_[a] = 0 }
			for (k in edge) {
				split(k, p, SUBSEP)
				if ((p[1] in node) && (p[2] in node)) { out[p[1]]++; in_[p[2]]++ }
			}
			for (a in node)
				if (!out[a] || !in_[a]) { delete node[a]; changed = 1 }
		} while (changed)
		left = ""
		for (a in node) left = left " src/" a
		if (left != "") print "LOOP (" how "):" left
	}'

# check_objects DIR SRC: the same floors and loops for the calls the
# linker resolves between the objects under DIR (the build tree's src/)
# of the sources under SRC (an object of no source there is stale).
check_objects() {
	(cd "$1" && find . -name '*.o' | sed 's|^\./||' | LC_ALL=C sort | while read -r o; do
		src=$(printf '%s\n' "$o" | sed 's|[^/]*-\([^/]*\)\.o$|\1|; s|\.o$||')
		[ -f "$2/$src.c" ] || continue
		nm "$o" | awk -v m="$src" '$1 == "U" { print "U\t" m "\t" $2; next }
			NF == 3 && $2 ~ /^[TDBRCVW]$/ { print "D\t" m "\t" $3 }'
	done) >"$T/syms" || return 1
	awk -F '\t' '
	function folder(path) { return path ~ /\// ? substr(path, 1, index(path, "/") - 1) : "." }
	BEGIN {
		rank["."] = 0; rank["os"] = 1; rank["proto"] = 1
		rank["link"] = 2; rank["engine"] = 3; rank["cli"] = 4
	}
	$1 == "D" { def[$3] = $2; next }
	{ use[++n] = $2; sym[n] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			if (!(sym[i] in def)) continue  # libc, zlib, xxHash
			a = use[i]; b = def[sym[i]]; d = folder(a); e = folder(b)
			if (a == b) continue
			if (e != d && e != "." && rank[e] >= rank[d])
				print "UPWARD CALL: src/" a " (" d "/) calls " sym[i] " (src/" b ")"
			edge[a SUBSEP b] = 1
		}
		loops("calls")
	}
	'"$LOOPS_AWK" <"$T/syms"
}

src=$top_srcdir/src
[ -d "$src" ] || { echo "no src/ under $top_srcdir" >&2; exit 99; }

check_tree "$src" >"$T/breaches" || exit 99
if command -v nm >/dev/null 2>&1 && [ -f "$top_builddir/src/mt.o" ]; then
	check_objects "$top_builddir/src" "$src" >>"$T/breaches" || exit 99
else
	echo "no nm, or no objects in $top_builddir/src: calls not checked"
fi
# The README's map of the folders names every folder of the tree.
for d in "$src"/*/; do
	d=${d%/}; d=src/${d##*/}/
	grep -q "^$d " "$top_srcdir/README.md" ||
		echo "NOT IN THE README: $d (How it works, the map of the folders)" >>"$T/breaches"
done
[ -s "$T/breaches" ] && fail "the layers are broken:
$(cat "$T/breaches")"

# The checks can fail: plant an upward include (proto/ using the CLI), a
# loop (two engine headers including each other) and a file too long, in
# a copy.
mkdir "$T/planted" && cp -R "$src/." "$T/planted/" && chmod -R u+w "$T/planted" || exit 99
printf '#include "cli.h"\n' >>"$T/planted/proto/wire.c"
printf '#include "safepath.h"\n' >>"$T/planted/engine/pidfile.h"
printf '#include "pidfile.h"\n' >>"$T/planted/engine/safepath.h"
awk -v n="$MAX_LINES" 'BEGIN { for (i = 0; i <= n; i++) print "/* */" }' >>"$T/planted/mt.c"
check_tree "$T/planted" >"$T/found" || exit 99
grep -q '^UPWARD: src/proto/wire.c (proto/) includes cli.h' "$T/found" ||
	fail "an upward include went unseen: $(cat "$T/found")"
grep -q '^LOOP (includes):.*src/engine/pidfile.h' "$T/found" ||
	fail "a loop went unseen: $(cat "$T/found")"
grep -q '^TOO LONG: src/mt.c' "$T/found" || fail "a long file went unseen: $(cat "$T/found")"
[ "$(wc -l <"$T/found")" -eq 3 ] || fail "more found than was planted: $(cat "$T/found")"
exit 0
