#!/bin/sh
# Download a Debian suite's kernel, pppd, xl2tpd and iproute2 (and tdbtool,
# to read pppd's database) with their library closure and unpack them into
# a directory tree, without installing anything on the host.
#   fetch.sh SUITE OUTDIR     (SUITE: a line of tests/guest/suites)
#   fetch.sh SUITE OUTDIR nm  the NetworkManager layer: NetworkManager,
#                             NetworkManager-l2tp and D-Bus, less what the
#                             base root has, into OUTDIR/nm/root
#   fetch.sh SUITE OUTDIR golt  go-l2tp (kl2tpd) into OUTDIR/golt/root,
#                             from trixie where the suite has none (a
#                             layer's name is letters only: run.sh)
set -eu
suite=$1
layer=${3:-}
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../retry.sh"

line=$(awk -v s="$suite" '$1 == s { print $2, $3 }' "$here/suites")
[ -n "$line" ] || {
	echo "fetch.sh: unknown suite '$suite' (one of: $(awk '/^[a-z]/ { printf "%s ", $1 }' "$here/suites"))" >&2
	exit 2; }
apt_suites=$(echo "${line% *}" | tr , ' ')
extra=$(echo "${line#* }" | tr , ' ')
[ "$extra" != - ] || extra=

# apt-get and apt-cache with package lists of our own for the suite, so
# neither the host's sources nor the age of its lists matter.
aptdir=$out/apt
mkdir -p "$aptdir/lists/partial" "$aptdir/sources"
# The suite as an installed system has it (with its updates and security
# fixes where the suite has them): the kernel is the one Debian ships.
main= security=
for a in $apt_suites; do
	case $a in
	*-security) security="$security $a" ;;
	*) main="$main $a" ;;
	esac
done
cat >"$aptdir/sources/$suite.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites:$main
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
[ -z "$security" ] || cat >>"$aptdir/sources/$suite.sources" <<SRC

Types: deb
URIs: http://deb.debian.org/debian-security
Suites:$security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
aptopts="-o Dir::State::Lists=$aptdir/lists -o Dir::Etc::SourceList=/dev/null
	-o Dir::Etc::SourceParts=$aptdir/sources -o Dir::Cache=$aptdir/cache
	-o Debug::NoLocking=1 $apt_retries"
mkdir -p "$aptdir/cache/archives/partial"
run() {
	tool=$1
	shift
	"$tool" $aptopts "$@"
}
# Debian drops superseded kernels from the mirror: lists a day old are
# refreshed before they name packages that are gone.
if [ -z "$(find "$aptdir/lists/.updated" -mtime -1 2>/dev/null)" ]; then
	retry "$aptdir/update.log" run apt-get -qq $apt_update || {
		mirror_fail "$suite guest" "$suite" "tests/guest/fetch.sh $suite $out" "$aptdir/update.log"
		exit 1; }
	touch "$aptdir/lists/.updated"
fi

mkdir -p "$out/debs"
rm -rf "$out/root.tmp"
mkdir -p "$out/root.tmp"

kernel=$(run apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1)
[ -n "$kernel" ] || { echo "fetch.sh: no kernel package found for $suite" >&2; exit 1; }
# Since 7.x Debian splits the kernel: the image package depends on
# linux-binary-* (the kernel itself) and linux-modules-* (its modules).
kernel="$kernel $(run apt-cache depends "$kernel" | sed -n 's/^ *Depends: \(linux-\(binary\|modules\)-[0-9].*\)$/\1/p' | sort -u | tr '\n' ' ')"

# Debconf, perl and the package tools are install-time machinery the guest never runs.
skip='^(perl|perl-base|perl-modules-.*|libperl.*|debconf|cdebconf|dpkg|tar|install-info|usrmerge|usr-is-merged|init-system-helpers|lsb-base|sysvinit-utils|libpam-runtime|libdebian-installer.*|libnewt.*|libslang.*|libtextwrap.*|lib.*-perl|base-files|debianutils|readline-common|libc-bin|systemd.*|login|util-linux|mount)$'
pkgs=$(run apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances ppp xl2tpd iproute2 busybox-static tdb-tools $extra |
	grep -v '^[ <]' | sort -u | grep -Ev "$skip")

