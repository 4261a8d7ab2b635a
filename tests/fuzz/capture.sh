#!/bin/sh
# make corpus: capture the kernel's netlink answers to the session watch in
# a guest and store each as a seed for the l2tp_watch fuzz target.
#   capture.sh [SUITE]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
suite=${1:-bookworm}
CAPTURE=1 "$top/tests/guest/run.sh" "$suite" capture
dir=$top/tests/fuzz/corpus/l2tp_watch
mkdir -p "$dir"
sed -n 's/^REPLY: \([a-z]*\) \([0-9a-f]*\).*/\1 \2/p' "$top/build/$suite/console.log" |
while read -r name hex; do
	perl -e 'print pack("H*", $ARGV[0])' "$hex" >"$dir/$suite-$name"
done
echo "corpus: $(ls "$dir" | wc -l) netlink answers in $dir"
