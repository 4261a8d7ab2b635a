# Capture real LCP frames for the fuzzing corpus (make corpus): several
# negotiations that between them send ConfReq, ConfAck, ConfNak and
# ConfRej with and without ACCM, MRU and magic number.  Frames are printed
# as "FRAME: sent|rcvd HEX" for the host to collect.
. /payload/lib.sh
NAME=capture

negotiate() {
	netns_setup
	LNS_PLUGINS="plugin pppol2tp.so plugin /payload/hookrec.so"
	HOOKREC_FRAMES=$T/frames start_pair "pppol2tp_lns_mode $1 198.51.100.1:198.51.100.2" "noipdefault $2"
	wait_until 40 has_ppp_addr lac || echo "capture: '$1' / '$2' did not come up"
	kill "$(pppd_pid lac)"
	wait_until 30 no_process pppd
	cleanup_all
}
: >"$T/frames"
negotiate "asyncmap 0xa0000" "mru 1380"
negotiate "asyncmap 0x0" "default-asyncmap"
negotiate "mru 1000 nomagic" "mtu 1200 asyncmap 0xffffffff"
negotiate "default-asyncmap noaccomp" "nopcomp"
sort -u "$T/frames" | sed 's/^/FRAME: /'
pass "captured $(sort -u "$T/frames" | wc -l) distinct LCP frames"

# The session watch's netlink answers, printed as "REPLY: NAME HEX": the
# family lookup, a live session, a session and a tunnel that do not exist.
netns_setup
start_pair "pppol2tp_lns_mode 198.51.100.1:198.51.100.2" "noipdefault"
wait_until 40 has_ppp_addr lns || echo "capture: the watch's session did not come up"
in_lns nlcap 10 11 | sed 's/^REPLY: session/REPLY: alive/'
in_lns nlcap 10 99 | sed -n 's/^REPLY: session/REPLY: nosession/p'
in_lns nlcap 77 11 | sed -n 's/^REPLY: session/REPLY: notunnel/p'
cleanup_all
