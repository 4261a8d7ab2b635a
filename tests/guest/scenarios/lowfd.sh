# A daemon that hands pppd the session socket as fd 0, 1 or 2, and a pppd
# that detaches (no nodetach): detaching puts /dev/null over fds 0-2, so
# the plugin must have moved the socket before.  For each of the three the
# session must come up and carry a ping, pppd's fds 0-2 must be /dev/null
# and the socket must sit above 2, close-on-exec.
# time limit: 300 s
# (3 sessions one after another, each up in < 40 s, checked in < 15 s and
# gone in < 20 s on a machine 4x slower than ours: 225 s, + 75 s margin)
. /payload/lib.sh
NAME=lowfd

# The fd (above 2) of pid's that is a PPPoL2TP session socket.
session_fd_of() {
	n=3
	while [ $n -lt 64 ]; do
		if [ -e /proc/$1/fd/$n ] && l2tpget "$1" $n >/dev/null 2>&1; then
			echo $n
			return 0
		fi
		n=$((n + 1))
	done
	return 1
}

cloexec() {
	flags=$(sed -n 's/^flags:[[:space:]]*//p' /proc/$1/fdinfo/$2)
	[ $((0$flags & 02000000)) -ne 0 ]
}

devnull_012() {
	for n in 0 1 2; do
		[ "$(readlink /proc/$1/fd/$n)" = /dev/null ] || return 1
	done
}

for fd in 0 1 2; do
	echo "note: $NAME: socket on fd $fd"
	netns_setup
	start_end lac plugin pppol2tp.so pppol2tp 3 silent noipdefault
	wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
	: >"$T/lns-pppd.log"
	in_lns l2tpsock $LNS_SOCK -w -f $fd -- pppd plugin pppol2tp.so \
		pppol2tp $fd noauth nodefaultroute debug \
		logfile "$T/lns-pppd.log" $LNS_PPP:198.51.100.2 \
		</dev/null >"$T/lns-stdout.log" 2>&1 &
	if wait_until 40 has_ppp_addr lac && wait_until 10 has_ppp_addr lns; then
		pid=$(pppd_pid lns)
		check "fd $fd: session up without nodetach, ping answered" \
			ping_across lac $LNS_PPP
		check "fd $fd: the detached pppd has /dev/null on fds 0-2" \
			devnull_012 "$pid"
		sfd=$(session_fd_of "$pid")
		note "fd $fd: the session socket is pppd's fd ${sfd:-(none)}"
		check "fd $fd: the session socket is close-on-exec in pppd" \
			cloexec "$pid" "${sfd:-0}"
	else
		note "fd $fd: pppd said: $(grep -m 1 -i 'error\|couldn' "$T/lns-pppd.log")"
		fail "fd $fd: PPP did not come up"
	fi
	killall -q pppd
	wait_until 20 no_process pppd
	cleanup_all
done
