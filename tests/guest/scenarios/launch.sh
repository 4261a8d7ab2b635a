# The argument list openl2tpd passes (design.md section 6), run through
# real pppd on the LNS: openl2tpd is not in Debian, so its pppd is
# started here as it would start it, every pppol2tp_* option among them.
# kl2tpd's own argument list and its preset sequencing are run with the
# real kl2tpd in kl2tpd.sh (which says why nothing of the imitation that
# stood here is left).
#
# Work: one session started as openl2tpd starts it; 4 s on this kind of
# machine with both cores busy. Limit: 4x for the slowest machine of the
# kind and 2x margin, at least 2 minutes.
# time limit: 120 s
. /payload/lib.sh
NAME=launch

netns_setup
# A plain LAC, silent until the LNS speaks: the LNS drops unnumbered
# frames (recv_seq) until the LAC's kernel follows it into numbering.
start_end lac plugin pppol2tp.so pppol2tp 3 silent noipdefault
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
	pass "openl2tpd-style LNS brings PPP up" ||
	fail "PPP did not come up"
check "ping crosses" ping_across lac 198.51.100.1
l2tpget "$(pppd_pid lns)" 3 >"$T/lns-sockopts.txt" 2>&1
echo "lns sockopts: $(cat "$T/lns-sockopts.txt")"
check "openl2tpd's options reach the LNS's socket (LNS mode, both sequencing, reorder 100 ms)" \
	grep -q 'lnsmode=1 sendseq=1 recvseq=1 reorderto=100' "$T/lns-sockopts.txt"
check "LNS interface named by pppol2tp_ifname" in_lns test -d /sys/class/net/ol2tp0
