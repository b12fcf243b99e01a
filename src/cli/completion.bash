# bash completion for sigsend and sigrecv (minitalk).
# Installed as .../bash-completion/completions/sigsend and .../sigrecv.

_minitalk_opts() {
	# The options --help lists, so completion never drifts from the program.
	"$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u
}

# Without the bash-completion package (a plain bash that sourced this
# file), its _init_completion and _filedir are not there: these stand in
# for what is used of them, with bash's own compgen.
_minitalk_init() {
	if declare -F _init_completion >/dev/null; then
		_init_completion
		return
	fi
	words=("${COMP_WORDS[@]}")
	cword=$COMP_CWORD
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
}

_minitalk_files() {
	if declare -F _filedir >/dev/null; then
		_filedir "$@"
		return
	fi
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	if [[ $1 == -d ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

_sigsend() {
	local cur prev words cword i target_seen=0
	_minitalk_init || return
	case $prev in
	-m | --message) return ;;
	-w | --timeout | --wait) return ;;  # a number of seconds
	esac
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-m | --message | -w | --timeout | --wait) ((i++)) ;;
		-*) ;;
		*) target_seen=1 ;;
		esac
	done
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_minitalk_opts sigsend)" -- "$cur"))
	elif ((!target_seen)) && [[ $cur == */* ]]; then
		_minitalk_files  # a TARGET with a '/' is a pid file
	elif ((!target_seen)); then
		# the receivers this user runs: their names, then their PIDs
		COMPREPLY=($(compgen -W "$(sigsend --list 2>/dev/null | cut -d ' ' -f 1)
			$(pgrep -u "$(id -u)" -x sigrecv 2>/dev/null)" -- "$cur"))
	else
		_minitalk_files
	fi
}

_sigrecv() {
	local cur prev words cword
	_minitalk_init || return
	case $prev in
	-o | --output | -P | --pid-file) _minitalk_files; return ;;
	-d | --directory) _minitalk_files -d; return ;;
	-w | --timeout | --wait) return ;;
	-N | --name) return ;;  # a new name: nothing to complete
	-e | --exec) COMPREPLY=($(compgen -c -- "$cur")); return ;;  # a command line
	esac
	COMPREPLY=($(compgen -W "$(_minitalk_opts sigrecv)" -- "$cur"))
}

complete -F _sigsend sigsend
complete -F _sigrecv sigrecv
