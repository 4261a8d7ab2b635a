# One LNS session's whole life with pppd under valgrind's memcheck, both
# plugins loaded: LCP up, echoes, the ACCM reported to the helper's event
# socket, IPCP and IPv6CP up, then the kernel session deleted under pppd,
# which must hang up and take IPCP and IPv6CP down.  memcheck must find no
# invalid access and no definitely lost block, and no descriptor opened
# by either plugin, nor the session socket it was handed, may be open at
# exit.  Only reports wholly in pppd or libc are suppressed
# (memcheck.supp, each with why).
#
# Work: pppd under memcheck takes ~40 s to reach IPCP here with both
# cores busy, the echoes and the deletion ~20 s, the exit with its leak
# search ~15 s: 75 s, 4x for the slowest machine of the kind, 2x margin.
# time limit: 600 s
# sanitize: no
. /payload/lib.sh
NAME=memcheck
EV=/tmp/openl2tp-event.sock
VG=/payload/vg

# ASan's runtime and memcheck cannot share a process: the sanitizer run
# has its own check of the same code.
if sanitized || [ ! -x $VG/memcheck-amd64-linux ]; then
	note "not run: no memcheck in this payload, or pppd carries ASan"
	exit 0
fi
export VALGRIND_LIB=$VG
# valgrind refuses set-uid programs: a plain copy of pppd.
cp /usr/sbin/pppd /tmp/pppd-plain
chmod 755 /tmp/pppd-plain
rm -f $EV "$T"/mc.*
eventrecv $EV "$T/events" &
recv=$!
netns_setup6
# The LAC answers at once; the LNS, slowed down many times, keeps its
# restart timers long so that its own retransmissions do not pile up.
start_end lac plugin pppol2tp.so pppol2tp 3 silent noipdefault +ipv6 \
	lcp-restart 10 ipcp-restart 10 ipv6cp-restart 10
wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
# %p: pppd forks for its scripts, and each fork would write its own log.
PPPD="$VG/valgrind.bin --tool=memcheck --track-fds=yes --leak-check=full
	--show-leak-kinds=definite --errors-for-leak-kinds=definite
	--num-callers=30 --log-file=$T/mc.%p --suppressions=$VG/default.supp
	--suppressions=/payload/memcheck.supp /tmp/pppd-plain"
PPPD=$PPPD start_end lns plugin pppol2tp.so plugin openl2tp.so pppol2tp 3 \
	pppol2tp_lns_mode pppol2tp_tunnel_id 10 pppol2tp_session_id 11 \
	asyncmap 0xa0000 +ipv6 198.51.100.1:198.51.100.2 \
	lcp-echo-interval 2 lcp-echo-failure 10 \
	lcp-restart 10 ipcp-restart 10 ipv6cp-restart 10
t0=$(date +%s)
note "pppd started under memcheck"
# Up, or ended (memcheck refusing to start ends it at once).
up_or_ended() { has_ppp_addr lns || test -s "$T/lns.status"; }
wait_until 300 up_or_ended
note "IPCP up under memcheck after $(( $(date +%s) - t0 )) s"
check "LCP and IPCP up with pppd under memcheck" has_ppp_addr lns ||
	tail -n 20 "$T"/mc.* "$T/lns-pppd.log"
check "IPv6CP up" grep -q 'local  LL address' "$T/lns-pppd.log"
check "the helper reported the ACCM" wait_until 20 grep -q 'accm=0x00000000/0x000a0000' "$T/events"
check "an LCP echo answered" wait_until 30 grep -q 'rcvd \[LCP EchoRep' "$T/lns-pppd.log"
in_lns $IP l2tp del session tunnel_id 10 session_id 11
check "pppd hung up on the deleted session" wait_until 240 test -s "$T/lns.status"
note "pppd's status under memcheck: $(cat "$T/lns.status" 2>/dev/null)"
check "it said why" grep -q 'pppol2tp: the kernel deleted L2TP tunnel 10 session 11; hanging up' \
	"$T/lns-pppd.log"
check "IPCP and IPv6CP down: the helper reported the session down" \
	wait_until 10 grep -q 'state=0' "$T/events"
kill $recv 2>/dev/null

# The log of the pppd itself: the one that reached memcheck's exit
# summary (its forks exec scripts and never get there).
mc=$(grep -l 'HEAP SUMMARY' "$T"/mc.* 2>/dev/null | head -n 1)
note "memcheck's log: ${mc:-none}; $(grep -h 'ERROR SUMMARY' "$T"/mc.* 2>/dev/null | head -n 1 | sed 's/^==[0-9]*== //')"
check "memcheck ran pppd to its exit" test -n "$mc"
if [ -n "$mc" ]; then
	check "no invalid access or definitely lost block (errors after suppressions: 0)" \
		grep -q 'ERROR SUMMARY: 0 errors' "$mc" || sed 's/^/note: memcheck: /' "$mc"
	# --track-fds lists each descriptor open at exit with where it was
	# opened; ours would have a frame in one of the plugins.
	ours=$(awk '/Open .*(descriptor|socket)/ { fd = $0; next }
		fd && /(pppol2tp|openl2tp)\.so\)?$|\((pppol2tp|openl2tp|l2tp_watch|event_queue|l2tp_sock)\.c:/ {
			print fd; fd = "" }
		/^==[0-9]*== *$/ { fd = "" }' "$mc" | sort -u)
	note "descriptors open at exit: $(grep -c 'Open ' "$mc")"
	check "no descriptor opened by our plugins left open at exit" test -z "$ours" ||
		echo "$ours" | sed 's/^/note: memcheck: /'
	# The session socket came from l2tpsock as fd 3; the plugin owns it
	# from then on, and closing it is what ends the kernel session.
	kept=$(awk '/Open .* 3:/ { fd3 = 1; next }
		fd3 && /<inherited from parent>/ { print "kept" } { fd3 = 0 }' "$mc")
	check "the inherited session socket (fd 3) closed by exit" test -z "$kept"
fi
cleanup_all
