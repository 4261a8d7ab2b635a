#!/bin/sh
# make check-pppd: for each pppd of tests/pppd/matrix, build that pppd from
# its upstream tarball (cached in build/pppd/), build both plugins for it
# with WERROR=1, check that every symbol they need resolves in that pppd
# binary or its libraries, that it loads them and the plugin names what
# that pppd lacks, and then a session through xl2tpd with each of them in
# the bookworm guest (tests/guest/pppds.sh).  A pppd built without IPv6CP
# also gets the plugins built against the headers of each build of its
# version with IPv6CP (one version's headers serve all its builds): they
# must find what it lacks at run time, and run a session there too.  One
# PASS:/FAIL: line per pppd and step.
#   PPPD_SRC_DIR  the tarballs (default: ../shared/pppd-src beside the tree)
#   PPPD_BUILDS   the names of tests/pppd/matrix to run (default: all)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"
src=${PPPD_SRC_DIR:-$top/../shared/pppd-src}
names=$(awk '/^[^#]/ { print $1 }' "$here/matrix")
if [ -n "${PPPD_BUILDS:-}" ]; then
	for n in $PPPD_BUILDS; do
		echo "$names" | grep -qx -- "$n" ||
			{ echo "FAIL: pppd: PPPD_BUILDS names '$n', which tests/pppd/matrix has not"; exit 1; }
	done
	names=$PPPD_BUILDS
fi
mkdir -p build/pppd

if [ ! -d "$src" ]; then
	msg="no pppd sources in '$src': untested: $(echo $names);"
	msg="$msg give PPPD_SRC_DIR=DIR holding $(awk '/^[^#]/ { print $2 }' "$here/matrix" | sort -u | tr '\n' ' ')"
	# CI must prove every pppd; a developer without the tarballs is told.
	# CI=false or 0 is how some runners say "not CI".
	case ${CI:-} in
	''|false|0) echo "note: pppd: $msg"; exit 0 ;;
	*) echo "FAIL: pppd: $msg"; exit 1 ;;
	esac
fi

status=0
pass() { echo "PASS: pppd $name: $*"; }
fail() { echo "FAIL: pppd $name: $*"; status=1; }

# The dynamic symbols a file defines, without version suffixes.
defined() { nm -D --defined-only "$1" 2>/dev/null | awk '{ sub(/@.*/, "", $3); print $3 }'; }

# unresolved PPPD SO...: the strong undefined symbols of the SOs that
# neither PPPD, the libraries its own loader (glibc's or musl's) finds
# for it, nor one of the SOs (the helper uses the plugin's hooks) defines.
unresolved() {
	pppd=$1
	shift
	loader=$(readelf -l "$pppd" | sed -n 's/.*program interpreter: \(.*\)]$/\1/p')
	{
		defined "$pppd"
		for so in "$@"; do defined "$so"; done
		for lib in $("$loader" --list "$pppd" | sed -n 's/.* => \(\/[^ ]*\) .*/\1/p'); do
			defined "$lib"
		done
	} | sort -u >"$dir/defined"
	for so in "$@"; do
		nm -D --undefined-only "$so" | awk '$1 == "U" { sub(/@.*/, "", $2); print $2 }'
	done | sort -u | comm -23 - "$dir/defined"
}

# stage NAME PREFIX PLUGIN_DIR LACKS: what the guest needs for a session
# with this pppd: the binary, both plugins, and the directory it loads a
# bare "plugin pppol2tp.so" from (2.4: DESTDIR/lib/pppd/VERSION, 2.5:
# libdir/pppd/VERSION, both under the prefix it was configured with).
guest=build/pppd/guest
rm -rf "$guest"
mkdir -p "$guest/builds"
stage() {
	g=$guest/builds/$1
	version=$("$2/sbin/pppd" --version 2>&1 | sed -n 's/^pppd version //p')
	plugindir=$2/lib/pppd/$version
	if ! strings "$2/sbin/pppd" | grep -qx "$plugindir"; then
		fail "session: cannot tell where this pppd looks for plugins (not $plugindir)"
		return
	fi
	mkdir -p "$g"
	cp "$2/sbin/pppd" "$3/pppol2tp.so" "$3/openl2tp.so" "$g/"
	echo "$version" >"$g/version"
	echo "$plugindir" >"$g/plugindir"
	echo "$4" >"$g/lacks"
	loader=$(readelf -l "$2/sbin/pppd" | sed -n 's/.*program interpreter: \(.*\)]$/\1/p')
	case $loader in
	*musl*) mkdir -p "$guest/root/lib" && cp -L "$loader" "$guest/root$loader" ;;
	esac
}

