#!/bin/sh
# Make DIR a directory of the kernel's UAPI headers (linux/, asm/,
# asm-generic/) and nothing else, for a libc such as musl that brings none.
#   uapi.sh DIR
set -eu
mkdir -p "$1"
arch=$(gcc -print-multiarch)
for d in /usr/include/linux /usr/include/asm-generic "/usr/include/$arch/asm"; do
	[ -d "$d" ] || { echo "uapi.sh: $d not found: install linux-libc-dev" >&2; exit 1; }
	ln -sfn "$d" "$1/$(basename "$d")"
done