# closure PACKAGE...: the packages these need, following the first choice
# of each dependency (a virtual package's first provider), and leaving out
# the services a layer must not bring (udev, polkit, an IPsec daemon: the
# NetworkManager scenario runs without them) and what $skip names.
layer_skip='^(udev|adduser|polkitd|policykit-1|strongswan.*|libreswan)$'
closure() {
	local todo=$* seen=" " new p
	while [ -n "$todo" ]; do
		new=
		for p in $todo $(run apt-cache depends --no-recommends --no-suggests \
		    --no-conflicts --no-breaks --no-replaces --no-enhances $todo |
		    awk '/^[^ ]/ { group = 0; next }
			/^ [ |][A-Za-z]*Depends: / {
				first = !group; group = ($0 ~ /^ \|/); virt = 0
				if (first) { if ($2 ~ /^</) virt = 1; else print $2 }
				next }
			/^    / && virt { print $1; virt = 0 }' |
		    grep -Ev "$skip" | grep -Ev "$layer_skip"); do
			case $seen in *" $p "*) ;; *) seen="$seen$p "; new="$new $p" ;; esac
		done
		todo=$new
	done
	echo "$seen" | tr ' ' '\n' | sed '/^$/d' | sort
}

cd "$out/debs"
if [ "$layer" = nm ]; then
	echo "$pkgs" >"$out/base.list"
	pkgs=$(closure network-manager network-manager-l2tp dbus | comm -13 "$out/base.list" -)
	missing=
	for p in $pkgs; do
		ls "${p}"_*.deb >/dev/null 2>&1 || missing="$missing $p"
	done
	[ -z "$missing" ] || retry download.log run apt-get download $missing || {
		mirror_fail "$suite NetworkManager layer" "$suite" "tests/guest/fetch.sh $suite $out nm" download.log
		exit 1; }
	rm -rf "$out/nm"
	mkdir -p "$out/nm"
	for p in $pkgs; do
		dpkg -x "$(ls "${p}"_*.deb | head -n 1)" "$out/nm/root"
	done
	exit 0
fi
# go-l2tp needs nothing but libc 2.34, which every suite's base root has.
# bookworm never had it: its layer takes trixie's, fetched through lists
# of trixie's own (OUTDIR/apt-trixie), so the suite's lists stay its own.
if [ "$layer" = golt ]; then
	if ! run apt-cache show go-l2tp >/dev/null 2>&1; then
		aptdir=$out/apt-trixie
		mkdir -p "$aptdir/lists/partial" "$aptdir/sources" "$aptdir/cache/archives/partial"
		cat >"$aptdir/sources/trixie.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
		aptopts="-o Dir::State::Lists=$aptdir/lists -o Dir::Etc::SourceList=/dev/null
	-o Dir::Etc::SourceParts=$aptdir/sources -o Dir::Cache=$aptdir/cache
	-o Debug::NoLocking=1 $apt_retries"
		if [ -z "$(find "$aptdir/lists/.updated" -mtime -1 2>/dev/null)" ]; then
			retry "$aptdir/update.log" run apt-get -qq $apt_update || {
				mirror_fail "$suite go-l2tp layer" trixie "tests/guest/fetch.sh $suite $out golt" "$aptdir/update.log"
				exit 1; }
			touch "$aptdir/lists/.updated"
		fi
	fi
	ls go-l2tp_*.deb >/dev/null 2>&1 || retry download.log run apt-get download go-l2tp || {
		mirror_fail "$suite go-l2tp layer" "$suite" "tests/guest/fetch.sh $suite $out golt" download.log
		exit 1; }
	rm -rf "$out/golt"
	mkdir -p "$out/golt"
	dpkg -x "$(ls go-l2tp_*.deb | head -n 1)" "$out/golt/root"
	exit 0
fi
[ -z "$layer" ] || { echo "fetch.sh: unknown layer '$layer' (nm, golt)" >&2; exit 2; }
missing=
# ppp-dev, valgrind and libc6-dbg are not unpacked into the root (below),
# but are fetched with the rest.
for p in $pkgs $kernel ppp-dev valgrind libc6-dbg; do
	ls "${p}"_*.deb >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] || retry download.log run apt-get download $missing || {
	mirror_fail "$suite guest" "$suite" "tests/guest/fetch.sh $suite $out" download.log
	exit 1; }
for p in $pkgs $kernel; do
	dpkg -x "$(ls "${p}"_*.deb | head -n 1)" "$out/root.tmp"
done
echo "${kernel%% *}" >"$out/root.tmp/.kernel-package"
# The suite's pppd headers, to build the plugin for the guest's pppd.
rm -rf "$out/dev"
dpkg -x "$(ls ppp-dev_*.deb | head -n 1)" "$out/dev"
# The benchmark counts pppd's instructions with the suite's callgrind, and
# the memcheck scenario runs pppd under its memcheck; only the files they
# use go into a payload.
rm -rf "$out/valgrind"
dpkg -x "$(ls valgrind_*.deb | head -n 1)" "$out/valgrind"
# memcheck cannot start without the symbols of the dynamic loader, which
# Debian strips: the memcheck scenario's payload takes ld.so's from here.
rm -rf "$out/libc-dbg"
dpkg -x "$(ls libc6-dbg_*.deb | head -n 1)" "$out/libc-dbg"
rm -rf "$out/root"
mv "$out/root.tmp" "$out/root"
