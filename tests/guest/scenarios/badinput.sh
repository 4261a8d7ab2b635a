# Every bad input through real pppd: the message names the option, the
# value and the reason, and pppd exits with its option-error status (2).
# time limit: 210 s
# (28 pppd starts, each refused or done in under 5 s on a machine 4x
# slower than ours, + 5 s for the last session check, + 65 s margin,
# room for one pppd that runs on to its 30 s stop)
. /payload/lib.sh
NAME=badinput

netns_setup

# expect_refusal DESCRIPTION MESSAGE-PATTERN [l2tpsock args --] pppd args...
# Runs pppd in the LNS namespace and checks its exit status and stderr.
expect_refusal() {
	d=$1
	pattern=$2
	shift 2
	# A pppd that takes what it should refuse would run on: stopped
	# after 30 s (6x a refusal on the slowest machine), it fails here.
	in_lns timeout 30 "$@" nodetach noauth >"$T/out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && grep -q -- "$pattern" "$T/out"; then
		pass "$d: exit 2, says: $(grep -- "$pattern" "$T/out" | head -n 1)"
	else
		note "$d: exit $rc, said: $(tr '\n' ' ' <"$T/out")"
		fail "$d: exit 2, with the message naming the fault"
	fi
}
P="plugin pppol2tp.so"
S="l2tpsock $LNS_SOCK"

expect_refusal "non-numeric fd" "pppol2tp: fd 'abc' is not a number" \
	pppd $P pppol2tp abc
expect_refusal "negative fd" "pppol2tp: fd '-1' is out of range" \
	pppd $P pppol2tp -1
expect_refusal "closed fd" "pppol2tp: fd 9 is not open" \
	pppd $P pppol2tp 9
expect_refusal "not a socket" "pppol2tp: fd 3 is a character device, not a PPPoL2TP socket" \
	l2tpsock -k file -- pppd $P pppol2tp 3
expect_refusal "UDP socket" "pppol2tp: fd 3 is a UDP/IPv4 socket, not PPPoL2TP" \
	$S -k udp -- pppd $P pppol2tp 3
expect_refusal "PPPoE socket" "pppol2tp: fd 3 is a PPPoE socket, not PPPoL2TP" \
	l2tpsock -k pppoe -- pppd $P pppol2tp 3
expect_refusal "unconnected PPPoL2TP socket" "pppol2tp: fd 3 is a PPPoL2TP socket that is not connected" \
	l2tpsock -k unconnected -- pppd $P pppol2tp 3
expect_refusal "tunnel management socket" "pppol2tp: fd 3 is the management socket of tunnel 10 (session 0), not a session socket" \
	$S -k tunnel -- pppd $P pppol2tp 3
expect_refusal "tunnel id contradicts the socket" "pppol2tp_tunnel_id 99 does not match the socket on fd 3, which carries tunnel 10" \
	$S -- pppd $P pppol2tp 3 pppol2tp_tunnel_id 99
expect_refusal "session id contradicts the socket" "pppol2tp_session_id 12 does not match the socket on fd 3, which carries session 11" \
	$S -- pppd $P pppol2tp_session_id 12 pppol2tp 3
expect_refusal "interface name with a slash" "pppol2tp_ifname 'a/b' contains '/', ':' or white space" \
	$S -- pppd $P pppol2tp 3 pppol2tp_ifname a/b
expect_refusal "interface name too long" "pppol2tp_ifname 'abcdefghijklmnop' is longer than 15 characters" \
	$S -- pppd $P pppol2tp 3 pppol2tp_ifname abcdefghijklmnop
expect_refusal "interface name .." "pppol2tp_ifname '..' cannot be . or .." \
	$S -- pppd $P pppol2tp 3 pppol2tp_ifname ..
expect_refusal "interface name template" "pppol2tp_ifname 'l2tp%d' contains '%', which the kernel would expand" \
	$S -- pppd $P pppol2tp 3 pppol2tp_ifname l2tp%d dryrun
expect_refusal "pppd's ifname as a template" "ifname 'ppp%d' contains '%', which the kernel would expand" \
	$S -- pppd $P pppol2tp 3 ifname ppp%d dryrun
expect_refusal "negative reorder timeout" "pppol2tp_reorderto '-5' is out of range" \
	$S -- pppd $P pppol2tp 3 pppol2tp_reorderto -5
expect_refusal "reorder timeout past int" "pppol2tp_reorderto '2147483648' is out of range" \
	$S -- pppd $P pppol2tp 3 pppol2tp_reorderto 2147483648
expect_refusal "persist" "pppol2tp: 'persist' (or 'demand', which implies it) cannot be used: the L2TP daemon owns the session" \
	$S -- pppd $P pppol2tp 3 persist
# pppd checks the network protocols first: demand needs addresses,
# and IPv6CP would ask for link-local ones.
expect_refusal "demand, which implies persist" "pppol2tp: 'persist' (or 'demand', which implies it) cannot be used" \
	$S -- pppd $P pppol2tp 3 demand noipv6 198.51.100.1:198.51.100.2
