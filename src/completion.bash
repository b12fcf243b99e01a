# bash completion for sigsend and sigrecv (minitalk).
# Installed as .../bash-completion/completions/sigsend and .../sigrecv.

_minitalk_opts() {
	# The options --help lists, so completion never drifts from the program.
	"$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u
}

_sigsend() {
	local cur prev words cword i pid_seen=0
	_init_completion || return
	case $prev in
	-m | --message) return ;;
	-w | --timeout) return ;;
	esac
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-m | --message | -w | --timeout) ((i++)) ;;
		-*) ;;
		*) pid_seen=1 ;;
		esac
	done
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_minitalk_opts sigsend)" -- "$cur"))
	elif ((!pid_seen)); then
		# the receivers this user runs: their PIDs are what sigsend wants
		COMPREPLY=($(compgen -W "$(pgrep -u "$(id -u)" -x sigrecv 2>/dev/null)" -- "$cur"))
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
	esac
	COMPREPLY=($(compgen -W "$(_minitalk_opts sigrecv)" -- "$cur"))
}

complete -F _sigsend sigsend
complete -F _sigrecv sigrecv
