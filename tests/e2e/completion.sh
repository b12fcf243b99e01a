# make install puts the bash completion in place under both names, and it
# completes each program's options (taken from its --help).
. "${top_srcdir:-.}/tests/test-env.sh"

make -C "$top_builddir" install-data-local DESTDIR="$T/inst" >"$T/make.log" 2>&1 ||
	fail "install-data-local: $(tail -n 3 "$T/make.log")"
comp=$(find "$T/inst" -path '*/bash-completion/completions/sigsend')
[ -n "$comp" ] && [ -f "${comp%/sigsend}/sigrecv" ] || fail "completion files not installed"

command -v bash >/dev/null 2>&1 || exit 77
bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || { echo "bash-completion not installed: only the install was checked"; exit 0; }
got=$(PATH="$top_builddir:$PATH" bash -c '
	. /usr/share/bash-completion/bash_completion
	. "$1"
	COMP_WORDS=(sigrecv --ou); COMP_CWORD=1; COMP_LINE="sigrecv --ou"; COMP_POINT=${#COMP_LINE}
	_sigrecv sigrecv --ou sigrecv
	echo "${COMPREPLY[*]}"
	COMP_WORDS=(sigsend -); COMP_CWORD=1; COMP_LINE="sigsend -"; COMP_POINT=${#COMP_LINE}
	_sigsend sigsend - sigsend
	echo "${COMPREPLY[*]}"' sh "$comp")
echo "$got" | sed -n 1p | grep -qx -- "--output" || fail "sigrecv --ou completed to: $got"
echo "$got" | sed -n 2p | grep -q -- "--message" || fail "sigsend - completed to: $got"
