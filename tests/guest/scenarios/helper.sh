# openl2tp.so, the helper that reports to openl2tpd: a listener on the
# event socket records the datagrams an LNS session sends, across a
# listener restart, for our helper after our plugin and for the two mixed
# pairings with Debian's upstream plugins (the hooks are an ABI); either
# plugin named twice; L2TPv3's 32-bit ids cut to openl2tpd's 16.
#
# Work: sessions with the event listener absent, stuck, restarting and
# busy, named twice and L2TPv3: 91 s here with one other guest running
# (214 s with a helper that crashes when named twice: its session waits
# out each wait); 130 s taken as the work. Limit: 4x for the slowest
# machine of the kind and 2x margin.
# time limit: 1040 s
. /payload/lib.sh
NAME=helper
EV=/tmp/openl2tp-event.sock

# pairing LABEL PLUGINS [restart|absent|stuck]: one LNS session with these
# plugins and the LNS ids $LNS_IDS; the events land in $T/LABEL.events,
# the LNS's pppd's exit status in $T/LABEL.status, its option dump in
# $T/LABEL.dump.  With "restart" the listener is stopped and started again
# while the session is up, as when openl2tpd restarts; "absent" runs no
# listener; "stuck" one that never reads, with a queue of one datagram.
pairing() {
	label=$1
	mode=${3:-}
	restart=
	[ "$mode" = restart ] && restart=1
	out=$T/$label.events
	: >"$out"
	rm -f $EV
	case $mode in
	absent) recv= ;;
	stuck)
		qlen=$(cat /proc/sys/net/unix/max_dgram_qlen)
		echo 0 >/proc/sys/net/unix/max_dgram_qlen
		eventrecv $EV -n &
		recv=$!
		sleep 0.3
		echo "$qlen" >/proc/sys/net/unix/max_dgram_qlen
		;;
	*) eventrecv $EV "$out" & recv=$! ;;
	esac
	netns_setup
	LNS_PLUGINS=$2
	start_pair "pppol2tp_lns_mode $LNS_IDS dump
		asyncmap 0xa0000 198.51.100.1:198.51.100.2" "noipdefault"
	wait_until 40 has_ppp_addr lns || fail "$label: PPP did not come up"
	wait_until 5 grep -q 'state=1' "$out"
	ping_across lac 198.51.100.1 >"$T/$label.ping" 2>&1 && ping_ok=1 || ping_ok=0
	if [ -n "$restart" ]; then
		kill $recv
		wait $recv 2>/dev/null
		eventrecv $EV "$out" &
		recv=$!
		sleep 0.3
	fi
	kill "$(pppd_pid lac)"
	wait_until 30 no_process pppd || fail "$label: pppd did not exit"
	wait_until 5 grep -q 'state=0' "$out"
	[ -z "$recv" ] || kill $recv
	wait_until 5 test -s "$T/lns.status"
	cp "$T/lns.status" "$T/$label.status"
	# The options pppd lists (dump), less the plugin lines, which differ:
	# a table added twice lists twice.
	grep '# (from' "$T/lns-pppd.log" | sed 's/[[:space:]]*#.*//' |
	    grep -v '^plugin ' >"$T/$label.dump"
	grep -q 'Fatal signal' "$T/lns-pppd.log" && note "$label: $(grep -m 1 'Fatal signal' "$T/lns-pppd.log")"
	sed "s/^/$label event: /" "$out"
	cleanup_all
	# What must match between pairings: the decoded fields, not the hex.
	sed 's/ hex=.*//' "$out" >"$T/$label.fields"
}

LNS_IDS="pppol2tp_tunnel_id 10 pppol2tp_session_id 11"
pairing ours "plugin pppol2tp.so plugin openl2tp.so" restart
printf '%s\n' \
	"sig=0x6b6c7831 type=2 len=28 tunnel=10 session=11 accm=0x00000000/0x000a0000" \
	"sig=0x6b6c7831 type=1 len=44 tunnel=10 session=11 state=1 unit=0 ifname=ppp0" \
	"sig=0x6b6c7831 type=1 len=44 tunnel=10 session=11 state=0 unit=0 ifname=ppp0" \
	>"$T/expected"
check "our helper after our plugin: ACCM (host order), up, and down after the listener restarted" \
	cmp "$T/expected" "$T/ours.fields"

# Named twice (openl2tpd names both, and an options file may name one
# again): pppd runs each plugin_init twice in one copy of the plugin.  A
# session as if named once: each event once, the exit status and the
# options pppd lists the same, and no fatal signal.
pairing once "plugin pppol2tp.so plugin openl2tp.so"
for twice in openl2tp pppol2tp; do
	pairing "twice_$twice" "plugin pppol2tp.so plugin openl2tp.so plugin $twice.so"
	note "$twice.so named twice: pppd exited $(cat "$T/twice_$twice.status"), named once $(cat "$T/once.status")"
	check "$twice.so named twice: each event once, as named once" \
		cmp "$T/once.fields" "$T/twice_$twice.fields"
	check "$twice.so named twice: pppd's exit status as named once, no fatal signal" \
		sh -c "test '$(cat "$T/twice_$twice.status")' = '$(cat "$T/once.status")' &&
		    ! grep -q 'Fatal signal' '$T/lns-pppd.log'"
	check "$twice.so named twice: pppd lists the options as named once" \
		cmp "$T/once.dump" "$T/twice_$twice.dump" ||
		diff "$T/once.dump" "$T/twice_$twice.dump" | sed "s/^/$twice twice: dump: /"
done
check "named once: ACCM, up and down" cmp "$T/expected" "$T/once.fields"

