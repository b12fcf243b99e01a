# sigrecv -d DIR writes each file of a multi-file transfer as DIR/NAME,
# NAME the sender's base name made safe (no leading dot, control
# characters replaced); an existing name is refused with 73 on both sides
# and nothing is written unless -f; -d with -o is a usage error; a DIR
# whose parent is missing is refused before any sender comes (a missing
# DIR itself is created: recv-dir-create.sh).
. "${top_srcdir:-.}/tests/test-env.sh"

mkdir "$T/src" "$T/src/sub" "$T/D"
printf 'file a\n' >"$T/src/a.txt"
head -c 3000 /dev/urandom >"$T/src/sub/b.bin"
printf 'hidden file\n' >"$T/src/.hidden"
CTL=$(printf 'ct\001l\tx')
printf 'control\n' >"$T/src/$CTL"

# dir_is DIR NAME...: DIR holds exactly NAMEs (hidden ones included).
dir_is() {
	_d=$1
	shift
	_want=$(for _n in "$@"; do echo "$_n"; done | LC_ALL=C sort)
	_got=$(cd "$_d" && ls -A | LC_ALL=C sort)
	[ "$_got" = "$_want" ] || fail "$_d holds '$(echo $_got)', expected '$*'"
}

start_receiver -d "$T/D" --wait 60
(cd "$T/src" && timeout 60 "$SIGSEND" "$RPID" a.txt sub/b.bin ./.hidden "$CTL" 2>"$T/send.err")
expect_status 0 $? "sigsend a.txt sub/b.bin ./.hidden CTL"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -d"
[ ! -s "$T/out" ] || fail "sigrecv -d wrote to stdout"
[ ! -s "$T/send.err" ] || fail "sigsend printed: $(cat "$T/send.err")"
cmp -s "$T/src/a.txt" "$T/D/a.txt" || fail "D/a.txt missing or wrong"
cmp -s "$T/src/sub/b.bin" "$T/D/b.bin" || fail "D/b.bin missing or wrong"
cmp -s "$T/src/.hidden" "$T/D/hidden" || fail "D/hidden (leading dot stripped) missing or wrong"
cmp -s "$T/src/$CTL" "$T/D/ct_l_x" || fail "control characters not replaced by _: $(ls -Ab "$T/D" | tr '\n' ' ')"
dir_is "$T/D" a.txt b.bin hidden ct_l_x

# An existing name, without -f: refused (73 both), DIR/a.txt untouched,
# the other files not written, no temporary file left.  b.bin comes
# first, so it has been received when a.txt is refused.
mkdir "$T/E"
printf 'precious\n' >"$T/E/a.txt"
cp "$T/E/a.txt" "$T/orig"
touch -t 202001010000 "$T/E/a.txt"
start_receiver -d "$T/E" --wait 60
(cd "$T/src" && timeout 60 "$SIGSEND" "$RPID" sub/b.bin a.txt ./.hidden 2>"$T/send.err")
expect_status 73 $? "sigsend to -d DIR holding a.txt"
wait_receiver
expect_status 73 "$RSTATUS" "sigrecv -d DIR holding a.txt"
cmp -s "$T/orig" "$T/E/a.txt" || fail "existing E/a.txt changed"
[ -n "$(find "$T/E/a.txt" ! -newer "$T/orig" -mmin +1000)" ] || fail "existing E/a.txt touched"
dir_is "$T/E" a.txt
grep -q 'a\.txt' "$T/recv.err" || fail "sigrecv does not name the file: $(cat "$T/recv.err")"
[ -s "$T/send.err" ] || fail "sigsend reported nothing"

# With -f: replaced, and the others written.
start_receiver -f -d "$T/E" --wait 60
(cd "$T/src" && timeout 60 "$SIGSEND" "$RPID" sub/b.bin a.txt ./.hidden 2>"$T/send.err")
expect_status 0 $? "sigsend to -f -d DIR"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -f -d"
cmp -s "$T/src/a.txt" "$T/E/a.txt" || fail "-f did not replace E/a.txt: $(cat "$T/E/a.txt")"
cmp -s "$T/src/sub/b.bin" "$T/E/b.bin" || fail "E/b.bin missing or wrong"
cmp -s "$T/src/.hidden" "$T/E/hidden" || fail "E/hidden missing or wrong"
dir_is "$T/E" a.txt b.bin hidden

# -d with -o: usage error.
timeout 10 "$SIGRECV" -d "$T/D" -o "$T/x" -P "$T/recv.pid" >"$T/out" 2>"$T/recv.err" </dev/null
st=$?
[ "$st" -ne 124 ] || fail "sigrecv -d -o waited for a sender"
expect_status 64 "$st" "sigrecv -d DIR -o FILE"
grep -q "^Try 'sigrecv --help' for more information.\$" "$T/recv.err" || fail "no usage hint: $(cat "$T/recv.err")"
[ ! -e "$T/recv.pid" ] && [ ! -e "$T/x" ] || fail "sigrecv -d -o created files"

# -d in a missing directory: 73 before waiting for any sender.
timeout 10 "$SIGRECV" -d "$T/missing/sub" -P "$T/recv.pid" >"$T/out" 2>"$T/recv.err" </dev/null
st=$?
[ "$st" -ne 124 ] || fail "sigrecv -d MISSING/SUB waited for a sender"
expect_status 73 "$st" "sigrecv -d MISSING/SUB"
grep -q "^sigrecv: $T/missing/sub: " "$T/recv.err" || fail "message does not name the directory: $(cat "$T/recv.err")"
[ ! -e "$T/recv.pid" ] || fail "pid file written although it refused to run"
[ ! -e "$T/missing" ] || fail "sigrecv created the missing directory"
