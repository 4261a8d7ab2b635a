# What can still go wrong once pppd has started: persist turned on by a
# secrets file's options, which check_options never saw, and an exit that
# skips the link's end (a fatal signal), where the kernel session must
# not outlive pppd's decision to quit.
. /payload/lib.sh
NAME=afterstart
# time limit: 480 s
# persist: up with PAP in < 40 s, the deletion noticed within 10 s, pppd
# gone within 20 s; a pppd that redials instead is still there 60 s on.
# Fatal signal: up in < 40 s, its exit notifier held 20 s.  About 60 s
# here, 4x for a slower machine, 2x margin.

NOECHO="lcp-echo-interval 0"
netns_setup
# 1. The LNS authenticates the LAC with PAP; the secret's options column
# turns persist on after the start-up checks.
set_aside /etc/ppp/pap-secrets
echo 'lac * secret * -- persist' >/etc/ppp/pap-secrets
chmod 600 /etc/ppp/pap-secrets
start_end lac plugin pppol2tp.so pppol2tp 3 silent noipdefault $NOECHO \
	user lac password secret
wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
: >"$T/lns-pppd.log"
rm -f "$T/lns.status"
# start_end's noauth would undo require-pap: this end is started by hand.
{
	in_lns l2tpsock $LNS_SOCK -- pppd plugin pppol2tp.so pppol2tp 3 \
	    pppol2tp_lns_mode require-pap $NOECHO nodetach nodefaultroute \
	    debug logfile "$T/lns-pppd.log" 198.51.100.1:198.51.100.2
	echo $? >"$T/lns.status"
} >"$T/lns-stdout.log" 2>&1 &
if wait_until 40 has_ppp_addr lns; then
	check "persist from pap-secrets: PAP passed" \
		grep -q 'PAP peer authentication succeeded' "$T/lns-pppd.log"
	in_lns $IP l2tp del tunnel tunnel_id 10
	wait_until 60 test -s "$T/lns.status"
	note "persist from pap-secrets: status '$(cat "$T/lns.status" 2>/dev/null)'"
	check "persist from pap-secrets: pppd ended at once with status 16 (hangup)" \
		test "$(cat "$T/lns.status" 2>/dev/null)" = 16
	check "persist from pap-secrets: pppd said why it does not redial" \
		grep -q "pppol2tp: 'persist' was turned on after pppd started" "$T/lns-pppd.log"
	check "persist from pap-secrets: no attempt to reconnect the closed socket" \
		sh -c "! grep -q 'session socket is closed' '$T/lns-pppd.log'"
else
	fail "persist from pap-secrets: PPP did not come up"
fi
cleanup_all

# 2. A fatal signal: pppd dies without ending the link.  Its exit
# notifiers (here hookrec's, held 20 s like a helper waiting for its
# daemon) run after the channel's cleanup, which must have closed the
# session socket, and with it the kernel session, already.
netns_setup
export HOOKREC=$T/hooks HOOKREC_EXIT_PAUSE=20
: >"$HOOKREC"
LNS_PLUGINS="plugin pppol2tp.so plugin /payload/hookrec.so"
start_pair "pppol2tp_lns_mode $NOECHO 198.51.100.1:198.51.100.2" "noipdefault $NOECHO"
if wait_until 40 has_ppp_addr lns; then
	p=$(pppd_pid lns)
	kill -QUIT "$p"
	wait_until 30 grep -q '^exit' "$HOOKREC"
	check "fatal signal: pppd still in its exit notifiers" test -d "/proc/$p"
	check "fatal signal: the kernel session gone before the exit notifiers ended" \
		no_l2tp_session lns
	wait_until 60 test -s "$T/lns.status"
	note "fatal signal: status '$(cat "$T/lns.status" 2>/dev/null)'"
	check "fatal signal: pppd exited with status 127" \
		test "$(cat "$T/lns.status" 2>/dev/null)" = 127
else
	fail "fatal signal: PPP did not come up"
fi
unset HOOKREC_EXIT_PAUSE
