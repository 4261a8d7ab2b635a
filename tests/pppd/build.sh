#!/bin/sh
# Build one pppd of tests/pppd/matrix from its upstream tarball and install
# it (binary and headers) under OUT/prefix.  A build that exists and whose
# recipe is unchanged is kept: OUT/recipe holds what made it.
#   build.sh NAME SRC_DIR OUT
set -eu
name=$1
src=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
line=$(awk -v n="$name" '$1 == n { print $2, $3, $5 }' "$here/matrix")
[ -n "$line" ] || { echo "build.sh: no pppd '$name' in $here/matrix" >&2; exit 2; }
set -- $line
tarball=$src/$1
cc=$2
flags=$(echo "$3" | tr , ' ')
[ "$flags" != - ] || flags=
[ -f "$tarball" ] || { echo "build.sh: $tarball not found" >&2; exit 2; }

recipe="$(cksum <"$tarball") $cc $flags $(cksum <"$0")"
if [ -x "$out/prefix/sbin/pppd" ] && [ "$(cat "$out/recipe" 2>/dev/null)" = "$recipe" ]; then
	exit 0
fi
rm -rf "$out"
mkdir -p "$out/tree"
out=$(cd "$out" && pwd)
tar xzf "$tarball" -C "$out/tree" --strip-components=1
cd "$out/tree"
cppflags=
if [ "$cc" = musl-gcc ]; then
	# musl brings no kernel headers: pppd needs the kernel's UAPI ones.
	"$here/uapi.sh" "$out/uapi"
	cppflags="-isystem $out/uapi"
fi
if [ -f configure.ac ]; then
	# 2.5: autotools; a release tag's tree has no configure yet.  Only
	# pppd and its headers are needed.
	autoreconf -fi >"$out/autoreconf.log" 2>&1
	CC=$cc CPPFLAGS=$cppflags ./configure --prefix="$out/prefix" $flags >"$out/configure.log" 2>&1
	make -C pppd -j2 >"$out/make.log" 2>&1
	make -C pppd install >>"$out/make.log" 2>&1
else
	# 2.4: its own configure, and only pppd/ (2.4.7's rp-pppoe does not
	# compile on this toolchain).  Built without the active filter, which
	# 2.4.9 would take from libpcap-dev, and 2.4.7 without MS-CHAP and
	# MPPE, which need the libcrypt DES calls glibc dropped.
	./configure --prefix="$out/prefix" >"$out/configure.log" 2>&1
	extra=FILTER=
	case $name in 2.4.7*) extra="$extra CHAPMS= MPPE=" ;; esac
	make -C pppd -j2 $extra >"$out/make.log" 2>&1
	mkdir -p "$out/prefix/sbin" "$out/prefix/include"
	make -C pppd $extra install install-devel >>"$out/make.log" 2>&1
fi
echo "$recipe" >"$out/recipe"
