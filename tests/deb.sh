#!/bin/sh
# The Debian package, built and proven in real Debian roots.
#   deb.sh build SUITE   build the .deb as a buildd would: in a clean chroot
#                        of SUITE holding only the Build-Depends, offline
#   deb.sh check SUITE   build it, then the round trip in a minimal root of
#                        SUITE with ppp: install, diversions, pppd loads our
#                        plugin, ppp reinstalled, remove, purge; and lintian
# Roots are made once by mmdebstrap and kept as tarballs in
# build/deb/SUITE/ (remade when debian/control or a root's recipe below
# changes); every build and every round trip unpacks a fresh copy.
# Prints PASS:/FAIL: lines.
set -eu
mode=$1
suite=$2
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/build/deb/$suite
mirror=${DEB_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$dir"
# Two runs in one directory would delete each other's roots and packages.
exec 8>"$dir/.lock"
if ! flock -n 8; then
	echo "FAIL: deb $suite: another deb.sh is working in $dir; wait for it"
	exit 1
fi

start=$(date +%s)
note() { echo "note: deb $suite: [$(($(date +%s) - start)) s] $*"; }
pass() { echo "PASS: deb $suite: $*"; }
fail() { echo "FAIL: deb $suite: $*"; failed=1; }
failed=0
. "$top/tests/retry.sh"

need=
command -v mmdebstrap >/dev/null || need="$need mmdebstrap"
command -v unshare >/dev/null || need="$need util-linux"
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need="$need debian-archive-keyring"
if [ -n "$need" ]; then
	echo "deb: installing$need"
	host_install "deb $suite" "tests/deb.sh $mode $suite" "$dir/apt.log" \
	    --no-install-recommends $need || exit 1
fi

# A root must not keep mounts behind, nor reach the network while building,
# nor see our environment (CFLAGS, MAKEFLAGS, DEB_*): each command runs in
# its own mount (and, to build, network) namespace with a clean
# environment, as root or, with AS=nobody, as a buildd and lintian would.
in_root() {
	root=$1
	shift
	user=
	[ "${AS:-}" != nobody ] || user=--userspec=65534:65534
	unshare --mount --fork $UNSHARE_NET sh -c 'r=$0 u=$1; shift;
		mount -t proc proc "$r/proc" && exec chroot $u "$r" env -i HOME=/tmp \
		    PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 "$@"' \
		"$root" "$user" "$@"
}

# mkroot NAME RECIPE MMDEBSTRAP-ARGS...: build/deb/SUITE/NAME.tar, remade
# when the recipe (with debian/control) changed.  A root that cannot be
# made is its one FAIL line.
mkroot() {
	name=$1
	recipe="$2 $(cat "$top/debian/control" | cksum)"
	shift 2
	if [ -f "$dir/$name.tar" ] && [ "$(cat "$dir/$name.stamp" 2>/dev/null)" = "$recipe" ]; then
		return 0
	fi
	note "making the $name root with mmdebstrap"
	rm -f "$dir/$name.tar" "$dir/$name.stamp"
	# apt's retries as tests/retry.sh has them; they reach the apt of the
	# root's hooks too (mmdebstrap writes its --aptopt into the root).
	# --verbose passes apt's own lines through (which file failed, what
	# the mirror answered): retry keeps every failed run's in the log.
	retry "$dir/$name.log" mmdebstrap --verbose --aptopt='Acquire::Check-Valid-Until "false"' \
		--aptopt='Acquire::Check-Date "false"' --aptopt='Acquire::Retries "5"' \
		--aptopt='Acquire::Retries::Delay "false"' \
		"$@" "$suite" "$dir/$name.tar" "$mirror" || {
		mirror_fail "deb $suite: mmdebstrap could not make the $name root" "$suite" \
		    "tests/deb.sh $mode $suite" "$dir/$name.log"
		failed=1
		return 1
	}
	echo "$recipe" >"$dir/$name.stamp"
}

unpack() {
	rm -rf "$2"
	mkdir -p "$2"
	tar -C "$2" -xf "$dir/$1.tar"
}

# The source as git sees it (tracked and new files, nothing ignored), so a
# dirty build/ never reaches the package.
copy_source() {
	mkdir -p "$1"
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$top" && git ls-files -z --cached --others --exclude-standard |
			xargs -0 tar -cf - --no-recursion) | tar -C "$1" -xf -
	else
		(cd "$top" && tar -cf - --exclude=./build --exclude=./.git .) | tar -C "$1" -xf -
	fi
}

