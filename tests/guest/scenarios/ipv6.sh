# L2TPv2 over UDP/IPv6: the IPv6 form of the PPPoL2TP address, end to end,
# with the kernel's view, the info line and the hooks' ids checked.
. /payload/lib.sh
NAME=ipv6
# time limit: 150 s
# One session up in < 60 s, a ping of < 9 s, hang-up in < 40 s (as in the
# other scenarios), + 40 s margin for TCG.

netns_setup6
l2tp_session_case "L2TPv2/UDP/IPv6" 2 IPv6 UDP \
	"-l [$LNS_ADDR6]:1701 -p [$LAC_ADDR6]:1701 -t 10 -T 20 -s 11 -S 21" \
	"-l [$LAC_ADDR6]:1701 -p [$LNS_ADDR6]:1701 -t 20 -T 10 -s 21 -S 11"
