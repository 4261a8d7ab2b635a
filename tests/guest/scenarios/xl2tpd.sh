# xl2tpd LAC and xl2tpd LNS in two namespaces, our plugin on both ends:
# PPP up with IPCP addresses, ping across, the kernel session listed, and a
# disconnect through xl2tpd's control file that ends both pppd.
#
# Work: one xl2tpd call up and down; 11-19 s here with both cores busy.
# Limit: 4x for the slowest machine of the kind and 2x margin on 19 s.
# time limit: 180 s
. /payload/lib.sh
NAME=xl2tpd

xl2tpd_pair
if wait_until 60 has_ppp_addr lac && wait_until 10 has_ppp_addr lns; then
	note "LAC got $(ppp_addr lac), LNS has $(ppp_addr lns)"
	pass "PPP up with IPCP addresses on both ends"
else
	fail "PPP did not come up"
fi
for p in $(pids_of pppd); do
	tr '\0' ' ' <"/proc/$p/cmdline" >>"$T/pppd-cmdlines"
	echo >>"$T/pppd-cmdlines"
done
sed 's/^/pppd command line: /' "$T/pppd-cmdlines"
check "xl2tpd launched pppd with our plugin on both ends" \
	test "$(grep -c 'plugin pppol2tp.so pppol2tp [0-9]' "$T/pppd-cmdlines")" = 2
check "xl2tpd's LNS passed LNS mode and the ids, which match the socket" \
	grep -q 'pppol2tp_lns_mode pppol2tp_tunnel_id [0-9]* pppol2tp_session_id [0-9]*' "$T/pppd-cmdlines"
check "ping crosses the session" ping_across lac $LNS_PPP
check "kernel lists the session on the LAC" has_l2tp_session lac
check "kernel lists the session on the LNS" has_l2tp_session lns

echo "d test" >"$T/lac.ctl"
if wait_until 30 no_process pppd; then
	pass "disconnect ended both pppd"
else
	note "pppd still running after disconnect: $(pids_of pppd)"
	fail "disconnect ended both pppd"
fi
check "no kernel session left on the LAC" wait_until 10 no_l2tp_session lac
check "no kernel session left on the LNS" wait_until 10 no_l2tp_session lns
