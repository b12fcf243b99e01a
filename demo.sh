#!/bin/sh
# demo.sh - quick start on a fresh Debian machine: install what the build
# needs (if missing), build with autotools, then send a real file from
# sigsend to sigrecv over signals and check that it arrived intact.
set -eu
cd "$(dirname "$0")"

# The build's dependencies, and the tools `make check` (the README's next
# command) checks with: mandoc lints the man pages, xxhsum verifies the
# -v hash lines; without them those tests are skipped.
need="build-essential autoconf automake pkg-config zlib1g-dev libxxhash-dev mandoc xxhash"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "demo: installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make

tmp=$(mktemp -d)
rpid=""
trap 'if [ -n "$rpid" ]; then kill "$rpid" 2>/dev/null || :; wait "$rpid" 2>/dev/null || :; fi; rm -rf "$tmp"' EXIT
./sigrecv -P "$tmp/pid" -o "$tmp/received" &
rpid=$!
n=0
while [ ! -s "$tmp/pid" ]; do
	n=$((n + 1))
	[ "$n" -lt 500 ] || { echo "demo: sigrecv did not start" >&2; exit 1; }
	sleep 0.01
done
echo "demo: sending README.md to sigrecv (PID $rpid) over signals..."
# sigsend -v's own summary tells the size, time and rate (a time in ms
# under a second, no rate from a time too short to measure one).
./sigsend -v "$rpid" README.md 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
wait "$rpid"
rpid=""
cmp README.md "$tmp/received"
sed -n 's/^sigsend: \([0-9]* bytes\) in, /demo: \1 received intact, /p; s/^sigsend: transport: /demo: transport: /p' "$tmp/log"