# loads PPPD_PREFIX PLUGIN_DIR LACKS WHAT: pppd loads both plugins of
# PLUGIN_DIR (built WHAT), which name what it lacks (their "was built
# without:" line, a debug message: debug comes before the plugins).
# Fails with 1 when pppd did not load them; 2 when they named something
# else, where a session still shows what that costs.
loads() {
	# pppd loads plugins as it reads its options, in order: --version
	# after them exits 0 once both plugin_init have run.  (Since 2.5.4
	# "Plugin ... loaded." is a debug message.)
	"$1/sbin/pppd" logfd 2 debug plugin "$top/$2/pppol2tp.so" \
	    plugin "$top/$2/openl2tp.so" --version >"$dir/load.log" 2>&1
	rc=$?
	said=$(sed -n 's/^pppol2tp: pppd .* was built without://p' "$dir/load.log")
	named=$(echo "$said" | grep -o '\(^\| \)[A-Za-z0-9]* (' | tr -d ' (' | paste -sd, -)
	[ -n "$named" ] || named=-
	sed 's/^/note: pppd '"$name"': load'"${4:+ ($4)}"': /' "$dir/load.log"
	loaded=0
	[ $rc -eq 0 ] && [ "$(grep -c '^Plugin .* loaded\.$' "$dir/load.log")" = 2 ] && loaded=1
	if [ $loaded = 1 ] && [ "$named" = "$3" ]; then
		pass "pppd loads both plugins${4:+ $4}, which find it lacks: $3"
		return 0
	fi
	echo "note: pppd $name: load${4:+ ($4)}: exit $rc, named: $named"
	fail "pppd loads both plugins${4:+ $4}, which find it lacks: $3"
	[ $loaded = 1 ] && return 2
	return 1
}

plugins_built=
for name in $names; do
	set -- $(awk -v n="$name" '$1 == n { print $2, $3, $4 }' "$here/matrix")
	cc=$2 lacks=$3
	pdir=build/pppd/$name
	dir=$pdir/plugin
	if ! "$here/build.sh" "$name" "$src" "$pdir" >"$pdir.log" 2>&1; then
		fail "pppd builds from $1 (see $pdir/*.log)"
		cat "$pdir.log"
		tail -n 20 "$pdir"/make.log "$pdir"/configure.log 2>/dev/null
		continue
	fi
	pass "pppd builds from $1"
	prefix=$top/$pdir/prefix
	extra=
	[ "$cc" != musl-gcc ] || extra="CPPFLAGS=-isystem $top/$pdir/uapi"
	rm -rf "$dir"
	mkdir -p "$dir"
	if make -s O="$dir" WERROR=1 CC="$cc" ${extra:+"$extra"} \
	    PPPD_INCLUDEDIR="$prefix/include" all >"$dir/build.log" 2>&1 &&
	    [ ! -s "$dir/build.log" ]; then
		pass "both plugins build with WERROR=1, zero warnings"
	else
		fail "both plugins build with WERROR=1, zero warnings: the build said:"
		cat "$dir/build.log"
		continue
	fi
	missing=$(unresolved "$prefix/sbin/pppd" "$dir/pppol2tp.so" "$dir/openl2tp.so")
	if [ -z "$missing" ]; then
		pass "every symbol both plugins need resolves in that pppd or its libraries"
	else
		echo "note: pppd $name: symbols that pppd does not define: $(echo $missing)"
		fail "every symbol both plugins need resolves in that pppd or its libraries"
	fi
	plugins_built="$plugins_built $name"
	loads "$prefix" "$dir" "$lacks"
	[ $? = 1 ] || stage "$name" "$prefix" "$dir" "$lacks"
