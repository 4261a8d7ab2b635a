# The session watch on its own.  First with LCP echoes off on both ends,
# so only the watch can notice the LNS's session deleted under its pppd:
# pppd must hang up as on a modem hangup (exit status 16) with the notice,
# the hooks must report down, and a live session must be left alone for
# several checks first.  Then with echoes every 30 s on the LNS, where the
# watch rides on the echoes instead of a timer: pppd must sleep between
# echoes, and a deletion must end it at the second echo at the latest.
# Last, echoes on and then LCP renegotiated by the peer: the timer must
# take over again.
. /payload/lib.sh
NAME=watch
# time limit: 900 s
# Echoes off: PPP up in < 40 s (as everywhere), 15 s alive (three checks),
# the deletion noticed within 6 s and pppd gone within 40 s (its
# terminate-requests to a deaf peer take ~6 s); 25 s here with two busy
# loops on both cores.  Echoes on: up again, 15 s asleep, the deletion
# noticed within two echoes (at most 60 s of wall time, whatever the
# machine's speed) and pppd gone; about 90 s more.  Renegotiated: LCP up,
# an echo, the deletion noticed 5 s later; about 25 s.  110 s in all: 4x
# for the slowest machine of the kind, 2x margin.

# delete_tunnel WHAT STATUS_FILE SECONDS: delete the LNS's tunnel; its
# pppd must hang up (status 16) within SECONDS, say why and report down.
delete_tunnel() {
	t0=$(date +%s)
	in_lns $IP l2tp del tunnel tunnel_id 10
	wait_until "$3" test -s "$2"
	secs=$(( $(date +%s) - t0 ))
	status=$(cat "$2" 2>/dev/null)
	note "$1: pppd's status '$status' after $secs s"
	check "$1: pppd exited with status 16 (hangup)" \
		test "$status" = 16
	check "$1: pppd said why" \
		grep -q 'pppol2tp: the kernel deleted L2TP tunnel 10 session 11; hanging up' "$T/lns-pppd.log"
	# A link whose IPCP never came up reports nothing: "-".
	[ "${4:-}" != - ] || return 0
	seen=$(grep updown "$HOOKREC" | cut -d' ' -f4 | tr -d '\n')
	note "$1: up/down hook calls '$seen'"
	check "$1: up/down hook calls: up then down" test "$seen" = 10
}

LNS_PLUGINS="plugin pppol2tp.so plugin /payload/hookrec.so"
export HOOKREC=$T/hooks
: >"$HOOKREC"
netns_setup
# Debian's /etc/ppp/options turns echoes on: off here, explicitly.
NOECHO="lcp-echo-interval 0"
start_pair "pppol2tp_lns_mode $NOECHO 198.51.100.1:198.51.100.2" "noipdefault $NOECHO"
wait_until 40 has_ppp_addr lns && wait_until 10 grep -q 'updown 10 11 1' "$HOOKREC" ||
	fail "PPP did not come up"
echo "note: $NAME: up; leaving the session alone for 15 s" >&2
sleep 15
check "a live session is left alone (pppd still up after 15 s of checks)" \
	test -n "$(pppd_pid lns)" -a ! -f "$T/lns.status"

delete_tunnel "deleted session" "$T/lns.status" 40
# Each check reads the kernel's answer right after asking: it must be there.
# Any of the watch's complaints (a failed check, an unanswered or missing
# family lookup, no socket) means a check was not answered at once.
check "every check was answered at once (the watch logged no trouble)" \
	sh -c "! grep -E -q 'session check failed|no l2tp netlink family|cannot watch the session' '$T/lns-pppd.log'"
check "no LCP echo was sent by either end (only the watch could notice)" \
	sh -c "! grep -q 'sent \[LCP EchoReq' '$T/lns-pppd.log' '$T/lac-pppd.log'"
check "deleted session: ip-down ran" grep -q 'ip-down' "$T/lns-pppd.log"

# Echoes every 30 s on the LNS (its peer sends none, and answers them).
cleanup_all
netns_setup
: >"$HOOKREC"
ECHO30="lcp-echo-interval 30 lcp-echo-failure 10"
start_pair "pppol2tp_lns_mode $ECHO30 198.51.100.1:198.51.100.2" "noipdefault $NOECHO"
wait_until 40 has_ppp_addr lns && wait_until 20 grep -q 'Script /etc/ppp/ip-up finished' "$T/lns-pppd.log" ||
	fail "echoes on: PPP did not come up"
sleep 1
p=$(pppd_pid lns)
echoes0=$(grep -c 'sent \[LCP EchoReq' "$T/lns-pppd.log")
woken0=$(awk '$1 == "voluntary_ctxt_switches:" { print $2 }' /proc/$p/status)
sleep 15
woken=$(( $(awk '$1 == "voluntary_ctxt_switches:" { print $2 }' /proc/$p/status) - woken0 ))
echoes=$(( $(grep -c 'sent \[LCP EchoReq' "$T/lns-pppd.log") - echoes0 ))
# An echo wakes pppd twice (its timer, the reply); a check every 5 s
# would add three wake-ups in these 15 s.
note "echoes on: pppd woken $woken times in 15 s with $echoes echoes sent"
check "echoes on: pppd woken at most twice per echo, plus one" \
	test "$woken" -le $((2 * echoes + 1))

delete_tunnel "echoes on: deleted session" "$T/lns.status" 120

# Echoes on, then the peer renegotiates LCP: pppd stops its echoes and
# goes back to negotiating (passive, as xl2tpd starts it, it would then
# wait for good once its Configure-Requests run out).  A session deleted
# now has no echo to ride on: the watch's timer must take over again.
cleanup_all
netns_setup
in_lac l2tpsock $LAC_SOCK -- lcppeer reneg >"$T/lac-peer.log" 2>&1 &
start_end lns plugin pppol2tp.so pppol2tp 3 pppol2tp_lns_mode passive \
	lcp-echo-interval 2 lcp-echo-failure 0 198.51.100.1:198.51.100.2
if wait_until 60 grep -q 'renegotiating' "$T/lac-peer.log" &&
    wait_until 20 grep -q 'rcvd \[LCP ConfReq id=0x2' "$T/lns-pppd.log"; then
	check "renegotiated: pppd sent LCP echoes before the peer renegotiated" \
		grep -q 'sent \[LCP EchoReq' "$T/lns-pppd.log"
	# A check after 5 s of silence, pppd's hangup and exit: ~15 s here.
	delete_tunnel "renegotiated: deleted session" "$T/lns.status" 90 -
else
	fail "renegotiated: the peer did not get LCP open and renegotiate it"
fi
