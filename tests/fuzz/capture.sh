#!/bin/sh
# make corpus: capture real LCP frames in the bookworm guest (pppd 2.4.9
# on both ends, several negotiations) and store each as a seed for the
# lcp_snoop fuzz target: one flag byte (1 = received) and the frame.  The
# same run stores the kernel's netlink answers to the session watch as
# seeds for the l2tp_watch target.   capture.sh [SUITE]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
suite=${1:-bookworm}
CAPTURE=1 "$top/tests/guest/run.sh" "$suite" capture
dir=$top/tests/fuzz/corpus/lcp_snoop
mkdir -p "$dir"
sed -n 's/^FRAME: \(sent\|rcvd\) \([0-9a-f]*\).*/\1 \2/p' "$top/build/$suite/console.log" |
while read -r way hex; do
	if [ "$way" = rcvd ]; then flag=01; else flag=00; fi
	name=$(printf '%s' "$flag$hex" | sha1sum | cut -c1-12)
	perl -e 'print pack("H*", $ARGV[0])' "$flag$hex" >"$dir/$way-$name"
done
echo "corpus: $(ls "$dir" | wc -l) LCP frames in $dir"
dir=$top/tests/fuzz/corpus/l2tp_watch
mkdir -p "$dir"
sed -n 's/^REPLY: \([a-z]*\) \([0-9a-f]*\).*/\1 \2/p' "$top/build/$suite/console.log" |
while read -r name hex; do
	perl -e 'print pack("H*", $ARGV[0])' "$hex" >"$dir/$suite-$name"
done
echo "corpus: $(ls "$dir" | wc -l) netlink answers in $dir"
