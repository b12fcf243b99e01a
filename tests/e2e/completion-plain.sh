# Bash completion works in a plain bash too, without the bash-completion
# package's functions (_init_completion, _filedir): options complete,
# sigsend's TARGET completes to the user's receivers, files after -o.
# The shell here is `bash --norc --noprofile` and never sources the
# package, even where it is installed.
. "${top_srcdir:-.}/tests/test-env.sh"

command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash" >&2; exit 77; }
comp=$top_srcdir/src/cli/completion.bash

# complete_line WORD...: what a plain bash completes for the command line
# WORD... (the last one being completed), one line; stderr kept apart.
complete_line() {
	PATH="$top_builddir:$PATH" bash --norc --noprofile -c '
		comp=$1; shift
		! declare -F _init_completion >/dev/null || { echo "bash-completion is loaded"; exit 1; }
		. "$comp"
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		"_$1" "$1" "${@: -1}" "${@: -2:1}"
		echo "${COMPREPLY[*]}"' sh "$comp" "$@" 2>>"$T/comp.err"
}
[ "$(complete_line sigrecv --ou)" = --output ] ||
	fail "sigrecv --ou completed to: '$(complete_line sigrecv --ou)' ($(cat "$T/comp.err"))"
complete_line sigsend - | grep -q -- --message ||
	fail "sigsend - completed to: '$(complete_line sigsend -)' ($(cat "$T/comp.err"))"
start_receiver -N inbox
[ "$(complete_line sigsend in)" = inbox ] ||
	fail "sigsend in completed to: '$(complete_line sigsend in)' ($(cat "$T/comp.err"))"
[ -z "$(complete_line sigsend --wait '')" ] ||
	fail "sigsend --wait completed to: '$(complete_line sigsend --wait '')'"
mkdir "$T/dir" && : >"$T/dir/file.txt"
[ "$(complete_line sigrecv -o "$T/dir/fi")" = "$T/dir/file.txt" ] ||
	fail "sigrecv -o DIR/fi completed to: '$(complete_line sigrecv -o "$T/dir/fi")' ($(cat "$T/comp.err"))"
[ "$(complete_line sigsend inbox "$T/dir/fi")" = "$T/dir/file.txt" ] ||
	fail "sigsend inbox DIR/fi completed to: '$(complete_line sigsend inbox "$T/dir/fi")'"
[ "$(complete_line sigrecv -d "$T/di")" = "$T/dir" ] ||
	fail "sigrecv -d DI completed to: '$(complete_line sigrecv -d "$T/di")'"
[ ! -s "$T/comp.err" ] || fail "errors while completing: $(cat "$T/comp.err")"
