# One transfer with both programs under valgrind: no memory errors, no
# leaks, output intact.  (valgrind may not know pidfd_open: then this also
# covers the kill(2) fallback.)
. "${top_srcdir:-.}/tests/test-env.sh"

command -v valgrind >/dev/null 2>&1 || { echo "valgrind not installed"; exit 77; }
case "${MINITALK_SANITIZED:-}" in ?*) echo "sanitizer build: skipped"; exit 77 ;; esac

VG="valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite"
head -c 3000 /dev/urandom >"$T/a.bin"
printf 'second file\n' >"$T/b.txt"
rm -f "$T/recv.pid"
$VG "$SIGRECV" -P "$T/recv.pid" -o "$T/got" 2>"$T/recv.err" &
RPID=$!
started "$RPID"
wait_file "$T/recv.pid" 30 || fail "sigrecv under valgrind did not start"
RPID=$(head -n 1 "$T/recv.pid")
$VG "$SIGSEND" -v "$RPID" "$T/a.bin" "$T/b.txt" 2>"$T/send.err"
s=$?
[ "$s" -eq 0 ] || { cat "$T/send.err" >&2; fail "sigsend under valgrind: exit $s"; }
wait_receiver 60
[ "$RSTATUS" -eq 0 ] || { cat "$T/recv.err" >&2; fail "sigrecv under valgrind: exit $RSTATUS"; }
cat "$T/a.bin" "$T/b.txt" | cmp -s - "$T/got" || fail "output differs"
