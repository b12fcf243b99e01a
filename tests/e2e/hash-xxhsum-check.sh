# The hash lines of -v are checksum lines that xxhsum -c accepts: what
# sigsend -v prints for the files it sent verifies them where they are,
# and what sigrecv -v -d DIR prints verifies the files it wrote, from DIR.
# The form is xxhsum's BSD-style tag, 'XXH3 (NAME) = <16 hex>', which
# xxhsum 0.8.1 prints for -H3 and every xxhsum -c reads.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v xxhsum >/dev/null 2>&1 || { echo "SKIP: no xxhsum (Debian: xxhash)" >&2; exit 77; }

printf 'first\n' >"$T/a.txt"
for i in $(seq 1 300); do echo "line $i of a text that compresses well"; done >"$T/b.txt"
head -c 5000 /dev/urandom >"$T/c.bin"
# The planted check must be able to fail: xxhsum -c rejects a wrong hash.
printf 'XXH3 (%s) = 0000000000000000\n' "$T/a.txt" >"$T/bad.xxh3"
! xxhsum -c "$T/bad.xxh3" >/dev/null 2>&1 || fail "xxhsum -c accepted a wrong hash"

mkdir "$T/D" || exit 99
start_receiver -v -d "$T/D" --wait 60
timeout 60 "$SIGSEND" -v "$RPID" "$T/a.txt" "$T/b.txt" "$T/c.bin" 2>"$T/send.err"
expect_status 0 $? "sigsend -v ($(cat "$T/send.err"))"
wait_receiver
expect_status 0 "$RSTATUS" "sigrecv -v -d ($(cat "$T/recv.err"))"

# check WHO ERR DIR: the lines of ERR that are not the program's own
# messages are three checksum lines that xxhsum -c, run in DIR, verifies.
check() {
	grep -v "^$1: " "$2" >"$T/$1.xxh3"
	[ "$(wc -l <"$T/$1.xxh3")" -eq 3 ] || fail "$1 -v: not 3 hash lines: $(cat "$2")"
	grep -vq '^XXH3 (.*) = [0-9a-f]\{16\}$' "$T/$1.xxh3" &&
		fail "$1 -v: not 'XXH3 (NAME) = HEX': $(cat "$T/$1.xxh3")"
	(cd "$3" && xxhsum -c "$T/$1.xxh3") >"$T/$1.check" 2>&1 ||
		fail "xxhsum -c rejects $1 -v's lines:
$(cat "$T/$1.xxh3")
xxhsum -c: $(cat "$T/$1.check")"
	[ "$(grep -c ': OK$' "$T/$1.check")" -eq 3 ] || fail "xxhsum -c did not verify 3 files: $(cat "$T/$1.check")"
}
check sigsend "$T/send.err" "$T"
check sigrecv "$T/recv.err" "$T/D"
# sigsend names the files as given (here absolute paths).
grep -q "^XXH3 ($T/b.txt) = " "$T/sigsend.xxh3" || fail "sigsend -v does not name $T/b.txt"
grep -q "^XXH3 (b.txt) = " "$T/sigrecv.xxh3" || fail "sigrecv -v does not name b.txt"
