# Every mutant of tests/mutants.txt still applies: its file exists, its
# `from:` text occurs there exactly once, and every test it names exists.
# A mutant that no longer applies guards nothing (make mutate would say
# NOT APPLICABLE only when someone runs it): a change that moves or
# rewrites a guarded line must carry its mutant along.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v perl >/dev/null 2>&1 || { echo "SKIP: no perl" >&2; exit 77; }
perl -e '
	my ($top, $list) = @ARGV;
	open my $fh, "<", $list or die "$list: $!\n";
	local $/ = undef;
	my @blocks = split /\n(?=id:)/, <$fh>;
	my ($n, $bad) = (0, 0);
	for my $b (@blocks) {
		my %m = $b =~ /^(\w+):[ \t]+(.*)$/mg;
		next unless defined $m{id};
		$n++;
		(my $from = $m{from}) =~ s/\\n/\n/g;
		$from =~ s/\\t/\t/g;
		my $text = do { local @ARGV = ("$top/$m{file}"); <> };
		if (!defined $text) { print "$m{id}: no file $m{file}\n"; $bad++; next }
		my $count = () = $text =~ /\Q$from\E/g;
		if ($count != 1) { print "$m{id}: its text occurs $count times in $m{file}\n"; $bad++ }
		for my $t (split " ", $m{tests} // "") {
			next if -e "$top/$t" || -e "$top/$t.c";
			print "$m{id}: no test $t\n";
			$bad++;
		}
	}
	print "$n mutants, $bad problems\n";
	exit($bad ? 1 : 0);
' "$top_srcdir" "$top_srcdir/tests/mutants.txt" || fail "mutants that no longer apply (above)"