done

# A pppd without IPv6CP, and the plugins built against the headers of a
# build of the same version (tarball and compiler) with it.
for name in $plugins_built; do
	set -- $(awk -v n="$name" '$1 == n { print $2, $3, $4 }' "$here/matrix")
	case ,$3, in *,IPv6CP,*) ;; *) continue ;; esac
	tarball=$1 cc=$2 lacks=$3
	prefix=$top/build/pppd/$name/prefix
	for other in $plugins_built; do
		set -- $(awk -v n="$other" '$1 == n { print $2, $3, $4 }' "$here/matrix")
		[ "$1 $2" = "$tarball $cc" ] || continue
		case ,$3, in *,IPv6CP,*) continue ;; esac
		pdir=build/pppd/$other/plugin
		dir=build/pppd/$name/with-$other
		rm -rf "$dir"
		mkdir -p "$dir"
		missing=$(unresolved "$prefix/sbin/pppd" "$pdir/pppol2tp.so" "$pdir/openl2tp.so")
		if [ -z "$missing" ]; then
			pass "every symbol the plugins built for $other need resolves in that pppd or its libraries"
		else
			echo "note: pppd $name: symbols of the plugins built for $other that pppd does not define: $(echo $missing)"
			fail "every symbol the plugins built for $other need resolves in that pppd or its libraries"
		fi
		loads "$prefix" "$pdir" "$lacks" "built for $other"
		[ $? = 1 ] || stage "$name+$other" "$prefix" "$pdir" "$lacks"
	done
done

# A session with each pppd that loaded the plugins, in the bookworm guest
# (kernel 6.1; its libraries are this machine's, which built them).
staged=$(ls "$guest/builds")
if [ -n "$staged" ]; then
	n=$(echo "$staged" | wc -w)
	# Per build at most 130 s of waits in pppds.sh (up 70, ping 9,
	# hang-up 30, the rest); a hang guard, not a target.
	PPPDS=$guest RUN_DIR=$guest/run SCENARIO_LIMIT=$((n * 180)) \
	    tests/guest/run.sh bookworm pppds >"$guest/run.log" 2>&1
	sed -n 's/^guest: /note: pppd: session guest: /p' "$guest/run/console.log"
	sed -n 's/^\(PASS\|FAIL\): bookworm pppd /\1: pppd /p; /^FAIL: bookworm \(guest\|pppds\):/p' \
	    "$guest/run.log"
	grep -q '^FAIL: ' "$guest/run.log" && status=1
	for name in $staged; do
		grep -q "^PASS: bookworm pppd $name: session: PPP up" "$guest/run.log" ||
			fail "session: the guest gave no 'PPP up' verdict (see $guest/run.log)"
	done
fi

# Headers that are not pppd's, or of a pppd older than 2.4.7, stop the
# build with what to do instead of failing somewhere in the compiler.
name=bad-headers
fake=build/pppd/fake
# refused LABEL PATTERN VERSION_LINE: a pppd/pppd.h, and patchlevel.h
# holding VERSION_LINE, must make the build stop, saying PATTERN.
refused() {
	rm -rf "$fake"
	mkdir -p "$fake/pppd"
	: >"$fake/pppd/pppd.h"
	echo "$3" >"$fake/pppd/patchlevel.h"
	if make -s O="$fake/out" PPPD_INCLUDEDIR="$fake" all >"$fake.log" 2>&1; then
		fail "$1: built a plugin anyway"
	elif grep -q -- "$2" "$fake.log"; then
		pass "$1: the build stops, saying: $(grep -m 1 -- "$2" "$fake.log")"
	else
		echo "note: pppd: $1: $(tr '\n' ' ' <"$fake.log")"
		fail "$1: the build stops, saying '$2'"
	fi
}
refused "headers with no pppd version" "but no pppd version" ""
refused "pppd 2.4.6's headers" "older than 2.4.7, the oldest pppd" '#define VERSION "2.4.6"'
exit $status
