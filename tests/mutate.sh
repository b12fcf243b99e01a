# tests/mutate.sh - mutation testing (make mutate): break one check at a
# time and see the test suite fail.  Each mutant in tests/mutants.txt
# names one guarantee, the exact source text that keeps it and what that
# text becomes; a mutant the suite does not kill is a guarantee no test
# pins.
#
# Nothing is edited in the source tree: `make distdir` copies the release
# files to a scratch directory, built out of tree with this build's
# configure arguments; each mutant is applied to that copy, built, tested
# and undone.  The scratch directory is removed on every way out.
#
# A mutant is applied only if its text occurs exactly once in its file;
# otherwise it is reported NOT APPLICABLE (the code moved or was
# duplicated: update tests/mutants.txt), as is one that does not compile.
# Each counts as a failure, never skipped in silence.
#
# Environment:
#   MUTANTS=ID,ID         only these mutants (default: all)
#   MUTATE_TESTS="T T"    run only these tests (automake names, e.g.
#                         tests/unit_recv tests/e2e/quiet.sh) for every
#                         mutant; default: the mutant's own tests first,
#                         and the whole suite if they all pass (the same
#                         verdict as the whole suite, much sooner)
#   MUTATE_FULL=1         the whole suite for every mutant, to see every
#                         test that kills it (about 2 minutes a mutant)
#   MUTATE_TIMEOUT=SECS   a test run that takes longer counts as a kill
#                         (default 1200)
#   MUTATE_KEEP=1         keep the scratch directory (its path is printed)
#   MUTANTS_FILE=FILE     another list (default tests/mutants.txt), to try
#                         new mutants
# Exit status: 0 all killed; 1 any survived or not applicable; 2 the
# harness could not run (no copy, no build, tests failing unmutated).
set -u

: "${top_builddir:?run me through make mutate}"
: "${top_srcdir:?run me through make mutate}"
MAKE=${MAKE:-make}
LIST=${MUTANTS_FILE:-$top_srcdir/tests/mutants.txt}
JOBS=-j2
TIMEOUT=${MUTATE_TIMEOUT:-1200}

say() { printf '%s\n' "$*"; }
die() { say "mutate: $*" >&2; exit 2; }

command -v perl >/dev/null 2>&1 || die "perl is needed to apply mutants"
[ -r "$LIST" ] || die "$LIST: cannot read"

