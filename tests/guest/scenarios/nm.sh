# NetworkManager-l2tp, the desktop's L2TP client, as users run it: D-Bus
# and NetworkManager up, a VPN connection added and brought up with nmcli.
# nm-l2tp-service then starts an L2TP daemon of its own, kl2tpd where the
# system has go-l2tp (trixie's and unstable's layers), else xl2tpd; that
# daemon starts pppd with our pppol2tp.so beside NetworkManager's
# nm-l2tp-pppd-plugin.so.  The session runs once with each daemon the
# layer has (kl2tpd moved away for xl2tpd's run), and the verdicts say
# which daemon NetworkManager started and name it.  The LNS is an xl2tpd
# in the namespace lns that requires CHAP.  Then, with the daemon
# NetworkManager-l2tp prefers, the paths a user meets: a wrong password,
# and the LNS dying under a running session.  Last, the same connection
# once with Debian's own plugin, as a note.
#
# Work: NetworkManager's start (about 8 s here), five activations of 3-5 s,
# four pppd hang-ups of up to 10 s each, one LCP echo timeout (6 s), 70-110
# s here with both cores busy.  Limit: 4x for the slowest machine of the
# kind and 2x margin on 110 s.
# layer: nm
# time limit: 880 s
. /payload/lib.sh
NAME=nm

USER_NAME=alice
PASSWORD=wonderland
# The echo settings NetworkManager-l2tp hands pppd: the LNS's death must
# be seen within ECHO_INTERVAL * ECHO_FAILURE seconds, plus pppd's own
# hang-up (terminate requests to a peer that is gone: about 6 s) and
# NetworkManager's bookkeeping.
ECHO_INTERVAL=2
ECHO_FAILURE=3
DOWN_BOUND=$((ECHO_INTERVAL * ECHO_FAILURE + 30))

nm_start() {
	mkdir -p /etc/NetworkManager/system-connections /var/lib/NetworkManager \
	    /run/dbus /etc/ppp
	# D-Bus drops to its own user; NetworkManager reads a machine id.
	grep -q '^messagebus:' /etc/passwd 2>/dev/null || {
		echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
		echo 'messagebus:x:100:101::/nonexistent:/bin/false' >>/etc/passwd
		printf 'root:x:0:\nmessagebus:x:101:\n' >>/etc/group
	}
	echo 5c1d0e9b8a7f46e3a2b1c0d9e8f7a6b5 >/etc/machine-id
	# nmcli runs as root, which NetworkManager trusts without polkit;
	# veth-lac gets no automatic profile; resolv.conf is not ours to touch.
	cat >/etc/NetworkManager/NetworkManager.conf <<CONF
[main]
auth-polkit=false
no-auto-default=*
dns=none
CONF
	# pppd logs to syslog, as on a desktop: that file is the log a user
	# reads, with NetworkManager's and pppd's lines in it.
	syslogd -n -O "$T/syslog.log" &
	dbus-daemon --system --nofork --nopidfile >"$T/dbus.log" 2>&1 &
	wait_until 20 test -S /run/dbus/system_bus_socket || return 1
	# Without udev NetworkManager waits for devices udev never announces,
	# unless /sys is read-only, as in a container: it then reads the
	# kernel alone.  The read-only /sys is NetworkManager's own, in a
	# mount namespace of its own, and the children it starts share it.
	unshare -m sh -c 'mount -o remount,bind,ro /sys &&
	    exec NetworkManager --no-daemon --log-level=INFO' >"$T/nm.log" 2>&1 &
	wait_until 120 nmcli general status
}

# The client's side is the guest's root namespace, which NetworkManager
# manages; the LNS is in the namespace lns, behind veth-lac.
lns_start() {
	$IP netns add lns
	$IP link add veth-lns type veth peer name veth-lac
	$IP link set veth-lns netns lns
	in_lns $IP addr add $LNS_ADDR/24 dev veth-lns
	in_lns $IP link set lo up
	in_lns $IP link set veth-lns up
	xl2tpd_lns_conf "require chap = yes
refuse pap = yes
require authentication = yes
name = lns"
	{ echo debug; echo nodefaultroute; echo "logfile $T/lns-pppd.log"; } >"$T/lns.options"
	set_aside /etc/ppp/chap-secrets
	echo "\"$USER_NAME\" * \"$PASSWORD\" *" >/etc/ppp/chap-secrets
	chmod 600 /etc/ppp/chap-secrets
	xl2tpd_lns
}

