# Shell helpers for the guest scenarios (busybox sh).
# Busybox's shell runs its own applets before PATH, so iproute2 is called
# by its full path.
IP=/sbin/ip
export PATH=/payload/bin:/usr/sbin:/usr/bin:/sbin:/bin
SUITE=$(cat /payload/suite)
PPPD_VERSION=$(pppd --version 2>&1 | sed -n 's/^pppd version //p')
PLUGINDIR=/usr/lib/pppd/$PPPD_VERSION
UPSTREAM=$PLUGINDIR/upstream
LNS_ADDR=192.0.2.1
LAC_ADDR=192.0.2.2
LNS_PPP=198.51.100.1

# Verdicts: one line each, read by the host.  A verdict's text is the same
# in every run, so two runs compare line by line: what was measured goes
# on a note line beside it.
pass() { echo "PASS: $SUITE $NAME: $*"; }
fail() { echo "FAIL: $SUITE $NAME: $*"; return 1; }
note() { echo "note: $NAME: $*"; }
# check DESCRIPTION COMMAND...: pass or fail on the command's status
# (what the command says on stderr stays on the console, for diagnosis).
check() {
	local what=$1
	shift
	if "$@" >/dev/null; then pass "$what"; else fail "$what"; fi
}

# wait_until SECONDS COMMAND...: poll until the command succeeds.
wait_until() {
	local limit=$(($1 * 5))
	shift
	while [ $limit -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		limit=$((limit - 1))
	done
	return 1
}

in_lac() { $IP netns exec lac "$@"; }
in_lns() { $IP netns exec lns "$@"; }
# in_ns NS COMMAND...: in the namespace NS, or "-" for the guest's own (where
# a client such as NetworkManager runs).
in_ns() {
	local ns=$1
	shift
	if [ "$ns" = - ]; then "$@"; else $IP netns exec "$ns" "$@"; fi
}

# Two hosts joined by a veth pair: lns (192.0.2.1) and lac (192.0.2.2).
netns_setup() {
	local ns
	$IP netns add lns
	$IP netns add lac
	$IP link add veth-lns type veth peer name veth-lac
	$IP link set veth-lns netns lns
	$IP link set veth-lac netns lac
	in_lns $IP addr add $LNS_ADDR/24 dev veth-lns
	in_lac $IP addr add $LAC_ADDR/24 dev veth-lac
	for ns in lns lac; do
		$IP netns exec $ns $IP link set lo up
		$IP netns exec $ns $IP link set veth-$ns up
	done
}

# Whether this run's pppd carries ASan and UBSan (run.sh SANITIZE=1).
sanitized() { [ -f /payload/sanitize ]; }

pids_of() { pidof "$1" 2>/dev/null; }
no_process() { [ -z "$(pids_of "$1")" ]; }
# The kernel's L2TP sessions in a namespace, less the pseudo "Session 0"
# that 6.1 lists, with its detail lines, for a tunnel socket.  Fails when
# ip itself fails (no such namespace, no l2tp_netlink), so that "no
# session left" is never read from an error.
l2tp_sessions() {
	local listed
	listed=$(in_ns "$1" $IP l2tp show session) || return 1
	echo "$listed" | awk '/^Session / { skip = ($2 == 0) } !skip && NF'
	return 0
}
no_l2tp_session() { local s; s=$(l2tp_sessions "$1") && [ -z "$s" ]; }
has_l2tp_session() { local s; s=$(l2tp_sessions "$1") && [ -n "$s" ]; }
# Neither an L2TP session nor a tunnel in a namespace ("-": the guest's own).
no_l2tp_left() {
	local t
	no_l2tp_session "$1" && t=$(in_ns "$1" $IP l2tp show tunnel) && [ -z "$t" ]
}

# The interface's IPv4 address in a namespace, or nothing.
ppp_addr() {
	in_ns "$1" $IP -4 -o addr show dev "${2:-ppp0}" 2>/dev/null |
	    sed -n 's/.* inet \([0-9.]*\).*/\1/p'
}
has_ppp_addr() { [ -n "$(ppp_addr "$@")" ]; }

# set_aside FILE: keep a copy that cleanup_all puts back (or a note that
# there was none, to remove it), for a scenario that changes a file the
# next ones read: it may be stopped half-way.
set_aside() {
	mkdir -p "/tmp/aside$(dirname "$1")"
	if [ -e "$1" ]; then cp -p "$1" "/tmp/aside$1"; else : >"/tmp/aside$1.none"; fi
}
put_back() {
	local f
	[ -d /tmp/aside ] || return 0
	for f in $(cd /tmp/aside && find . -type f); do
		case $f in
		*.none) rm -f "/${f%.none}" ;;
		*) cp -p "/tmp/aside/$f" "/$f" ;;
		esac
	done
	rm -rf /tmp/aside
}

