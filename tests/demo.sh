#!/bin/sh
# make demo: boot Debian bookworm's kernel in QEMU and bring up a real L2TP
# session between two network namespaces with xl2tpd and our plugin on
# both ends.  Installs what it needs; prints what happens.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tests/deps.sh"
DEMO=1 "$top/tests/guest/run.sh" bookworm demo
sed -n '/^### /,/^--- scenarios done/p' "$top/build/bookworm/console.log" |
	grep -v -e '^--- scenarios done' -e '^\[ *[0-9.]*\] '
