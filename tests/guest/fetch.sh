#!/bin/sh
# Download a Debian suite's kernel, pppd, xl2tpd and iproute2 with their library closure and
# unpack them into a directory tree, without installing anything on the host.
#   fetch.sh bookworm|trixie OUTDIR
set -eu
suite=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED_DIR:-$here/../../../shared}

case $suite in
bookworm) run() { "$@"; } ; extra= ;;
# pppd 2.5 refuses to start without the legacy OpenSSL provider.
trixie) run() { tool=$1; shift; "$shared/apt-trixie" "$tool" "$@"; } ; extra=openssl-provider-legacy ;;
*) echo "fetch.sh: unknown suite '$suite' (bookworm or trixie)" >&2; exit 2 ;;
esac

mkdir -p "$out/debs"
rm -rf "$out/root.tmp"
mkdir -p "$out/root.tmp"

kernel=$(run apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1)
[ -n "$kernel" ] || { echo "fetch.sh: no kernel package found for $suite" >&2; exit 1; }

# Debconf, perl and the package tools are install-time machinery the guest never runs.
skip='^(perl|perl-base|perl-modules-.*|libperl.*|debconf|cdebconf|dpkg|tar|install-info|usrmerge|usr-is-merged|init-system-helpers|lsb-base|sysvinit-utils|libpam-runtime|libdebian-installer.*|libnewt.*|libslang.*|libtextwrap.*|lib.*-perl|base-files|debianutils|readline-common|libc-bin|systemd.*|login|util-linux|mount)$'
pkgs=$(run apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances ppp xl2tpd iproute2 busybox-static $extra |
	grep -v '^[ <]' | sort -u | grep -Ev "$skip")

cd "$out/debs"
missing=
for p in $pkgs $kernel; do
	ls "${p}"_*.deb >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] || run apt-get download $missing >/dev/null 2>download.log || {
	cat download.log >&2; exit 1; }
for p in $pkgs $kernel; do
	dpkg -x "$(ls "${p}"_*.deb | head -n 1)" "$out/root.tmp"
done
echo "$kernel" >"$out/root.tmp/.kernel-package"
# The suite's pppd headers, to build the plugin for the guest's pppd.
ls ppp-dev_*.deb >/dev/null 2>&1 || run apt-get download ppp-dev >/dev/null 2>>download.log
rm -rf "$out/dev"
dpkg -x "$(ls ppp-dev_*.deb | head -n 1)" "$out/dev"
rm -rf "$out/root"
mv "$out/root.tmp" "$out/root"
