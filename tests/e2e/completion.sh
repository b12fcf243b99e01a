# make install puts the bash completion in place under both names, and it
# completes each program's options (taken from its --help); sigsend's
# TARGET completes to the names of the user's receivers (sigsend --list),
# and the arguments of sigrecv -N and sigsend --wait to nothing.
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

# complete WORD...: what bash completes for the command line WORD... (the
# last one being completed), one line.
complete_line() {
	PATH="$top_builddir:$PATH" bash -c '
		comp=$1; shift
		. /usr/share/bash-completion/bash_completion
		. "$comp"
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		"_$1" "$1" "${@: -1}" "${@: -2:1}"
		echo "${COMPREPLY[*]}"' sh "$comp" "$@"
}
start_receiver -N inbox
RECV_OUT=$T/out2
start_receiver -N info-desk
RECV_OUT=
[ "$(complete_line sigsend in)" = "inbox info-desk" ] ||
	fail "sigsend in completed to: '$(complete_line sigsend in)'"
[ "$(complete_line sigsend -v --wait 5 inb)" = inbox ] ||
	fail "sigsend -v --wait 5 inb completed to: '$(complete_line sigsend -v --wait 5 inb)'"
[ -z "$(complete_line sigsend --wait '')" ] ||
	fail "sigsend --wait completed to: '$(complete_line sigsend --wait '')'"
[ -z "$(complete_line sigrecv -N '')" ] ||
	fail "sigrecv -N completed to: '$(complete_line sigrecv -N '')'"
[ -z "$(complete_line sigrecv --name i)" ] ||
	fail "sigrecv --name i completed to: '$(complete_line sigrecv --name i)'"
# sigrecv -e takes a command line: commands complete, not options.
complete_line sigrecv -e trunc | grep -qw truncate ||
	fail "sigrecv -e trunc completed to: '$(complete_line sigrecv -e trunc)'"
complete_line sigrecv --ec | grep -qx -- --echo ||
	fail "sigrecv --ec completed to: '$(complete_line sigrecv --ec)'"