# Whether the VPN is among the active connections (nmcli must answer).
vpn_gone() {
	local active
	active=$(nmcli -g NAME connection show --active) &&
	    ! echo "$active" | grep -qx l2tp
}
# The client is in the guest's own namespace ("-" to lib.sh).
no_l2tp_tunnel() { local t; t=$($IP l2tp show tunnel) && [ -z "$t" ]; }
no_client_pppd() { [ -z "$(pppd_pid -)" ]; }
client_clean() { no_client_pppd && no_l2tp_session - && no_l2tp_tunnel; }
millis() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# vpn_up: nmcli connection up, its status, and how long it took in ms
# ($up_ms).
vpn_up() {
	local t0 rc
	t0=$(millis)
	nmcli connection up l2tp >"$T/up.out" 2>&1
	rc=$?
	up_ms=$(( $(millis) - t0 ))
	return $rc
}

# pppd_lines PID: what that pppd logged, with the numbers that differ
# from run to run (ids, addresses, magic numbers) made alike.
pppd_lines() {
	sed -n "s/^.* pppd\[$1\]: //p" "$T/syslog.log" |
	    sed -E 's/0x[0-9a-f]+/0xN/g; s/fe80::[0-9a-f:]+/fe80::N/g
		s/(^|[^A-Za-z0-9])[0-9][0-9.]*/\1N/g' | sort -u
}

if ! nm_start; then
	fail "D-Bus and NetworkManager started"
	cat "$T/nm.log" "$T/dbus.log"
	return 0 2>/dev/null || exit 0
fi
pass "D-Bus and NetworkManager started"
lns_start
# The connection the VPN leans on: NetworkManager routes to the gateway
# through it, and refuses a VPN with no such connection up.
nmcli connection add type ethernet ifname veth-lac con-name base \
    ipv4.method manual ipv4.addresses $LAC_ADDR/24 ipv4.gateway $LNS_ADDR \
    ipv6.method disabled >"$T/base.out" 2>&1
check "NetworkManager brought up the wired connection to the LNS" \
    nmcli connection up base
nmcli connection add type vpn vpn-type l2tp con-name l2tp \
    vpn.data "gateway=$LNS_ADDR, user=$USER_NAME, password-flags=0, lcp-echo-failure=$ECHO_FAILURE, lcp-echo-interval=$ECHO_INTERVAL" \
    vpn.secrets "password=$PASSWORD" >"$T/add.out" 2>&1
check "nmcli added the L2TP VPN connection" grep -q 'successfully added' "$T/add.out"

