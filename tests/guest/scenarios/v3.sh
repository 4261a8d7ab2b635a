# L2TPv3 sessions with ids above 65535: over UDP/IPv4, over UDP/IPv6, and
# straight over IP (l2tp_ip, l2tp_ip6), each with ping, the kernel's view,
# the info line and the hooks' ids checked.
. /payload/lib.sh
NAME=v3
# time limit: 600 s
# Four sessions, each up in < 60 s, a ping of < 9 s and a hang-up in < 40 s
# (110 s each, as in the other scenarios), + 160 s margin for TCG.

V3_LNS="-3 -t 70010 -T 70020 -s 70011 -S 70021"
V3_LAC="-3 -t 70020 -T 70010 -s 70021 -S 70011"

netns_setup6
l2tp_session_case "L2TPv3/UDP/IPv4" 3 IPv4 UDP \
	"$V3_LNS -l $LNS_ADDR:1701 -p $LAC_ADDR:1701" \
	"$V3_LAC -l $LAC_ADDR:1701 -p $LNS_ADDR:1701"

netns_setup6
l2tp_session_case "L2TPv3/UDP/IPv6" 3 IPv6 UDP \
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
	l2tp_session_case "L2TPv3/IP/$fam" 3 $fam IP \
		"-x $V3_LNS -l $lns:0 -p $lac:0" "-x $V3_LAC -l $lac:0 -p $lns:0"
done
