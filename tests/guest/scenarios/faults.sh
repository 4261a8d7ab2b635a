# Sessions that die badly: the tunnel deleted under a live session, a peer
# that vanishes, signals to pppd in each phase.  After each, no pppd, no
# kernel session and no ppp interface may be left, and the LNS's hooks
# (recorded by hookrec.so) must show at most one up and exactly one down
# for every up.
#
# Work: ten sessions, each brought up and then broken; 113 s here with
# two busy loops on both cores. Limit: 4x for the slowest machine of the
# kind and 2x margin.
# time limit: 960 s
. /payload/lib.sh
NAME=faults

LNS_PLUGINS="plugin pppol2tp.so plugin /payload/hookrec.so"
LNS_OPTS="pppol2tp_lns_mode lcp-echo-interval 1 lcp-echo-failure 3 198.51.100.1:198.51.100.2"

# clean_after CASE START_SECONDS UPDOWNS: the checks every case ends with;
# UPDOWNS is the sequence of up/down values the hook must have seen.
clean_after() {
	case_name=$1
	want=$3
	if wait_until 40 no_process pppd; then
		secs=$(( $(date +%s) - $2 ))
		note "$case_name: every pppd exited $secs s after the fault"
		pass "$case_name: every pppd exited"
	else
		note "$case_name: pppd still running: $(pids_of pppd)"
		fail "$case_name: every pppd exited"
		for p in $(pids_of pppd); do
			echo "still running: $(tr '\0' ' ' </proc/$p/cmdline)" >&2
		done
		tail -n 8 "$T/lns-pppd.log" "$T/lac-pppd.log" >&2
	fi
	check "$case_name: no kernel session left on the LNS" no_l2tp_session lns
	check "$case_name: no ppp interface left on the LNS" in_lns sh -c '! ls /sys/class/net | grep -q ^ppp'
	seen=$(grep updown "$T/hooks" | cut -d' ' -f4 | tr -d '\n')
	note "$case_name: up/down hook calls '$seen', want '$want'"
	check "$case_name: the up/down hook calls wanted" test "$seen" = "$want" ||
		grep -v 'IPCP Conf' "$T/lns-pppd.log" | tail -n 25 >&2
}

# begin CASE: a fresh pair of hosts and an empty hook record.
begin() {
	cleanup_all
	netns_setup
	: >"$T/hooks"
	export HOOKREC=$T/hooks
}

up_pair() {
	start_pair "$LNS_OPTS" "noipdefault"
	wait_until 40 has_ppp_addr lns && wait_until 10 grep -q 'updown 10 11 1' "$T/hooks"
}

# 1. The daemon deletes the tunnel while PPP is up, on both hosts.  LCP
# echoes are off on both ends, so only the plugin's session watch can
# notice: it must end each pppd as a hangup (exit status 16) with its
# notice, and ip-down must run.
begin
start_pair "pppol2tp_lns_mode lcp-echo-interval 0 198.51.100.1:198.51.100.2" \
	"noipdefault lcp-echo-interval 0"
if wait_until 40 has_ppp_addr lns && wait_until 10 grep -q 'updown 10 11 1' "$T/hooks"; then
	t0=$(date +%s)
	in_lns $IP l2tp del tunnel tunnel_id 10
	in_lac $IP l2tp del tunnel tunnel_id 20
	clean_after "tunnel deleted while up" $t0 10
	for end in lns lac; do
		if [ $end = lns ]; then ids="tunnel 10 session 11"; else ids="tunnel 20 session 21"; fi
		# l2tpsock writes pppd's status after pppd is gone.
		wait_until 10 test -s "$T/$end.status"
		note "tunnel deleted while up: $end pppd's status: $(cat "$T/$end.status" 2>/dev/null)"
		check "tunnel deleted while up: $end pppd exited with status 16 (hangup)" \
			test "$(cat "$T/$end.status" 2>/dev/null)" = 16
		check "tunnel deleted while up: $end pppd said the kernel deleted $ids" \
			grep -q "pppol2tp: the kernel deleted L2TP $ids; hanging up" "$T/$end-pppd.log"
		check "tunnel deleted while up: $end ip-down ran" \
			grep -q 'Script /etc/ppp/ip-down finished' "$T/$end-pppd.log"
		check "tunnel deleted while up: no LCP echo on the $end link" \
			sh -c "grep -q 'rcvd \[LCP ConfAck' $T/$end-pppd.log && ! grep -q 'EchoReq' $T/$end-pppd.log"
	done
else
	fail "tunnel deleted: PPP did not come up"
fi

# 2a. The peer's pppd is killed outright: LCP echoes go unanswered.
begin
up_pair || fail "peer SIGKILL: PPP did not come up"
t0=$(date +%s)
kill -9 "$(pppd_pid lac)"
clean_after "peer pppd SIGKILLed" $t0 10
check "peer pppd SIGKILLed: LNS pppd saw the echo failure" grep -q 'No response to 3 echo-requests' "$T/lns-pppd.log"

# 2b. The peer's link goes down.
begin
up_pair || fail "peer link down: PPP did not come up"
t0=$(date +%s)
in_lac $IP link set veth-lac down
wait_until 30 grep -q 'No response to 3 echo-requests' "$T/lns-pppd.log"
kill "$(pppd_pid lac)" 2>/dev/null
clean_after "peer link down" $t0 10
check "peer link down: LNS pppd saw the echo failure" grep -q 'No response to 3 echo-requests' "$T/lns-pppd.log"

# 3. Signals to the LNS pppd in each phase: SIGTERM and SIGHUP end the
# session (there is no redial on a daemon's socket).
# signal_lns CASE SIG: the LNS pppd must be there to take the signal, and
# must say it took it (pppd logs both at info level).
signal_lns() {
	p=$(pppd_pid lns)
	check "$1: the LNS pppd was running when signalled" test -n "$p"
	[ -z "$p" ] || kill -$2 "$p"
}
signal_seen() {
	check "$1: the LNS pppd ended on the signal" \
		grep -q 'Terminating on signal 15\|Hangup (SIGHUP)' "$T/lns-pppd.log"
}
for sig in TERM HUP; do
	# During LCP: the LAC never answers.
	begin
	start_end lns $LNS_PLUGINS pppol2tp 3 $LNS_OPTS
	wait_until 20 grep -q 'sent \[LCP ConfReq' "$T/lns-pppd.log" ||
		fail "SIG$sig during LCP: the LNS pppd sent no LCP Configure-Request"
	t0=$(date +%s)
	signal_lns "SIG$sig during LCP" $sig
	clean_after "SIG$sig during LCP" $t0 ""
	signal_seen "SIG$sig during LCP"

	# During IPCP: the LAC insists on an address the LNS keeps refusing
	# (for far longer than the test takes: 100000 naks on either side
	# before either gives in).
	begin
	# (IPv6CP is off: it would bring the session up on its own.)
	start_pair "$LNS_OPTS ipcp-max-failure 100000 noipv6" \
	    "198.51.100.77: ipcp-max-failure 100000 noipv6"
	wait_until 40 grep -q 'IPCP ConfNak' "$T/lns-pppd.log" ||
		fail "SIG$sig during IPCP: IPCP never reached a Configure-Nak"
	t0=$(date +%s)
	signal_lns "SIG$sig during IPCP" $sig
	clean_after "SIG$sig during IPCP" $t0 ""
	signal_seen "SIG$sig during IPCP"

	# When up.
	begin
	up_pair || fail "SIG$sig when up: PPP did not come up"
	t0=$(date +%s)
	kill -$sig "$(pppd_pid lns)"
	clean_after "SIG$sig when up" $t0 10
done