# session DAEMON: one activation, with NetworkManager-l2tp starting the L2TP
# daemon DAEMON (kl2tpd or xl2tpd), up to its end.  Every verdict names
# the daemon.
session() {
	local d=$1 parent started
	if vpn_up; then
		note "$d: activated in $up_ms ms with this plugin"
		pass "$d: nmcli connection up: the VPN activated"
	else
		fail "$d: nmcli connection up: the VPN activated"
		cat "$T/up.out"
	fi
	eval "ms_$d=\$up_ms"
	pppd=$(pppd_pid -)
	parent=$(awk '$1 == "PPid:" { print $2 }' "/proc/$pppd/status" 2>/dev/null)
	started=$(cat "/proc/$parent/comm" 2>/dev/null)
	note "$d: pppd's parent is '$started' (pid $parent)"
	check "$d: NetworkManager-l2tp started $d (pppd's parent process)" \
	    test "$started" = "$d"
	# NetworkManager-l2tp's own line, in NetworkManager's log.
	check "$d: NetworkManager-l2tp logged that it started $d" \
	    grep -q "$d started with pid $parent" "$T/nm.log" "$T/syslog.log"
	tr '\0' ' ' <"/proc/$pppd/cmdline" >"$T/argv" 2>/dev/null
	note "$d: client pppd argv: $(cat "$T/argv")"
	options=$(sed -n 's/.* file \(\/run\/nm-l2tp-[^ ]*\/ppp-options\).*/\1/p' "$T/argv")
	note "$d: its options file $options: $(tr '\n' ';' <"$options" 2>/dev/null)"
	case $d in
	kl2tpd) check "kl2tpd: pppd loaded our pppol2tp.so (kl2tpd's argv: fd 3, the ids, nodetach)" \
	    grep -q '^/usr/sbin/pppd plugin pppol2tp.so pppol2tp 3 pppol2tp_tunnel_id [0-9][0-9]* pppol2tp_session_id [0-9][0-9]* nodetach ' "$T/argv" ;;
	xl2tpd) check "xl2tpd: pppd loaded our pppol2tp.so (xl2tpd's argv: its fd, passive, nodetach)" \
	    grep -q 'plugin pppol2tp.so pppol2tp [0-9][0-9]* passive nodetach ' "$T/argv" ;;
	esac
	check "$d: pppd loaded NetworkManager's plugin (its options file)" \
	    grep -q '^plugin .*nm-l2tp-pppd-plugin.so' "$options"
	check "$d: pppd loaded both plugins (its log)" sh -c "
		grep -q 'pppd\[$pppd\]: Plugin pppol2tp.so loaded' '$T/syslog.log' &&
		grep -q 'pppd\[$pppd\]: Plugin .*nm-l2tp-pppd-plugin.so loaded' '$T/syslog.log'"
	addr=$(ppp_addr - ppp0)
	note "$d: the interface ppp0 has $addr"
	case $addr in
	198.51.100.1[0-9]|198.51.100.20) pass "$d: the ppp interface carries an address from the LNS's range" ;;
	*) fail "$d: the ppp interface carries an address from the LNS's range" ;;
	esac
	nmcli -g IP4.ADDRESS connection show l2tp >"$T/ip4" 2>&1
	note "$d: nmcli's IP4.ADDRESS of the VPN: $(cat "$T/ip4")"
	check "$d: nmcli shows the VPN's IP4 configuration with that address" \
	    grep -q "^$addr/32\$" "$T/ip4"
	check "$d: ping crosses the session" ping_across - $LNS_PPP
	# Our plugin's info line, as pppd logged it, with the kernel's own ids.
	set -- $(kernel_session -)
	note "$d: the kernel's session: tunnel $1 session $2, peer tunnel $3 session $4"
	check "$d: our plugin's session line reached the log unchanged, with the kernel's ids" \
	    grep -q "pppd\[$pppd\]: pppol2tp: L2TPv2/IPv4 tunnel $1 session $2, peer tunnel $3 session $4\$" "$T/syslog.log"
	nmcli connection down l2tp >"$T/down.out" 2>&1
	check "$d: nmcli connection down: the VPN deactivated" grep -q 'successfully deactivated' "$T/down.out"
	check "$d: pppd ended after the connection went down" wait_until 30 no_client_pppd
	pppd_lines $pppd >"$T/ours-$d.lines"
	# What an operator reads at the end of pppd's log after a disconnect.
	note "$d: pppd's end after nmcli connection down: $(grep -E 'Terminating on|deleted L2TP|Modem hangup|terminated by peer' "$T/ours-$d.lines" | tr '\n' '|')"
	check "$d: no kernel tunnel or session left" wait_until 10 client_clean
}

# --- the session, with each daemon the layer has.  NetworkManager-l2tp
# takes kl2tpd where it finds one (network-manager-l2tp depends on
# "go-l2tp | xl2tpd": trixie's and unstable's layers hold go-l2tp), else
# xl2tpd: for the xl2tpd run kl2tpd is moved away, as on a system
# without go-l2tp (set aside first: put back by cleanup_all if stopped
# half-way).
KL2TPD=/usr/sbin/kl2tpd
if [ -x $KL2TPD ]; then daemons="kl2tpd xl2tpd"; else daemons=xl2tpd; fi
first=${daemons%% *}
for d in $daemons; do
	if [ $d = xl2tpd ] && [ -x $KL2TPD ]; then
		set_aside $KL2TPD
		mv $KL2TPD $KL2TPD.hidden
		session xl2tpd
		mv $KL2TPD.hidden $KL2TPD
	else
		session $d
	fi
