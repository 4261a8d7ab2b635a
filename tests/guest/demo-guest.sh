# The demo, run in the bookworm guest: xl2tpd LAC and LNS in two network
# namespaces, our pppol2tp.so on both ends, shown step by step.
#
# Work: one xl2tpd call up, a ping and the hang-up, about 15 s here; 4x for
# the slowest machine of the kind and a wide margin.
# time limit: 300 s
. /payload/lib.sh
NAME=demo

say() { printf '\n### %s\n' "$*"; }

say "Two hosts in network namespaces, joined by a veth pair: LNS $LNS_ADDR, LAC $LAC_ADDR"
say "Starting xl2tpd as LNS and as LAC; the LAC dials at once"
xl2tpd_pair
if ! wait_until 60 has_ppp_addr lac || ! wait_until 10 has_ppp_addr lns; then
	fail "the session did not come up"
	tail -n 30 "$T"/*-pppd.log
	exit 1
fi
say "xl2tpd started pppd with our plugin:"
for ns in lns lac; do
	p=$(pppd_pid $ns)
	echo "  $ns: $(tr '\0' ' ' </proc/$p/cmdline)"
done
say "What the plugin logged on the LNS:"
grep 'pppol2tp' "$T/lns-pppd.log" | sed 's/^/  /'
say "Negotiated addresses:"
grep -h 'IP address' "$T/lac-pppd.log" | sed 's/^/  LAC pppd: /'
grep -h 'IP address' "$T/lns-pppd.log" | sed 's/^/  LNS pppd: /'
in_lac $IP -4 addr show dev ppp0 | sed 's/^/  LAC: /'
say "Ping from the LAC to the LNS across the L2TP session:"
in_lac ping -c 3 -W 3 $LNS_PPP >"$T/ping.out" 2>&1
ok=$?
sed 's/^/  /' "$T/ping.out"
say "The kernel's view on the LNS (ip l2tp show tunnel / session):"
in_lns $IP l2tp show tunnel | sed 's/^/  /'
in_lns $IP l2tp show session | sed 's/^/  /'
say "Hanging up through xl2tpd's control file"
echo "d test" >"$T/lac.ctl"
wait_until 30 no_process pppd && echo "  both pppd exited"
wait_until 10 no_l2tp_session lns && echo "  the kernel session is gone"
if [ $ok -eq 0 ]; then pass "a real L2TP session with a ping"; else fail "ping failed"; fi