# nopersist undoes what demand implies; demand is still no way to run a
# daemon's session.
expect_refusal "demand with nopersist" "pppol2tp: 'persist' (or 'demand', which implies it) cannot be used" \
	$S -- pppd $P pppol2tp 3 demand nopersist noipv6 198.51.100.1:198.51.100.2
expect_refusal "two session sockets" "pppol2tp: given twice, fd 3 and fd 4: give the one session socket once" \
	$S -- pppd $P pppol2tp 3 pppol2tp 4
# The helper's socket path: none, or longer than sun_path holds (107
# bytes and its NUL), would fail only at the first event.
H="$P plugin openl2tp.so"
path107=/tmp/$(printf '%0102d' 0)
expect_refusal "empty event socket path" "openl2tp_event_socket '' is empty: give the path" \
	$S -- pppd $H openl2tp_event_socket '' pppol2tp 3
expect_refusal "event socket path of 109 bytes" "openl2tp_event_socket '/tmp/0000.*' is 109 bytes long, and a unix socket address holds at most 107" \
	$S -- pppd $H openl2tp_event_socket "${path107}00" pppol2tp 3
expect_refusal "event socket path of 108 bytes" "openl2tp_event_socket '/tmp/0000.*' is 108 bytes long" \
	$S -- pppd $H openl2tp_event_socket "${path107}0" pppol2tp 3

# A pppd that does not export an internal the plugin uses (compat.h lists
# them; here the plugin is built as such a pppd would see it) refuses the
# plugin at load, naming it: pppd's fatal error, exit 1.
for sym in hungup link_terminated; do
	in_lns $S -- pppd plugin /payload/pppol2tp-no-$sym.so pppol2tp 3 \
		nodetach noauth >"$T/out" 2>&1
	rc=$?
	said=$(grep -m 1 "a pppd internal" "$T/out")
	if [ $rc -eq 1 ] && grep -q "has no '$sym', a pppd internal the plugin uses" "$T/out"; then
		pass "pppd without '$sym': exit 1, says: $said"
	else
		note "pppd without '$sym': exit $rc, said: $(tr '\n' ' ' <"$T/out")"
		fail "pppd without '$sym': exit 1, naming the missing internal"
	fi
done
# A pppd without its own ifname (2.4.7) still runs the plugin; only
# pppol2tp_ifname, which needs it, is refused at start, naming the version.
# (What a pppd lacks is a debug message, said at load: debug must come first.)
in_lns $S -- pppd debug plugin /payload/pppol2tp-no-req_ifname.so pppol2tp 3 \
	pppol2tp_ifname l2tp9 nodetach noauth >"$T/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q "pppol2tp_ifname 'l2tp9': pppd $PPPD_VERSION cannot name the interface it creates" "$T/out" &&
    grep -q "pppol2tp: pppd $PPPD_VERSION was built without: ifname" "$T/out"; then
	pass "pppd without 'req_ifname': pppol2tp_ifname refused with exit 2, naming pppd $PPPD_VERSION"
else
	note "pppd without 'req_ifname': pppol2tp_ifname: exit $rc, said: $(tr '\n' ' ' <"$T/out")"
	fail "pppd without 'req_ifname': pppol2tp_ifname refused with exit 2, naming pppd $PPPD_VERSION"
fi

# dump and dryrun print the options, ours included, and exit cleanly.
in_lns $S -- pppd $P pppol2tp 3 pppol2tp_reorderto 100 pppol2tp_ifname dr0 \
	plugin openl2tp.so openl2tp_event_socket "$path107" \
	dryrun nodetach noauth >"$T/dryrun" 2>&1
rc=$?
grep l2tp "$T/dryrun" | sed 's/^/dryrun: /'
note "dryrun exited $rc"
check "dryrun exits 0" test $rc -eq 0
check "dryrun lists pppol2tp 3" grep -q 'pppol2tp 3' "$T/dryrun"
check "dryrun lists pppol2tp_reorderto 100" grep -q 'pppol2tp_reorderto 100' "$T/dryrun"
check "dryrun lists pppol2tp_ifname dr0" grep -q 'pppol2tp_ifname dr0' "$T/dryrun"
check "dryrun lists an event socket path of 107 bytes, whole" \
	grep -qE "openl2tp_event_socket $path107([[:space:]]|\$)" "$T/dryrun"
check "no kernel session left after the refusals" wait_until 5 no_l2tp_session lns
# The probe itself: 6.1 lists a tunnel's own socket as a pseudo "Session 0"
# with detail lines; a tunnel alone must not read as a session.
# The tunnel is held until both checks are done, and must still be
# there after the second: a tunnel already gone would read as no session
# too.
in_lns l2tpsock $LNS_SOCK -k tunnel -- sh -c "echo \$\$ >$T/holder.pid; exec sleep 600" &
tunnel_listed() { $IP netns exec lns $IP l2tp show tunnel | grep -q 'Tunnel 10'; }
check "a tunnel with no session: the kernel lists the tunnel" wait_until 20 tunnel_listed
note "a tunnel with no session: $(in_lns $IP l2tp show session | wc -l) lines from ip l2tp show session"
check "a tunnel with no session reads as no session" \
	no_l2tp_session lns
check "the tunnel was still there when its sessions were counted" tunnel_listed
kill "$(cat "$T/holder.pid")"
wait
