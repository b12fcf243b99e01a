# A named receiver killed by SIGTERM or SIGHUP removes its name (as it
# removes its pid file) and dies of the signal.
. "${top_srcdir:-.}/tests/test-env.sh"

for sig in TERM HUP; do
	start_receiver -N inbox
	[ -e "$NAMES_DIR/inbox" ] || fail "name not registered"
	kill -"$sig" "$RPID"
	wait_receiver 10
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	expect_status "$want" "$RSTATUS" "sigrecv -N killed by SIG$sig"
	[ ! -e "$NAMES_DIR/inbox" ] || fail "name file left after SIG$sig"
	[ -z "$(ls -A "$NAMES_DIR")" ] || fail "files left after SIG$sig: $(ls -A "$NAMES_DIR")"
done
