# A session deleted before the link is up: the LNS's pppd starts `passive'
# (as xl2tpd starts it) and its peer never speaks, so LCP waits forever;
# or the peer opens LCP asking for CHAP and never sends the challenge, so
# pppd waits in authentication, where a CHAP client has no timer.  With
# echoes off and on, deleting the tunnel must end pppd as a hangup (status
# 16) within the watch's bound, with nothing left in the kernel.
. /payload/lib.sh
NAME=early
# time limit: 840 s
# Per case: pppd into LCP (< 10 s), 3 s waiting, the deletion noticed at
# the next 5-s check and pppd gone (no peer to terminate with: < 10 s):
# about 20 s here.  With LCP up and echoes on, the check rides on the
# echoes: noticed at the next one, up to 30 s later.  About 105 s for
# all four: 4x for the slowest machine of the kind, 2x margin.

netns_setup
# early_delete LABEL lcp|auth PPPD_OPTIONS...
early_delete() {
	local label=$1 phase=$2 peer
	shift 2
	# The LAC end holds its socket and says nothing, or only LCP.
	peer="sleep 600"
	[ "$phase" = lcp ] || peer="lcppeer chap"
	in_lac l2tpsock $LAC_SOCK -- sh -c "echo \$\$ >$T/lac.pid; exec $peer" \
		>"$T/lac-peer.log" 2>&1 &
	start_end lns plugin pppol2tp.so pppol2tp 3 pppol2tp_lns_mode passive "$@" \
		198.51.100.1:198.51.100.2
	wait_until 20 grep -q 'Connect:' "$T/lns-pppd.log" ||
		fail "$label: pppd did not connect the channel"
	if [ "$phase" = auth ]; then
		wait_until 30 grep -q 'rcvd \[LCP ConfAck' "$T/lns-pppd.log"
		sleep 3
		check "$label: LCP up with CHAP asked for, pppd still waiting for the challenge" \
			sh -c "grep -q 'sent \[LCP ConfAck.*<auth chap MD5>' '$T/lns-pppd.log' &&
			    ! grep -q 'CHAP Challenge\|CHAP authentication' '$T/lns-pppd.log' &&
			    test ! -s '$T/lns.status' -a -n '$(pppd_pid lns)'"
	else
		sleep 3
		check "$label: pppd still waiting in LCP before the deletion" \
			test ! -s "$T/lns.status" -a -n "$(pppd_pid lns)"
	fi
	t0=$(date +%s)
	in_lns $IP l2tp del tunnel tunnel_id 10
	wait_until 60 test -s "$T/lns.status"
	echo "note: $NAME: $label: pppd gone $(( $(date +%s) - t0 )) s after the deletion" >&2
	check "$label: pppd exited with status 16 (hangup)" \
		test "$(cat "$T/lns.status" 2>/dev/null)" = 16
	check "$label: pppd said why" grep -q \
		'pppol2tp: the kernel deleted L2TP tunnel 10 session 11; hanging up' "$T/lns-pppd.log"
	[ "$phase" = auth ] ||
		check "$label: no LCP was up" sh -c "! grep -q 'sent \[LCP EchoReq' '$T/lns-pppd.log'"
	kill "$(cat "$T/lac.pid")" 2>/dev/null
	wait_until 10 no_process l2tpsock
	check "$label: no kernel session left on the LNS" wait_until 10 no_l2tp_session lns
	check "$label: no kernel session left on the LAC" wait_until 10 no_l2tp_session lac
}
early_delete "deleted during LCP, echoes off" lcp lcp-echo-interval 0
early_delete "deleted during LCP, echoes on" lcp lcp-echo-interval 30 lcp-echo-failure 4
# A CHAP client: pppd can answer a challenge (a password), but none comes.
CHAP="user tester password secret"
early_delete "deleted during auth, echoes off" auth $CHAP lcp-echo-interval 0
early_delete "deleted during auth, echoes on" auth $CHAP lcp-echo-interval 30 lcp-echo-failure 4
