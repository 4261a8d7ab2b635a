# xl2tpd LAC and xl2tpd LNS in two namespaces, our plugin on both ends:
# PPP up with IPCP addresses, ping across, the kernel session listed, and a
# disconnect through xl2tpd's control file that ends both pppd.
. /payload/lib.sh
NAME=xl2tpd

cat >"$T/lns.conf" <<CONF
[global]
listen-addr = $LNS_ADDR
port = 1701
access control = no
[lns default]
ip range = 198.51.100.10-198.51.100.20
local ip = $LNS_PPP
require authentication = no
pppoptfile = $T/lns.options
length bit = yes
CONF
cat >"$T/lac.conf" <<CONF
[global]
listen-addr = $LAC_ADDR
port = 1701
[lac test]
lns = $LNS_ADDR
require authentication = no
pppoptfile = $T/lac.options
autodial = yes
redial = no
length bit = yes
CONF
{ common_ppp_options; echo "logfile $T/lns-pppd.log"; } >"$T/lns.options"
{ common_ppp_options; echo "logfile $T/lac-pppd.log"; echo noipdefault; } >"$T/lac.options"

netns_setup
mkdir -p /var/run/xl2tpd
in_lns xl2tpd -D -c "$T/lns.conf" -p "$T/lns.pid" -C "$T/lns.ctl" >"$T/lns-xl2tpd.log" 2>&1 &
sleep 0.5
in_lac xl2tpd -D -c "$T/lac.conf" -p "$T/lac.pid" -C "$T/lac.ctl" >"$T/lac-xl2tpd.log" 2>&1 &

if wait_until 60 has_ppp_addr lac && wait_until 10 has_ppp_addr lns; then
	pass "PPP up, LAC got $(ppp_addr lac), LNS has $(ppp_addr lns)"
else
	fail "PPP did not come up"
fi
for p in $(pids_of pppd); do
	tr '\0' ' ' <"/proc/$p/cmdline" >>"$T/pppd-cmdlines"
	echo >>"$T/pppd-cmdlines"
done
check "xl2tpd launched pppd with our plugin on both ends" \
	test "$(grep -c 'plugin pppol2tp.so pppol2tp [0-9]' "$T/pppd-cmdlines")" = 2
check "ping crosses the session" in_lac ping -c 2 -W 3 $LNS_PPP
check "kernel lists the session on the LAC" has_l2tp_session lac
check "kernel lists the session on the LNS" has_l2tp_session lns

echo "d test" >"$T/lac.ctl"
if wait_until 30 no_process pppd; then
	pass "disconnect ended both pppd"
else
	fail "pppd still running after disconnect: $(pids_of pppd)"
fi
check "no kernel session left on the LAC" wait_until 10 no_l2tp_session lac
check "no kernel session left on the LNS" wait_until 10 no_l2tp_session lns
