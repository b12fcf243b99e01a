# bash completion for sigsend and sigrecv (minitalk).
# Installed as .../bash-completion/completions/sigsend and .../sigrecv.

_minitalk_opts() {
	# The options --help lists, so completion never drifts from the program.
	"$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u
}

_sigsend() {
	local cur prev words cword i target_seen=0
	_init_completion || return
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
		_filedir  # a TARGET with a '/' is a pid file
	elif ((!target_seen)); then
		# the receivers this user runs: their names, then their PIDs
		COMPREPLY=($(compgen -W "$(sigsend --list 2>/dev/null | cut -d ' ' -f 1)
			$(pgrep -u "$(id -u)" -x sigrecv 2>/dev/null)" -- "$cur"))
	else
		_filedir
	fi
}

_sigrecv() {
	local cur prev words cword
	_init_completion || return
	case $prev in
	-o | --output | -P | --pid-file) _filedir; return ;;
	-d | --directory) _filedir -d; return ;;
	-w | --timeout | --wait) return ;;
	-N | --name) return ;;  # a new name: nothing to complete
	-e | --exec) COMPREPLY=($(compgen -c -- "$cur")); return ;;  # a command line
	esac
	COMPREPLY=($(compgen -W "$(_minitalk_opts sigrecv)" -- "$cur"))
}

complete -F _sigsend sigsend
complete -F _sigrecv sigrecv
