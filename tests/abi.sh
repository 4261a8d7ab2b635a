#!/bin/sh
# The plugins' binary interface, read from the built objects: exactly the
# symbols helpers and pppd link against are exported, and the IPv6 and
# multilink symbols are weak so the plugins load in a pppd built without
# them.   abi.sh DIR LABEL   (a build directory holding both .so files)
#         abi.sh             (build/host, and each guest suite's plugin)
set -u
if [ $# -eq 0 ]; then
	top=$(cd "$(dirname "$0")/.." && pwd)
	status=0
	"$0" "$top/build/host" "host pppd" || status=1
	for s in $(awk '/^[a-z]/ { print $1 }' "$top/tests/guest/suites"); do
		"$0" "$top/build/$s/plugin" "$s pppd" || status=1
	done
	exit $status
fi
dir=$1
label=$2
status=0
verdict() { if [ "$1" = ok ]; then echo "PASS: abi $label: $2"; else echo "FAIL: abi $label: $2"; status=1; fi; }

exports() { nm -D --defined-only "$1" | awk '{ print $3 }' | sort | tr '\n' ' '; }
for so in pppol2tp.so openl2tp.so; do
	[ -f "$dir/$so" ] || { verdict no "$so not built in $dir (run the guest first)"; exit 1; }
done
want="plugin_init pppd_version pppol2tp_ip_updown_hook pppol2tp_send_accm_hook pppol2tp_session_id pppol2tp_tunnel_id "
got=$(exports "$dir/pppol2tp.so")
[ "$got" = "$want" ] && r=ok || r=no
verdict $r "pppol2tp.so exports exactly: $got"
got=$(exports "$dir/openl2tp.so")
[ "$got" = "plugin_init pppd_version " ] && r=ok || r=no
verdict $r "openl2tp.so exports exactly: $got"

# 2.4.9 names the IPv6 notifier lists; 2.5 has an enum and needs no symbol.
strong=$(nm -D --undefined-only "$dir/pppol2tp.so" "$dir/openl2tp.so" |
	awk '$1 == "U" && $2 ~ /^(ipv6_|multilink_join_hook)/ { print $2 }' | tr '\n' ' ')
[ -z "$strong" ] && r=ok || r=no
verdict $r "no strong reference to IPv6 or multilink symbols (${strong:-none})"
# pppd internals (compat.h lists them) are weak, so that a pppd without
# one gets the plugin's own message naming it, not a loader error.
strong=$(nm -D --undefined-only "$dir/pppol2tp.so" |
	awk '$1 == "U" && $2 ~ /^(hungup|link_terminated|req_ifname|demand|persist)$/ { print $2 }' | tr '\n' ' ')
[ -z "$strong" ] && r=ok || r=no
verdict $r "no strong reference to pppd internals (${strong:-none})"
exit $status
