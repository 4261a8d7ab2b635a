# The hooks, seen by a helper plugin loaded after ours (hookrec.so): the
# LNS reports the negotiated ACCMs once, in host byte order, then one up
# and one down; the LAC reports no ACCM (not LNS mode) but up and down.
#
# Work: one session up and down; 9 s on this kind of machine with both cores
# busy. Limit: 4x for the slowest machine of the kind and 2x margin, at
# least 2 minutes.
# time limit: 120 s
. /payload/lib.sh
NAME=hooks

netns_setup
LNS_PLUGINS="plugin pppol2tp.so plugin /payload/hookrec.so"
LAC_PLUGINS=$LNS_PLUGINS
export HOOKREC=$T/hooks
# Each end appends to its own file: the LAC first, then the LNS.
HOOKREC=$T/lac-hooks start_end lac $LAC_PLUGINS pppol2tp 3 silent noipdefault
wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
HOOKREC=$T/lns-hooks start_end lns $LNS_PLUGINS pppol2tp 3 pppol2tp_lns_mode \
	asyncmap 0xa0000 198.51.100.1:198.51.100.2
wait_until 40 has_ppp_addr lac && wait_until 10 has_ppp_addr lns ||
	fail "PPP did not come up"
wait_until 5 grep -q updown "$T/lns-hooks"
kill "$(pppd_pid lac)"
wait_until 30 no_process pppd || fail "pppd did not exit after SIGTERM"

sed 's/^/lns hook: /' "$T/lns-hooks"
sed 's/^/lac hook: /' "$T/lac-hooks"
printf 'accm 10 11 0x00000000 0x000a0000\nupdown 10 11 1\nupdown 10 11 0\n' >"$T/lns-expected"
printf 'updown 20 21 1\nupdown 20 21 0\n' >"$T/lac-expected"
check "LNS: one ACCM call (send 0, recv 0x000a0000 in host order), one up, one down" \
	cmp "$T/lns-expected" "$T/lns-hooks"
check "LAC: no ACCM call outside LNS mode, one up, one down" \
	cmp "$T/lac-expected" "$T/lac-hooks"