cleanup_all() {
	local ns
	put_back
	# NetworkManager (the nm scenario) would take on the next scenario's
	# interfaces.
	killall -q NetworkManager nm-l2tp-service dbus-daemon syslogd 2>/dev/null
	# kl2tpd: the kl2tpd scenario's, and the one NetworkManager-l2tp starts.
	killall -q xl2tpd kl2tpd pppd l2tpsock eventrecv 2>/dev/null
	sleep 0.5
	killall -q -9 xl2tpd kl2tpd pppd l2tpsock eventrecv NetworkManager 2>/dev/null
	# A pppd under valgrind runs as the tool, not as pppd.
	pkill -9 -f /tmp/pppd-plain 2>/dev/null
	for ns in $($IP netns list 2>/dev/null | cut -d' ' -f1); do
		$IP netns del "$ns"
	done
	rm -rf /var/run/xl2tpd /run/xl2tpd
}

# pppd options shared by both ends of every test session.
common_ppp_options() {
	cat <<OPTS
noauth
nodefaultroute
debug
OPTS
}

# A session without an L2TP daemon: l2tpsock makes the kernel tunnel and
# session on each end (LNS tunnel 10 session 11, LAC tunnel 20 session 21)
# and starts pppd with the socket as fd 3.
LNS_SOCK="-l $LNS_ADDR:1701 -p $LAC_ADDR:1701 -t 10 -T 20 -s 11 -S 21"
LAC_SOCK="-l $LAC_ADDR:1701 -p $LNS_ADDR:1701 -t 20 -T 10 -s 21 -S 11"

# start_end lns|lac [-s "L2TPSOCK OPTIONS"] PLUGIN_AND_PPPD_OPTIONS...: start
# one end in the background, on LNS_SOCK or LAC_SOCK unless -s gives
# another session.  pppd's log is $T/END-pppd.log, its status $T/END.status.
# PPPD, if set, is the command run instead of pppd (memcheck's, say).
start_end() {
	local end=$1 sock
	shift
	if [ "$end" = lns ]; then sock=$LNS_SOCK; else sock=$LAC_SOCK; fi
	if [ "$1" = -s ]; then
		sock=$2
		shift 2
	fi
	: >"$T/$end-pppd.log"
	rm -f "$T/$end.status"
	# l2tpsock exits with pppd's status: kept in $T/END.status.
	{
		$IP netns exec "$end" l2tpsock $sock -- ${PPPD:-pppd} "$@" nodetach \
		    noauth nodefaultroute debug logfile "$T/$end-pppd.log"
		echo $? >"$T/$end.status"
	} >"$T/$end-stdout.log" 2>&1 &
}

# start_pair "LNS OPTIONS" "LAC OPTIONS": the LAC waits silently until its
# channel is attached, so the LNS's first LCP request is not lost; the LNS
# speaks first because with recv_seq it drops the LAC's packets until the
# LAC has seen a numbered one and numbers its own.
# LNS_PLUGINS and LAC_PLUGINS name the plugins each end loads.
LNS_PLUGINS="plugin pppol2tp.so"
LAC_PLUGINS="plugin pppol2tp.so"
start_pair() {
	start_end lac $LAC_PLUGINS pppol2tp 3 silent $2
	wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
	start_end lns $LNS_PLUGINS pppol2tp 3 $1
}

