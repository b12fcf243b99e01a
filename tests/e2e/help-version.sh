# --help and --version (and -h, -V) of both programs: stdout, exit 0,
# nothing on stderr.
. "${top_srcdir:-.}/tests/test-env.sh"

for prog in sigsend sigrecv; do
	bin=$top_builddir/$prog
	for opt in --help -h; do
		timeout 10 "$bin" $opt >"$T/out" 2>"$T/err" </dev/null
		expect_status 0 $? "$prog $opt"
		[ ! -s "$T/err" ] || fail "$prog $opt wrote to stderr: $(cat "$T/err")"
		head -n 1 "$T/out" | grep -q "^Usage: $prog " || fail "$prog $opt: no usage line"
		grep -q -- '--help' "$T/out" && grep -q -- '--version' "$T/out" ||
			fail "$prog $opt does not list --help and --version"
	done
	for opt in --version -V; do
		timeout 10 "$bin" $opt >"$T/out" 2>"$T/err" </dev/null
		expect_status 0 $? "$prog $opt"
		[ ! -s "$T/err" ] || fail "$prog $opt wrote to stderr: $(cat "$T/err")"
		head -n 1 "$T/out" | grep -Eq "^$prog .*[0-9]+\.[0-9]+" ||
			fail "$prog $opt: first line '$(head -n 1 "$T/out")' lacks name and version"
	done
done
