# The argument lists each daemon passes (design.md section 6), run through
# real pppd.  kl2tpd sets sequencing itself before it starts pppd: the
# plugin must leave that alone when no option asks for a change.
#
# Work: one session started as kl2tpd and openl2tpd start it; 4 s on this
# kind of machine with both cores busy. Limit: 4x for the slowest machine of
# the kind and 2x margin, at least 2 minutes.
# time limit: 120 s
. /payload/lib.sh
NAME=launch

netns_setup
# kl2tpd style on the LAC: fd 3, ids, nodetach; l2tpsock -q presets
# send and receive sequencing as kl2tpd does over netlink.
: >"$T/lac-pppd.log"
in_lac l2tpsock -q $LAC_SOCK -- pppd plugin pppol2tp.so pppol2tp 3 \
	pppol2tp_tunnel_id 20 pppol2tp_session_id 21 nodetach silent noauth \
	noipdefault debug logfile "$T/lac-pppd.log" >"$T/lac-stdout.log" 2>&1 &
wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
# openl2tpd style on the LNS: every pppol2tp_* option and its usual extras.
: >"$T/lns-pppd.log"
in_lns l2tpsock $LNS_SOCK -- pppd plugin pppol2tp.so pppol2tp 3 \
	pppol2tp_send_seq pppol2tp_recv_seq pppol2tp_reorderto 100 \
	pppol2tp_lns_mode pppol2tp_tunnel_id 10 pppol2tp_session_id 11 \
	pppol2tp_debug_mask 0 pppol2tp_ifname ol2tp0 noaccomp nopcomp \
	nobsdcomp nodeflate novj nodetach noauth debug \
	logfile "$T/lns-pppd.log" 198.51.100.1:198.51.100.2 >"$T/lns-stdout.log" 2>&1 &

wait_until 40 has_ppp_addr lac && wait_until 10 has_ppp_addr lns ol2tp0 &&
	pass "kl2tpd-style LAC and openl2tpd-style LNS bring PPP up" ||
	fail "PPP did not come up"
check "ping crosses" ping_across lac 198.51.100.1
l2tpget "$(pppd_pid lac)" 3 >"$T/lac-sockopts.txt" 2>&1
echo "lac sockopts: $(cat "$T/lac-sockopts.txt")"
check "kl2tpd's preset sequencing survives pppd without seq options" \
	grep -q 'lnsmode=0 sendseq=1 recvseq=1' "$T/lac-sockopts.txt"
check "LNS interface named by pppol2tp_ifname" in_lns test -d /sys/class/net/ol2tp0