# pid_in NS NAME: the pid of a process NAME in a namespace (the first).
pid_in() {
	local ns p
	ns=$(in_ns "$1" readlink /proc/self/ns/net)
	for p in $(pids_of "$2"); do
		if [ "$(readlink /proc/$p/ns/net)" = "$ns" ]; then
			echo "$p"
			return
		fi
	done
}
# pppd's pid in a namespace (the one l2tpsock started).
pppd_pid() { pid_in "$1" pppd; }

iface_mtu() { $IP netns exec "$1" cat "/sys/class/net/$2/mtu" 2>/dev/null; }

# xl2tpd_lns_conf [AUTH]: $T/lns.conf, an xl2tpd LNS on $LNS_ADDR handing
# out 198.51.100.10-20, with pppd's options in $T/lns.options; AUTH, lines
# of xl2tpd's, says what it asks of its peers (by default nothing).
xl2tpd_lns_conf() {
	cat >"$T/lns.conf" <<CONF
[global]
listen-addr = $LNS_ADDR
port = 1701
access control = no
[lns default]
ip range = 198.51.100.10-198.51.100.20
local ip = $LNS_PPP
${1:-require authentication = no}
pppoptfile = $T/lns.options
length bit = yes
CONF
}

# xl2tpd_lns: start the LNS of $T/lns.conf in the namespace lns.
xl2tpd_lns() {
	mkdir -p /run/xl2tpd
	in_lns xl2tpd -D -c "$T/lns.conf" -p "$T/lns.pid" -C "$T/lns.ctl" >>"$T/lns-xl2tpd.log" 2>&1 &
}

# xl2tpd as LNS (in lns) and as LAC (in lac, dialling at once), our plugin
# on both ends.  The LAC's control file is $T/lac.ctl.
xl2tpd_pair() {
	xl2tpd_lns_conf
	cat >"$T/lac.conf" <<CONF
[global]
listen-addr = $LAC_ADDR
port = 1701
[lac test]
lns = $LNS_ADDR
require authentication = no
pppoptfile = $T/lac.options
autodial = yes
redial = no
length bit = yes
CONF
	{ common_ppp_options; echo "logfile $T/lns-pppd.log"; } >"$T/lns.options"
	{ common_ppp_options; echo "logfile $T/lac-pppd.log"; echo noipdefault; } >"$T/lac.options"
	netns_setup
	xl2tpd_lns
	sleep 0.5
	in_lac xl2tpd -D -c "$T/lac.conf" -p "$T/lac.pid" -C "$T/lac.ctl" >"$T/lac-xl2tpd.log" 2>&1 &
}

# ping_across NS ADDR: up to 3 tries of one ping each, so a reply lost while
# the far end is still running its ip-up scripts under TCG is not a failure;
# says how many tries it took.
ping_across() {
	local try
	for try in 1 2 3; do
		if in_ns "$1" ping -c 1 -W 3 "$2" >/dev/null 2>&1; then
			[ $try -eq 1 ] || echo "note: $NAME: ping answered on try $try" >&2
			return 0
		fi
	done
	in_ns "$1" $IP -s link show >&2
	return 1
}

# IPv6 on the veth pair too (no duplicate address detection: the pair is
# alone on its link and DAD would delay the first packets).
LNS_ADDR6=2001:db8::1
LAC_ADDR6=2001:db8::2
netns_setup6() {
	netns_setup
	in_lns $IP -6 addr add $LNS_ADDR6/64 dev veth-lns nodad
	in_lac $IP -6 addr add $LAC_ADDR6/64 dev veth-lac nodad
}

# The kernel's view of the one data session in a namespace, as
# "TUNNEL SESSION PEER_TUNNEL PEER_SESSION" (6.1 also lists the tunnel's
# own socket as a pseudo session 0: skipped).
kernel_session() {
	in_ns "$1" $IP l2tp show session 2>/dev/null | awk '
		/^Session / && $2 != 0 { s = $2; t = $5; want = 1; next }
		want && /Peer session/ { gsub(",", "", $3); print t, s, $5, $3; exit }'
}
