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

version_of() { make -s PPPD_INCLUDEDIR="$1" pppd-version; }

# try LABEL INCLUDEDIR OTHER: build for INCLUDEDIR with OTHER's headers
# further down the include chain (C_INCLUDE_PATH, as a system directory).
try() {
	want=$(version_of "$2")
	out=build/select/$1
	rm -rf "$out"
	if ! C_INCLUDE_PATH=$3 make -s O="$out" PPPD_INCLUDEDIR="$2" \
	    "$out/pppol2tp.so" >"$out.log" 2>&1; then
		echo "note: select $1: $(grep -m 1 error "$out.log")"
		echo "FAIL: select $1: build for pppd $want failed with pppd $(version_of "$3") headers also on the path"
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

# One build directory switched from one pppd to the other must be rebuilt
# for it, even when the second pppd's headers are older than the objects
# (dpkg keeps a package's file times).
out=build/select/switch
old=build/select/old-headers
rm -rf "$out" "$old"
mkdir -p "$old"
cp -R "$2"/pppd "$old"/
touch -d 2000-01-01 "$old"/pppd/*.h
want=$(version_of "$2")
if make -s O="$out" PPPD_INCLUDEDIR="$1" "$out/pppol2tp.so" >"$out.log" 2>&1 &&
    make -s O="$out" PPPD_INCLUDEDIR="$old" "$out/pppol2tp.so" >>"$out.log" 2>&1 &&
    strings -a "$out/pppol2tp.so" | grep -qFx "$want"; then
	echo "PASS: select switch: one build directory, pppd $(version_of "$1") then $want (headers dated 2000): rebuilt for $want"
else
	echo "note: select switch: $(grep -m 1 error "$out.log")"
	echo "FAIL: select switch: one build directory, pppd $(version_of "$1") then $want (headers dated 2000): pppd_version is not \"$want\""
	status=1
fi

# A directory without pppd's headers must stop the build, not fall back to
# whatever pppd /usr/include holds.
if make -s O=build/select/none PPPD_INCLUDEDIR=build/select/none all >build/select/none.log 2>&1; then
	echo "FAIL: select none: PPPD_INCLUDEDIR without pppd/pppd.h built a plugin anyway"
	status=1
elif ! grep -q 'has no pppd/pppd.h' build/select/none.log; then
	# A build that failed for any other reason proves nothing here.
	echo "note: select none: $(head -n 3 build/select/none.log | tr '\n' ' ')"
	echo "FAIL: select none: the build failed without saying the headers are missing"
	status=1
else
	echo "PASS: select none: PPPD_INCLUDEDIR without pppd/pppd.h stops: $(grep -m 1 'has no pppd/pppd.h' build/select/none.log)"
fi
exit $status
