# check-pppd's session step: for each pppd built from upstream's trees
# (/payload/pppds/NAME: that pppd, this tree's plugins built for it or,
# as NAME+OTHER, for another build of its version, the plugin directory
# it was compiled with, what it lacks), a real session
# between two xl2tpd: up, ping, the kernel's view of sequencing and of the
# interface name where that pppd can name it, hang-up, nothing left.
# xl2tpd runs /usr/sbin/pppd and passes a bare "pppol2tp.so": that pppd
# takes the place of Debian's, the plugins go where it looks for them.
#
# Work: one xl2tpd session per build, 11-19 s each here with both cores
# busy; check-pppd.sh sets the limit from the number of builds (SCENARIO_LIMIT).
# time limit: 3000 s
. /payload/lib.sh

cp /usr/sbin/pppd /tmp/pppd.debian
for d in /payload/pppds/*/; do
	build=$(basename "$d")
	NAME="pppd $build"
	version=$(cat "$d/version")
	plugindir=$(cat "$d/plugindir")
	mkdir -p "$plugindir"
	cp "$d/pppol2tp.so" "$d/openl2tp.so" "$plugindir/"
	cp "$d/pppd" /usr/sbin/pppd
	# 2.4.7 has no pppd ifname: the plugin refuses the option there.
	ifname=
	grep -qw ifname "$d/lacks" || ifname=l2tplns0
	seq="pppol2tp_send_seq pppol2tp_recv_seq"

	xl2tpd_pair
	echo "$seq ${ifname:+pppol2tp_ifname $ifname}" >>"$T/lns.options"
	lns_if=${ifname:-ppp0}
	if wait_until 60 has_ppp_addr lac && wait_until 10 has_ppp_addr lns "$lns_if"; then
		note "LAC got $(ppp_addr lac)"
		pass "session: PPP up through xl2tpd"
	else
		fail "session: PPP did not come up"
		tail -n 15 "$T/lns-pppd.log" "$T/lac-pppd.log"
	fi
	# (2.4 writes its "started by" line to syslog alone: the binary
	# each pppd runs is what proves it.)
	ran=0
	for p in $(pids_of pppd); do
		! cmp -s "/proc/$p/exe" "$d/pppd" || ran=$((ran + 1))
	done
	check "session: xl2tpd ran this pppd ($version) on both ends" test $ran = 2
	check "session: ping crosses it" ping_across lac $LNS_PPP
	in_lns $IP -d l2tp show session >"$T/lns-session.txt" 2>&1
	check "session: the kernel sequences both directions on the LNS" \
		grep -q 'sequence numbering: send recv' "$T/lns-session.txt"
	[ -z "$ifname" ] ||
		check "session: the LNS's interface is named $ifname" has_ppp_addr lns "$ifname"
	# A pppd without IPv6CP logs each IPv6 notifier asked of it.
	check "session: no pppd complained of a notifier it lacks" sh -c \
		"! grep -q 'Could not find notifier function' '$T/lns-pppd.log' '$T/lac-pppd.log'" ||
		note "$(grep -h 'Could not find notifier function' "$T/lns-pppd.log" "$T/lac-pppd.log" |
		    sort | uniq -c | tr -s ' \n' ' ')"
	echo "d test" >"$T/lac.ctl"
	check "session: hang-up ended both pppd" wait_until 30 no_process pppd
	check "session: no kernel session left on either end" \
		sh -c '. /payload/lib.sh; no_l2tp_session lac && no_l2tp_session lns'
	if [ -f /payload/verbose ] || grep -q "^FAIL: $SUITE $NAME:" "$T/console.out" 2>/dev/null; then
		tail -n 20 "$T/lns-pppd.log" "$T/lns-xl2tpd.log"
	fi
	cleanup_all
	rm -f "$T"/*.log
	[ -z "$ifname" ] || continue
	# Where pppd cannot name its interface the option is refused at
	# start, naming the version, rather than ignored.
	netns_setup
	in_lns l2tpsock $LNS_SOCK -- pppd plugin pppol2tp.so pppol2tp 3 \
		pppol2tp_ifname l2tp9 nodetach noauth >"$T/out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && grep -q "pppol2tp_ifname 'l2tp9': pppd $version cannot name" "$T/out"; then
		pass "pppol2tp_ifname refused with exit 2, naming pppd $version"
	else
		note "pppol2tp_ifname: exit $rc, said: $(tr '\n' ' ' <"$T/out")"
		fail "pppol2tp_ifname refused with exit 2, naming pppd $version"
	fi
	cleanup_all
done
cp /tmp/pppd.debian /usr/sbin/pppd
