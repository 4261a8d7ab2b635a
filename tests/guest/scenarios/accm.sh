# The ACCMs the LNS reports are the ones pppd negotiated and uses, once,
# and again only when a renegotiation changes them.  The LAC end is
# lcppeer, a scripted LCP peer: it sends a Configure-Ack pppd discards
# (stale id, ACCM 0x12345678), then renegotiates once with the same maps
# and once with a new one.
# time limit: 180 s
# (lcppeer's four steps each take < 30 s on a machine 4x slower than ours
# (its own limit), + 30 s for pppd to exit, + 30 s margin)
. /payload/lib.sh
NAME=accm

netns_setup
in_lac l2tpsock $LAC_SOCK -- lcppeer >"$T/lac-peer.log" 2>&1 &
wait_until 20 has_l2tp_session lac
HOOKREC=$T/lns-hooks start_end lns plugin pppol2tp.so plugin /payload/hookrec.so \
	pppol2tp 3 pppol2tp_lns_mode asyncmap 0xa0000 $LNS_PPP:198.51.100.2
wait_until 120 grep -q 'step 4' "$T/lac-peer.log" ||
	{ note "lcppeer's last line: $(tail -n 1 "$T/lac-peer.log")"
	  fail "lcppeer did not finish"; }
sed 's/^/note: accm: /' "$T/lac-peer.log"
wait_until 30 no_process pppd || fail "pppd did not exit after LCP terminated"

: >>"$T/lns-hooks"
sed 's/^/lns hook: /' "$T/lns-hooks"
printf 'accm 10 11 0x00000000 0x000a0000\naccm 10 11 0x000f0000 0x000a0000\n' >"$T/expected"
note "LNS hook calls: $(tr '\n' ';' <"$T/lns-hooks")"
check "LNS: ACCMs as negotiated (not the discarded Ack's), reported on the first LCP up and on the change only" \
	cmp "$T/expected" "$T/lns-hooks"