build() {
	# buildd variant (essential + build-essential) plus the Build-Depends
	# that apt reads from debian/control, nothing else.
	mkroot buildd "buildd-1" --variant=buildd \
		--customize-hook='mkdir -p "$1/tmp/src"' \
		--customize-hook="copy-in $top/debian /tmp/src" \
		--customize-hook='chroot "$1" apt-get build-dep -y -q /tmp/src' \
		--customize-hook='rm -rf "$1/tmp/src"' || return 1
	root=$dir/buildroot
	unpack buildd "$root" && copy_source "$root/build/pppol2tp" ||
		{ fail "could not unpack the buildd root and the source"; return 1; }
	chown -R 65534:65534 "$root/build"
	note "building in a clean $suite chroot"
	rm -f "$dir"/*.deb
	if AS=nobody UNSHARE_NET=--net in_root "$root" sh -c \
	    'cd /build/pppol2tp && dpkg-buildpackage -b -us -uc' >"$dir/build.log" 2>&1; then
		if cp "$root"/build/*.deb "$root"/build/*.buildinfo "$dir/" &&
		    deb=$(ls "$dir"/pppol2tp_*.deb); then
			note "built $deb"
			pass "built $(basename "$deb") in a clean chroot, offline, as nobody"
		else
			fail "dpkg-buildpackage left no pppol2tp_*.deb in $root/build"
		fi
	else
		tail -n 40 "$dir/build.log"
		fail "dpkg-buildpackage failed (see $dir/build.log)"
	fi
	rm -rf "$root"
	return $failed
}

# The two files of ppp's that the package diverts, by their path in ppp.
ppp_plugins() {
	grep -E '/pppd/[^/]+/(pppol2tp|openl2tp)\.so$' "$root/var/lib/dpkg/info/ppp.list"
}

# Every path in the root but the ones dpkg and apt rewrite as they work.
snapshot() {
	(cd "$root" && find . -xdev ! -path './proc/*' ! -path './var/lib/dpkg/*' \
		! -path './var/log/*' ! -path './var/cache/*' ! -path './tmp/*' | sort)
}

roundtrip() {
	mkroot test "test-1" --variant=minbase --include=ppp,lintian \
		--customize-hook='chroot "$1" sh -c "cd /var/tmp && apt-get download -q ppp"' || return 1
	root=$dir/testroot
	unpack test "$root" || { fail "could not unpack the test root"; return 1; }
	UNSHARE_NET=
	deb=$(ls "$dir"/pppol2tp_*.deb)
	cp "$deb" "$root/tmp/"
	debname=/tmp/$(basename "$deb")
	plugins=$(ppp_plugins)
	[ "$(echo "$plugins" | wc -w)" = 2 ] ||
		{ fail "ppp ships not both pppol2tp.so and openl2tp.so here: '$plugins'"; return 1; }
	pppver=$(basename "$(dirname "$(echo "$plugins" | head -n 1)")")
	# pppd refuses a plugin of another version: the package must hold
	# back any ppp but the one it was built for.
	depends=$(dpkg-deb -f "$deb" Depends)
	if echo "$depends" | grep -q "ppp (>= $pppver-" &&
	    echo "$depends" | grep -q "ppp (<< $pppver-"; then
		pass "Depends: $depends"
	else
		fail "Depends does not pin ppp $pppver: '$depends'"
	fi
	# Listed once into a file: grep -q on dpkg-deb's pipe ends it early,
	# and its tar then logs a "Broken pipe" error that is no error.
	dpkg-deb -c "$deb" >"$dir/contents.list"
	for f in usr/lib/pppd/$pppver/pppol2tp.so usr/lib/pppd/$pppver/openl2tp.so \
	    usr/share/man/man8/pppol2tp.8.gz usr/share/doc/pppol2tp/README.pppol2tp.gz \
	    usr/share/doc/pppol2tp/copyright; do
		if grep -q " \./$f\$" "$dir/contents.list"; then
			pass "the .deb ships /$f"
		else
			fail "the .deb lacks /$f"
		fi
	done
	note "round trip in a fresh $suite root"
	snapshot >"$dir/before.list"
	# Ours, as shipped in the .deb.
	rm -rf "$dir/ours"
	dpkg-deb -x "$deb" "$dir/ours"

	if in_root "$root" dpkg -i "$debname" >"$dir/install.log" 2>&1; then
		pass "dpkg -i $(basename "$deb") on ppp $(in_root "$root" dpkg-query -W -f '${Version}' ppp)"
	else
		cat "$dir/install.log"
		fail "dpkg -i $(basename "$deb")"
		return 1
	fi

	in_root "$root" dpkg-divert --list | sort >"$dir/divert.list"
	cat "$dir/divert.list"
	for f in $plugins; do
		if grep -qx "diversion of $f to $f.distrib by pppol2tp" "$dir/divert.list" &&
		    [ -f "$root$f.distrib" ]; then
			pass "ppp's $f diverted to $f.distrib"
		else
			fail "no diversion of ppp's $f to $f.distrib by pppol2tp"
		fi
	done
	ours_in_place "after dpkg -i"

	# pppd loads a plugin only if its pppd_version is pppd's own; the
	# bad value then reaches our option parser, whose message only we print.
	in_root "$root" pppd --version >"$dir/pppd.log" 2>&1 || true
	in_root "$root" pppd plugin pppol2tp.so pppol2tp_reorderto soon >>"$dir/pppd.log" 2>&1 || true
	cat "$dir/pppd.log"
	if grep -q "is for pppd version" "$dir/pppd.log"; then
		note "$(grep 'is for pppd version' "$dir/pppd.log")"
		fail "pppd $pppver refused our plugin"
	elif grep -q "pppol2tp_reorderto 'soon' .*give milliseconds" "$dir/pppd.log"; then
		pass "pppd $pppver loaded our plugin (so its pppd_version is $pppver) and it refused 'pppol2tp_reorderto soon'"
	else
		fail "pppd $pppver did not print our refusal of 'pppol2tp_reorderto soon'"
	fi

	if in_root "$root" sh -c 'dpkg -i /var/tmp/ppp_*.deb' >"$dir/reinstall.log" 2>&1; then
		ours_in_place "after ppp was reinstalled"
	else
		cat "$dir/reinstall.log"
		fail "reinstalling ppp"
	fi

	if in_root "$root" dpkg -r pppol2tp >"$dir/remove.log" 2>&1; then
		if ! left=$(in_root "$root" dpkg-divert --list '*pppd*'); then
			fail "dpkg -r: dpkg-divert --list failed"
		elif [ -z "$left" ]; then
			pass "dpkg -r: no diversion left"
		else
			note "dpkg -r left: $(echo "$left" | tr "\n" ";")"
			fail "dpkg -r: no diversion left"
		fi
		# ppp's own checksums of its files, as dpkg recorded them.
		if in_root "$root" sh -c 'cd / && grep -E "/(pppol2tp|openl2tp)\.so$" /var/lib/dpkg/info/ppp.md5sums | md5sum -c'; then
			pass "dpkg -r: ppp's pppol2tp.so and openl2tp.so are back"
		else
			fail "dpkg -r: ppp's pppol2tp.so and openl2tp.so are not ppp's"
		fi
	else
		cat "$dir/remove.log"
		fail "dpkg -r pppol2tp"
	fi

	in_root "$root" dpkg -P pppol2tp >"$dir/purge.log" 2>&1 || fail "dpkg -P pppol2tp"
	snapshot >"$dir/after.list"
	if in_root "$root" dpkg-query -W pppol2tp >/dev/null 2>&1; then
		fail "dpkg -P: dpkg still knows pppol2tp"
	elif ! cmp -s "$dir/before.list" "$dir/after.list"; then
		diff "$dir/before.list" "$dir/after.list" || true
		fail "dpkg -P: the root differs from before dpkg -i"
	else
		pass "dpkg -P: nothing left, the root's files are as before dpkg -i"
	fi

	# lintian of this suite.
	cp "$deb" "$root/tmp/"
	note "lintian $(in_root "$root" dpkg-query -W -f '${Version}' lintian)"
	chmod 644 "$root$debname"
	if AS=nobody in_root "$root" lintian --fail-on error,warning --display-info --show-overrides \
	    "$debname" >"$dir/lintian.log" 2>&1; then
		cat "$dir/lintian.log"
		pass "lintian: no errors, no warnings"
	else
		cat "$dir/lintian.log"
		fail "lintian found errors or warnings"
	fi
	rm -rf "$root"
}

# ours_in_place WHEN: the diverted paths hold the files of our .deb.
ours_in_place() {
	for f in $plugins; do
		if cmp -s "$dir/ours$f" "$root$f"; then
			pass "$1: $f is ours"
		else
			fail "$1: $f is not the one in our .deb"
		fi
	done
}

UNSHARE_NET=
case $mode in
build) build || failed=1 ;;
check) if build; then roundtrip || failed=1; fi ;;
*) echo "usage: deb.sh build|check SUITE" >&2; exit 2 ;;
esac
note "done"
exit $failed
