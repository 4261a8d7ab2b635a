#!/bin/sh
# Which pppd the plugin is built for follows PPPD_INCLUDEDIR alone, even
# when the other version's headers are also on the compiler's include path
# (a host with ppp-dev 2.5 installed, building for 2.4.9, or the reverse).
#   select.sh DIR_2_4_9 DIR_2_5   (each holding pppd/*.h)
# Builds into build/select/ and prints one PASS:/FAIL: line per direction.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
status=0

version_of() {
	sed -n 's/^#define[[:space:]]*\(PPPD_\)\{0,1\}VERSION[[:space:]]*"\(.*\)"/\2/p' \
	    "$1"/pppd/pppdconf.h "$1"/pppd/patchlevel.h 2>/dev/null | head -n 1
}

# try LABEL INCLUDEDIR OTHER: build for INCLUDEDIR with OTHER's headers
# further down the include chain (C_INCLUDE_PATH, as a system directory).
try() {
	want=$(version_of "$2")
	out=build/select/$1
	rm -rf "$out"
	if ! C_INCLUDE_PATH=$3 make -s O="$out" PPPD_INCLUDEDIR="$2" \
	    "$out/pppol2tp.so" >"$out.log" 2>&1; then
		echo "FAIL: select $1: build for pppd $want failed with pppd $(version_of "$3") headers also on the path: $(grep -m 1 error "$out.log")"
		status=1
		return
	fi
	if strings -a "$out/pppol2tp.so" | grep -qFx "$want"; then
		echo "PASS: select $1: built for pppd $want (pppd_version \"$want\") with pppd $(version_of "$3") headers also on the path"
	else
		echo "FAIL: select $1: pppd_version is not \"$want\""
		status=1
	fi
}

mkdir -p build/select
if [ "$(version_of "$1")" = "$(version_of "$2")" ]; then
	echo "FAIL: select: '$1' and '$2' hold the same pppd ($(version_of "$1")): nothing would be told apart"
	exit 1
fi
try 2.4.9 "$1" "$2"
try 2.5 "$2" "$1"
exit $status
