#!/bin/sh
# Install what building and testing need, with apt-get, when it is missing.
# Nothing else on the host changes: the guests come from packages unpacked
# under build/.
set -eu
need=
command -v qemu-system-x86_64 >/dev/null || need="$need qemu-system-x86"
[ -f /usr/include/pppd/pppd.h ] || need="$need ppp-dev"
command -v cpio >/dev/null || need="$need cpio"
command -v xz >/dev/null || need="$need xz-utils"
command -v cc >/dev/null || need="$need gcc"
command -v make >/dev/null || need="$need make"
[ -f /usr/include/linux/if_pppol2tp.h ] || need="$need linux-libc-dev"
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need="$need debian-archive-keyring"
command -v valgrind >/dev/null || need="$need valgrind"
command -v clang >/dev/null || need="$need clang"
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
	need="$need libclang-rt-dev"
command -v perl >/dev/null || need="$need perl-base"
# check-pppd builds pppd 2.5 from its release trees, and once with musl.
command -v autoreconf >/dev/null || need="$need autoconf"
command -v automake >/dev/null || need="$need automake"
command -v libtoolize >/dev/null || need="$need libtool"
command -v musl-gcc >/dev/null || need="$need musl-tools"
# tests/mirror.sh's flaky mirror.
command -v python3 >/dev/null || need="$need python3"
# tests/upstream.sh: the series drops 2.4 from compat.h with unifdef, and
# ppp's CI configuration builds pppd with systemd.
command -v unifdef >/dev/null || need="$need unifdef"
command -v pkg-config >/dev/null || need="$need pkg-config"
pkg-config --exists libsystemd 2>/dev/null || need="$need libsystemd-dev"
[ -z "$need" ] && exit 0
echo "deps: installing$need"
if [ "$(id -u)" != 0 ]; then
	echo "deps: run as root, or install:$need" >&2
	exit 1
fi
. "$(dirname "$0")/retry.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
host_install deps tests/deps.sh "$log" --no-install-recommends $need