S=$(mktemp -d "${TMPDIR:-/tmp}/minitalk-mutate.XXXXXX") || die "no scratch directory"
finish() {
	if [ -n "${MUTATE_KEEP:-}" ]; then say "mutate: scratch kept in $S"; else rm -rf "$S"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM HUP

# The list, one mutant per stanza: "key: value" lines, a blank line or
# the next "id:" ends a stanza, # starts a comment.  from/to may use \n,
# \t and \\.  Emitted here as one record a line, fields split by \001,
# from/to still escaped.
perl -e '
	my (%m, @order);
	my $id;
	while (<>) {
		chomp;
		next if /^\s*#/;
		if (/^\s*$/) { $id = undef; next; }
		/^(\w+):\s?(.*)$/ or die "$ARGV:$.: not \"key: value\": $_\n";
		my ($k, $v) = ($1, $2);
		$v =~ s/^\s+//;
		if ($k eq "id") {
			die "$ARGV:$.: duplicate id $v\n" if $m{$v};
			$id = $v; push @order, $id; $m{$id} = { id => $v }; next;
		}
		die "$ARGV:$.: $k outside a mutant\n" unless defined $id;
		$m{$id}{$k} = $v;
	}
	for my $i (@order) {
		for my $k (qw(file from to guarantee tests)) {
			die "mutant $i: no $k\n" unless defined $m{$i}{$k};
			die "mutant $i: empty $k\n" unless $k eq "to" || length $m{$i}{$k};
		}
		print join("\001", map { $m{$i}{$_} } qw(id file from to guarantee tests)), "\n";
	}
' "$LIST" >"$S/list" || die "$LIST: malformed"

# apply ORIG FROM TO OUT: OUT is ORIG with the one occurrence of FROM
# replaced by TO.  Exit 3 if FROM does not occur, 4 if more than once.
cat >"$S/apply.pl" <<'EOF'
my ($orig, $from, $to, $out) = @ARGV;
sub unesc { my $s = shift; $s =~ s/\\(.)/$1 eq "n" ? "\n" : $1 eq "t" ? "\t" : $1/ge; $s }
$from = unesc($from);
$to = unesc($to);
open my $f, "<", $orig or die "$orig: $!\n";
local $/;
my $text = <$f>;
close $f;
my ($n, $at, $p) = (0, -1, 0);
while (($p = index($text, $from, $p)) >= 0) { $n++; $at = $p; $p += length $from; }
exit 3 if $n == 0;
exit 4 if $n > 1;
substr($text, $at, length $from) = $to;
open my $o, ">", $out or die "$out: $!\n";
print $o $text;
close $o or die "$out: $!\n";
EOF

# The mutants to run, in $S/sel.
if [ -n "${MUTANTS:-}" ]; then
	: >"$S/sel"
	for want in $(say "$MUTANTS" | tr ',' ' '); do
		grep "^$want$(printf '\001')" "$S/list" >>"$S/sel" ||
			die "MUTANTS: no mutant '$want' in $LIST"
	done
else
	cp "$S/list" "$S/sel"
fi

t0=$(date +%s)
say "mutate: copying the sources (make distdir) to $S/src"
"$MAKE" -C "$top_builddir" distdir distdir="$S/src" top_distdir="$S/src" >"$S/distdir.log" 2>&1 ||
	{ cat "$S/distdir.log" >&2; die "make distdir failed"; }
mkdir "$S/build" "$S/orig" || die "scratch"
eval "set -- $("$top_builddir/config.status" --config)"
say "mutate: configuring and building a scratch copy"
(cd "$S/build" && "$S/src/configure" -q "$@" && "$MAKE" $JOBS >/dev/null && "$MAKE" $JOBS check TESTS= >/dev/null) \
	>"$S/build.log" 2>&1 || { tail -n 30 "$S/build.log" >&2; die "the unmutated copy does not build"; }

# check TESTS...: run these tests (none: the whole suite) in the scratch
# build; the names of those that failed in $S/failed.  0 if all passed.
check() {
	if [ $# -eq 0 ]; then
		(cd "$S/build" && timeout -k 30 "$TIMEOUT" "$MAKE" $JOBS check AM_COLOR_TESTS=no) \
			</dev/null >"$S/check.log" 2>&1
	else
		(cd "$S/build" && timeout -k 30 "$TIMEOUT" "$MAKE" $JOBS check AM_COLOR_TESTS=no TESTS="$*") \
			</dev/null >"$S/check.log" 2>&1
	fi
	_st=$?
	sed -n 's/^\(FAIL\|XPASS\|ERROR\): //p' "$S/check.log" | tr '\n' ' ' >"$S/failed"
	[ "$_st" -eq 124 ] || [ "$_st" -eq 137 ] && printf '(timed out after %ss) ' "$TIMEOUT" >>"$S/failed"
	if [ "$_st" -ne 0 ] && [ ! -s "$S/failed" ]; then
		printf '(make check failed: %s) ' "$(tail -n 1 "$S/check.log")" >>"$S/failed"
	fi
	return "$_st"
}

# tails: the end of each failed test's log, to tell a kill from a flake.
tails() {
	for _t in $(cat "$S/failed"); do
		_l=$S/build/${_t%.sh}.log
		[ -r "$_l" ] || continue
		say "    --- $_t"
		tail -n 4 "$_l" | sed 's/^/    /'
	done
}

# The tests the mutants name, run unmutated first: a test that fails
# without any mutant would "kill" every mutant.
if [ -n "${MUTATE_TESTS:-}" ]; then
	base=$MUTATE_TESTS
elif [ -n "${MUTATE_FULL:-}" ]; then
	base=""
else
	base=$(cut -d "$(printf '\001')" -f 6 "$S/sel" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ')
fi
if [ -n "$base" ]; then
	say "mutate: the unmutated copy against $(say $base | wc -w) tests"
else
	say "mutate: the unmutated copy against the whole suite"
fi
# shellcheck disable=SC2086
check $base || { tails >&2; die "tests fail without any mutant: $(cat "$S/failed")"; }

killed=0 survived=0 na=0
report=$S/report
: >"$report"
# result ID VERDICT DETAIL GUARANTEE: one line for the summary.
result() {
	printf '%-14s %-20s %s\n' "$2" "$1" "$3" | tee -a "$report"
	printf '%-14s %-20s   guarantee: %s\n' "" "" "$4" | tee -a "$report"
}

while IFS="$(printf '\001')" read -r id file from to guarantee tests <&3; do
	m0=$(date +%s)
	src=$S/src/$file
	if [ ! -f "$src" ]; then
		result "$id" "NOT APPLICABLE" "(no file $file)" "$guarantee"
		na=$((na + 1))
		continue
	fi
	saved=$S/orig/$(printf '%s' "$file" | tr / _)
	cp -p "$src" "$saved" || die "cannot save $file"
	perl "$S/apply.pl" "$saved" "$from" "$to" "$src"
	case $? in
	0) ;;
	3) result "$id" "NOT APPLICABLE" "(code moved: the text is not in $file)" "$guarantee"
	   na=$((na + 1)); continue ;;
	4) result "$id" "NOT APPLICABLE" "(the text occurs more than once in $file)" "$guarantee"
	   na=$((na + 1)); continue ;;
	*) die "cannot apply mutant $id" ;;
	esac
	if ! (cd "$S/build" && "$MAKE" $JOBS >"$S/mbuild.log" 2>&1 &&
	      "$MAKE" $JOBS check TESTS= >>"$S/mbuild.log" 2>&1); then
		result "$id" "NOT APPLICABLE" "(does not compile: $(grep -m1 -i error "$S/mbuild.log"))" "$guarantee"
		na=$((na + 1))
	else
		verdict=SURVIVED
		# shellcheck disable=SC2086
		if [ -n "${MUTATE_TESTS:-}" ]; then
			check $MUTATE_TESTS || verdict=KILLED
		elif [ -n "${MUTATE_FULL:-}" ]; then
			check || verdict=KILLED
		elif ! check $tests || ! check; then
			verdict=KILLED
		fi
		detail="$(($(date +%s) - m0)) s"
		if [ "$verdict" = KILLED ]; then
			killed=$((killed + 1))
			detail="by $(cat "$S/failed")($detail)"
		else
			survived=$((survived + 1))
			detail="(expected to be killed by: $tests; $detail)"
		fi
		result "$id" "$verdict" "$detail" "$guarantee"
		[ "$verdict" = SURVIVED ] || tails | tee -a "$report"
	fi
	# Undone, with a new time stamp so that make rebuilds it.
	cp "$saved" "$src" && touch "$src" || die "cannot restore $file in the scratch copy"
done 3<"$S/sel"

say ""
say "mutate: $(( $(date +%s) - t0 )) s in all"
say "$killed killed, $survived survived, $na not applicable"
[ "$survived" -eq 0 ] && [ "$na" -eq 0 ]
