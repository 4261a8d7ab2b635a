# Every PPPoL2TP address form the kernel hands the plugin (l2tp_addr.c):
# L2TPv2 over UDP/IPv6, and L2TPv3 with ids above 65535 over UDP/IPv4,
# UDP/IPv6 and straight over IP (l2tp_ip, l2tp_ip6); each with a ping,
# the kernel's view, the info line and the hooks' ids checked.
. /payload/lib.sh
NAME=addrforms
# time limit: 750 s
# Five sessions, each up in < 60 s, a ping of < 9 s and a hang-up in < 40 s
# (110 s each, as in the other scenarios), + 200 s margin for TCG.

# session_case LABEL VERSION FAMILY ENCAP "LNS l2tpsock OPTS" "LAC l2tpsock OPTS":
# one session between the namespaces through l2tpsock with the given
# options (the tunnel and session ids included), our plugin on both ends
# and hookrec.so on the LNS; checks it comes up and pings, that the
# kernel's ids match the plugin's info line ("L2TPvVERSION/FAMILY ...") and
# the ids handed to the hooks, that the kernel's tunnel has encapsulation
# ENCAP (UDP or IP), and that it hangs up cleanly.
session_case() {
	local label=$1 ver=$2 fam=$3 encap=$4 lns_sock=$5 lac_sock=$6 k info
	export HOOKREC=$T/hooks
	: >"$HOOKREC"
	start_end lac -s "$lac_sock" plugin pppol2tp.so pppol2tp 3 silent noipdefault
	wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
	start_end lns -s "$lns_sock" plugin pppol2tp.so plugin /payload/hookrec.so \
		pppol2tp 3 pppol2tp_lns_mode 198.51.100.1:198.51.100.2
	if ! wait_until 40 has_ppp_addr lns || ! wait_until 20 has_ppp_addr lac; then
		fail "$label: PPP did not come up"
		cat "$T/lns-stdout.log" "$T/lac-stdout.log" >&2
		tail -n 15 "$T/lns-pppd.log" >&2
		cleanup_all
		return 1
	fi
	check "$label: ping across the session" ping_across lns 198.51.100.2
	k=$(kernel_session lns)
	echo "note: $NAME: $label: kernel (lns): tunnel/session/peer tunnel/peer session: $k" >&2
	in_lns $IP l2tp show tunnel >"$T/tunnel"
	sed "s|^|note: $NAME: $label: |" "$T/tunnel" >&2
	check "$label: the kernel's tunnel has encap $encap" \
		grep -q "^Tunnel [0-9]*, encap $encap\$" "$T/tunnel"
	[ -n "$k" ] || { fail "$label: the kernel lists no session"; set -- x x x x; }
	set -- $k
	info="pppol2tp: L2TPv$ver/$fam tunnel $1 session $2, peer tunnel $3 session $4, LNS"
	echo "note: $NAME: $label: the info line wanted: '$info'" >&2
	check "$label: the plugin's info line matches the kernel's ids" \
		grep -qF "$info" "$T/lns-pppd.log" ||
		grep 'pppol2tp: L2TPv' "$T/lns-pppd.log" >&2
	wait_until 10 grep -q updown "$T/hooks"
	kill "$(pppd_pid lac)"
	wait_until 40 no_process pppd
	echo "note: $NAME: $label: hooks: '$(tr '\n' ';' <"$T/hooks")'" >&2
	check "$label: hooks got the kernel's ids, up then down" \
		test "$(grep updown "$T/hooks")" = "updown $1 $2 1
updown $1 $2 0"
	check "$label: hung up cleanly: no pppd left" no_process pppd
	check "$label: hung up cleanly: no kernel session on the LNS" no_l2tp_session lns
	cleanup_all
}

netns_setup6
session_case "L2TPv2/UDP/IPv6" 2 IPv6 UDP \
	"-l [$LNS_ADDR6]:1701 -p [$LAC_ADDR6]:1701 -t 10 -T 20 -s 11 -S 21" \
	"-l [$LAC_ADDR6]:1701 -p [$LNS_ADDR6]:1701 -t 20 -T 10 -s 21 -S 11"

V3_LNS="-3 -t 70010 -T 70020 -s 70011 -S 70021"
V3_LAC="-3 -t 70020 -T 70010 -s 70021 -S 70011"

netns_setup6
session_case "L2TPv3/UDP/IPv4" 3 IPv4 UDP \
	"$V3_LNS -l $LNS_ADDR:1701 -p $LAC_ADDR:1701" \
	"$V3_LAC -l $LAC_ADDR:1701 -p $LNS_ADDR:1701"

netns_setup6
session_case "L2TPv3/UDP/IPv6" 3 IPv6 UDP \
	"$V3_LNS -l [$LNS_ADDR6]:1701 -p [$LAC_ADDR6]:1701" \
	"$V3_LAC -l [$LAC_ADDR6]:1701 -p [$LNS_ADDR6]:1701"

# Over IP, first as a daemon would do it for UDP: its own L2TP/IP socket
# handed to the kernel with a PPPoL2TP tunnel socket.
netns_setup6
if in_lns l2tpsock -e ip $V3_LNS -l $LNS_ADDR:0 -p $LAC_ADDR:0 -k tunnel -- true 2>"$T/ipsock.err"; then
	echo "note: $NAME: the kernel takes an L2TP/IP socket for a PPPoL2TP tunnel" >&2
else
	echo "note: $NAME: the kernel refuses an L2TP/IP socket for a PPPoL2TP tunnel: $(cat "$T/ipsock.err")" >&2
fi
cleanup_all

# Then with the tunnel made over netlink (ip l2tp add tunnel encap ip),
# as openl2tpd or kl2tpd do, and the PPP session connected into it.
for fam in IPv4 IPv6; do
	netns_setup6
	if [ $fam = IPv4 ]; then lns=$LNS_ADDR lac=$LAC_ADDR; else lns=$LNS_ADDR6 lac=$LAC_ADDR6; fi
	in_lns $IP l2tp add tunnel tunnel_id 70010 peer_tunnel_id 70020 encap ip local $lns remote $lac
	in_lac $IP l2tp add tunnel tunnel_id 70020 peer_tunnel_id 70010 encap ip local $lac remote $lns
	case $fam in IPv6) lns="[$lns]" lac="[$lac]" ;; esac
	session_case "L2TPv3/IP/$fam" 3 $fam IP \
		"-x $V3_LNS -l $lns:0 -p $lac:0" "-x $V3_LAC -l $lac:0 -p $lns:0"
done