# L2TPv3 ids do not fit openl2tpd's 16-bit ones: cut, and said once.
saved_lns=$LNS_SOCK saved_lac=$LAC_SOCK
LNS_SOCK="-3 -l $LNS_ADDR:1701 -p $LAC_ADDR:1701 -t 70010 -T 70020 -s 70011 -S 70021"
LAC_SOCK="-3 -l $LAC_ADDR:1701 -p $LNS_ADDR:1701 -t 70020 -T 70010 -s 70021 -S 70011"
LNS_IDS=
pairing wide "plugin pppol2tp.so plugin openl2tp.so"
grep 'openl2tp:' "$T/lns-pppd.log" | sed 's/^/wide: /'
check "L2TPv3 ids 70010/70011: the events carry their low 16 bits (4474/4475)" \
	sh -c "sed 's/ tunnel=4474 session=4475 / tunnel=10 session=11 /' '$T/wide.fields' | cmp '$T/expected' -"
check "L2TPv3 ids 70010/70011: said once, naming them and openl2tpd's 16 bits" \
	test "$(grep -c "openl2tp: tunnel 70010 session 70011 do not fit the events: openl2tpd's carry 16-bit ids" "$T/lns-pppd.log")" = 1
LNS_SOCK=$saved_lns LAC_SOCK=$saved_lac
LNS_IDS="pppol2tp_tunnel_id 10 pppol2tp_session_id 11"

pairing debian_helper "plugin pppol2tp.so plugin $UPSTREAM/openl2tp.so"
check "Debian's openl2tp.so after our plugin delivers the same events" \
	cmp "$T/ours.fields" "$T/debian_helper.fields"

# Debian's plugin passes the ACCM in wire byte order and calls the up/down
# hook once per network protocol (IPCP and IPv6CP): our helper reports
# exactly those calls, so the events show both upstream faults.
pairing debian_plugin "plugin $UPSTREAM/pppol2tp.so plugin openl2tp.so"
printf '%s\n' \
	"sig=0x6b6c7831 type=2 len=28 tunnel=10 session=11 accm=0x00000000/0x00000a00" \
	"sig=0x6b6c7831 type=1 len=44 tunnel=10 session=11 state=1 unit=0 ifname=ppp0" \
	"sig=0x6b6c7831 type=1 len=44 tunnel=10 session=11 state=1 unit=0 ifname=ppp0" \
	"sig=0x6b6c7831 type=1 len=44 tunnel=10 session=11 state=0 unit=0 ifname=ppp0" \
	"sig=0x6b6c7831 type=1 len=44 tunnel=10 session=11 state=0 unit=0 ifname=ppp0" \
	>"$T/expected-upstream"
check "our openl2tp.so after Debian's pppol2tp.so reports each hook call, as upstream makes them" \
	cmp "$T/expected-upstream" "$T/debian_plugin.fields"

# The daemon is not there, or is stuck: the session must not notice, and
# the helper says so once, not once per event.
for mode in absent stuck; do
	pairing "$mode" "plugin pppol2tp.so plugin openl2tp.so" $mode
	check "daemon $mode: the session came up and ping crossed" test "$ping_ok" = 1
	lost=$(grep -c 'openl2tp: .* event lost' "$T/lns-pppd.log")
	grep 'openl2tp:' "$T/lns-pppd.log" | sed "s/^/$mode: /"
	note "daemon $mode: $lost warnings for lost events"
	check "daemon $mode: one warning for the lost events" test "$lost" = 1
done

# The daemon busy: its queue holds one datagram and it reads nothing while
# the session comes up and goes down, until the LNS's pppd is ending.
# Every event still arrives, once and in order, pppd answered LCP all the
# while (a helper that blocked would not), and nothing was called lost.
NAME=helper
out=$T/busy.events
: >"$out"
rm -f $EV "$T/gate"
qlen=$(cat /proc/sys/net/unix/max_dgram_qlen)
echo 0 >/proc/sys/net/unix/max_dgram_qlen
eventrecv $EV "$out" "$T/gate" &
sleep 0.3
echo "$qlen" >/proc/sys/net/unix/max_dgram_qlen
netns_setup
LNS_PLUGINS="plugin pppol2tp.so plugin openl2tp.so"
start_pair "pppol2tp_lns_mode pppol2tp_tunnel_id 10 pppol2tp_session_id 11
	asyncmap 0xa0000 198.51.100.1:198.51.100.2" "noipdefault"
wait_until 40 has_ppp_addr lns || fail "daemon busy: PPP did not come up"
check "daemon busy: nothing was read yet" test ! -s "$out"
kill "$(pppd_pid lac)"
wait_until 30 grep -q 'Connection terminated' "$T/lns-pppd.log"
# pppd now waits at most 3 s for room for its down event: open the gate
# at once, and read the logs after.
check "daemon busy: still nothing read as pppd ended" test ! -s "$out"
touch "$T/gate"
# The LNS's pppd, its events waiting, still ran its LCP: it answered the
# LAC's Terminate-Request.
check "daemon busy: pppd answered LCP while its events waited (the LAC's Terminate-Request)" \
	grep -q 'rcvd \[LCP TermAck' "$T/lac-pppd.log"
wait_until 30 no_process pppd || fail "daemon busy: pppd did not exit"
wait_until 5 grep -q 'state=0' "$out"
sed "s/^/busy event: /" "$out"
sed 's/ hex=.*//' "$out" >"$T/busy.fields"
check "daemon busy: ACCM, up and down arrived once each, in order, the down one as pppd ended" \
	cmp "$T/expected" "$T/busy.fields"
grep 'openl2tp:' "$T/lns-pppd.log" | sed "s/^/busy: /"
check "daemon busy: no event called lost" \
	test "$(grep -c 'openl2tp: .*lost' "$T/lns-pppd.log")" = 0
