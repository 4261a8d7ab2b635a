#!/bin/sh
# Turn a tree unpacked by fetch.sh into what QEMU boots: base.cpio (busybox,
# the libraries, pppd, xl2tpd, iproute2 and the few kernel modules the tests
# load, in load order) and the kernel image.
#   mkroot.sh SUITEDIR
#   mkroot.sh SUITEDIR LAYER fetch.sh's layer LAYER (nm, golt): LAYER.cpio,
#                            which run.sh appends for the scenarios that need it
set -eu
dir=$(cd "$1" && pwd)
src=$dir/root
img=$dir/img
here=$(cd "$(dirname "$0")" && pwd)

# copy_runnable FROM TO: what runs; no documentation, no kernel and
# none of its 3000 modules.
copy_runnable() {
	rm -rf "$2"
	mkdir -p "$2"
	(cd "$1" && find . -path ./boot -prune -o -path './lib/modules' -prune \
		-o -path './usr/lib/modules' -prune -o -path './usr/share/doc' -prune \
		-o -path './usr/share/man' -prune -o -path './usr/share/locale' -prune \
		-o -path './lib/firmware' -prune -o -path './usr/lib/firmware' -prune \
		-o -print | cpio -pdm --quiet "$2")
}
if [ -n "${2:-}" ]; then
	copy_runnable "$dir/$2/root" "$dir/$2/img"
	(cd "$dir/$2/img" && find . | cpio -o -H newc --quiet) >"$dir/$2.cpio"
	exit 0
fi
copy_runnable "$src" "$img"
# trixie's packages live under /usr only (merged /usr).
for d in bin sbin lib lib64; do
	if [ -d "$img/usr/$d" ] && [ ! -e "$img/$d" ]; then
		ln -s "usr/$d" "$img/$d"
	fi
done

# Debian's upstream plugins stay available beside ours for side-by-side runs.
for p in "$img"/usr/lib/pppd/*/; do
	mkdir -p "$p/upstream"
	mv "$p/pppol2tp.so" "$p/openl2tp.so" "$p/upstream/"
done

# Kernel modules: the test set and everything they depend on, in load order.
moddir=$(ls -d "$src"/lib/modules/* "$src"/usr/lib/modules/* 2>/dev/null | head -n 1)
mkdir -p "$img/lib/modules/load" 2>/dev/null || mkdir -p "$img/usr/lib/modules/load"
load=$(cd "$img" && cd lib/modules/load && pwd)
n=0
seen=" "
modpath() {
	find "$moddir/kernel" -name "$1.ko*" -o -name "$(echo "$1" | tr _ -).ko*" | head -n 1
}
# add NAME: copy the module, after the modules named in its depends= field.
add() {
	case $seen in *" $1 "*) return ;; esac
	seen="$seen$1 "
	f=$(modpath "$1")
	[ -n "$f" ] || { echo "mkroot.sh: module $1 not found" >&2; exit 1; }
	case $f in
	*.xz) xz -dc "$f" >"$dir/$1.ko" ;;
	*.zst) zstd -qdc "$f" >"$dir/$1.ko" ;;
	*) cp "$f" "$dir/$1.ko" ;;
	esac
	for d in $(tr '\0' '\n' <"$dir/$1.ko" | sed -n 's/^depends=//p' | tr , ' '); do
		add "$d"
	done
	n=$((n + 1))
	mv "$dir/$1.ko" "$load/$(printf %02d $n)-$1.ko"
}
for m in ppp_generic pppox pppoe l2tp_core l2tp_netlink l2tp_ppp l2tp_ip l2tp_ip6 veth; do
	add "$m"
done
# The PPP compressors are not loaded at boot: with them, pppd asks for
# deflate and BSD-Compress unless told not to, which is what the options
# scenario checks the plugin does; it loads them from here itself.
load=$(cd "$load/.." && mkdir -p extra && cd extra && pwd)
n=0
for m in ppp_deflate bsd_comp; do
	add "$m"
done

install -m 755 "$here/init" "$img/init"
ln -sf /bin/busybox "$img/bin/sh" 2>/dev/null || true
cp "$src/.kernel-package" "$img/.kernel-package"
(cd "$img" && find . | cpio -o -H newc --quiet) >"$dir/base.cpio"
# Since 7.x the image sits beside the modules (linux-binary-*), not in /boot.
cp "$(ls "$src"/boot/vmlinuz-* "$src"/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n 1)" "$dir/kernel"