done
ours_ms=$(eval "echo \$ms_$first")
cp "$T/ours-$first.lines" "$T/ours.lines"

# --- a wrong password: the LNS refuses CHAP, pppd exits, NetworkManager
# says the VPN failed.
nmcli connection modify l2tp vpn.secrets "password=not-$PASSWORD"
if vpn_up; then
	fail "a wrong password: nmcli says the activation failed"
	nmcli connection down l2tp >/dev/null 2>&1
else
	note "nmcli after $up_ms ms: $(tr '\n' ' ' <"$T/up.out")"
	pass "a wrong password: nmcli says the activation failed"
fi
check "a wrong password: the LNS refused CHAP" grep -q 'CHAP Failure' "$T/lns-pppd.log"
check "a wrong password: pppd ended" wait_until 30 no_client_pppd
check "a wrong password: no kernel tunnel or session left" wait_until 10 client_clean
nmcli connection modify l2tp vpn.secrets "password=$PASSWORD"

# --- the LNS dies mid-session: nothing answers LCP echoes any more.  Its
# processes are stopped rather than killed: a killed LNS closes its UDP
# socket and its kernel answers with ICMP port-unreachable, which the
# client's daemon takes as the end of the tunnel (seen on trixie: down in
# 2 s).  A dead
# host answers nothing, and neither does a stopped one.
if vpn_up; then
	lns_pids="$(pppd_pid lns) $(pid_in lns xl2tpd)"
	kill -STOP $lns_pids
	t0=$(millis)
	if wait_until $((DOWN_BOUND * 4)) vpn_gone; then
		down_ms=$(( $(millis) - t0 ))
		note "NetworkManager saw the VPN go down $down_ms ms after the LNS died (echoes every $ECHO_INTERVAL s, $ECHO_FAILURE missed)"
		check "the LNS died: NetworkManager saw the VPN go down within the echo settings' bound ($DOWN_BOUND s)" \
		    test "$down_ms" -le $((DOWN_BOUND * 1000))
	else
		fail "the LNS died: NetworkManager saw the VPN go down within the echo settings' bound ($DOWN_BOUND s)"
	fi
	check "the LNS died: pppd said the peer stopped answering echoes" \
	    grep -q "pppd\[[0-9]*\]: No response to $ECHO_FAILURE echo-requests" "$T/syslog.log"
	check "the LNS died: pppd ended" wait_until 30 no_client_pppd
	check "the LNS died: no kernel tunnel or session left" wait_until 10 client_clean
	kill -9 $lns_pids
else
	fail "the LNS died: the VPN came up again first"
fi

# --- the same activation with Debian's plugin, as a comparison only.
xl2tpd_lns
sleep 1
# A copy, not a bind mount: NetworkManager's mount namespace would not
# see a mount made here.  cleanup_all puts ours back.
set_aside "$PLUGINDIR/pppol2tp.so"
cp "$UPSTREAM/pppol2tp.so" "$PLUGINDIR/pppol2tp.so"
if vpn_up; then
	upstream_ms=$up_ms
	pppd=$(pppd_pid -)
	nmcli connection down l2tp >/dev/null 2>&1
	wait_until 30 no_client_pppd
	pppd_lines $pppd >"$T/upstream.lines"
	check "$first: the comparison ran Debian's plugin (no line of ours in its pppd's log)" \
	    sh -c "test -s '$T/upstream.lines' && ! grep -q '^pppol2tp: ' '$T/upstream.lines'"
	note "compared ($first): activated in $ours_ms ms with ours, $upstream_ms ms with Debian's plugin"
	note "compared: pppd's lines only with ours: $(grep -vxF -f "$T/upstream.lines" "$T/ours.lines" | tr '\n' '|')"
	note "compared: pppd's lines only with Debian's: $(grep -vxF -f "$T/ours.lines" "$T/upstream.lines" | tr '\n' '|')"
else
	fail "$first: the comparison ran Debian's plugin (no line of ours in its pppd's log)"
	note "Debian's plugin did not activate: $(tr '\n' ' ' <"$T/up.out")"
fi
