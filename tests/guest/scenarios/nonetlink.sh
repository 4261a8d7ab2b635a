# No generic netlink for pppd.  Debian's l2tp_ppp.ko needs l2tp_netlink
# (its depends= field names it, and the module cannot be removed under
# l2tp_ppp), so no Debian kernel carries PPPoL2TP without the l2tp netlink
# family: a guest without it has no sessions at all.  Where pppd really
# meets no netlink is a sandbox: a service manager that denies the
# AF_NETLINK family (systemd's RestrictAddressFamilies=), which is a
# seccomp filter making socket(AF_NETLINK) fail with EAFNOSUPPORT.  The
# LNS's pppd runs under exactly that (nonetlink): the session must come
# up, ping and hang up cleanly; the watch's absence must be said once, at
# notice level (syslog shows the level; pppd runs without `debug' so no
# debug line could pass for it), and nothing more afterwards.
. /payload/lib.sh
NAME=nonetlink
# time limit: 240 s
# PPP up in < 60 s, a ping of < 9 s, 20 s of quiet (four watch periods), a
# hang-up in < 40 s; it took 29 s here with two busy loops on both cores:
# 4x for the slowest machine of the kind, 2x margin.

mod=$(ls /lib/modules/load/*-l2tp_ppp.ko)
deps=$(tr '\0' '\n' <"$mod" | sed -n 's/^depends=//p')
check "l2tp_ppp.ko needs l2tp_netlink (depends=$deps): no guest has PPPoL2TP without the family" \
	sh -c "echo ',$deps,' | grep -q ',l2tp_netlink,'"
check "l2tp_netlink cannot be removed while l2tp_ppp is loaded" sh -c '! rmmod l2tp_netlink 2>/dev/null'

syslogd -n -O "$T/syslog" &
syslog_pid=$!
netns_setup
: >"$T/hooks"
start_end lac $LAC_PLUGINS pppol2tp 3 silent noipdefault
wait_until 20 grep -q 'Connect:' "$T/lac-pppd.log"
: >"$T/lns-pppd.log"
HOOKREC=$T/hooks in_lns l2tpsock $LNS_SOCK -- nonetlink pppd plugin pppol2tp.so \
	plugin /payload/hookrec.so pppol2tp 3 pppol2tp_lns_mode \
	198.51.100.1:198.51.100.2 nodetach noauth nodefaultroute \
	logfile "$T/lns-pppd.log" >"$T/lns-stdout.log" 2>&1 &
wait_until 60 has_ppp_addr lns && wait_until 20 has_ppp_addr lac || fail "PPP did not come up"
check "ping across the session" ping_across lns 198.51.100.2
echo "note: $NAME: up; 20 s for the watch to say anything more" >&2
sleep 20
said=$(grep -c 'pppol2tp: cannot watch the session' "$T/lns-pppd.log")
note "the watch's absence said $said times in pppd's log"
check "the watch's absence said once in pppd's log" test "$said" = 1
grep 'pppol2tp: cannot watch' "$T/lns-pppd.log" | sed "s/^/note: $NAME: /" >&2
note "in syslog: '$(grep 'cannot watch' "$T/syslog" | cut -c1-90)'"
check "the watch's absence at notice level in syslog" \
	grep -q 'notice pppd.*pppol2tp: cannot watch the session' "$T/syslog"
others=$(grep 'pppol2tp:' "$T/lns-pppd.log" | grep -vc 'L2TPv2/IPv4\|cannot watch')
note "$others other lines from the plugin in 20 s"
check "nothing else from the plugin in 20 s" test "$others" = 0
wait_until 5 grep -q updown "$T/hooks"
kill "$(pppd_pid lac)"
wait_until 40 no_process pppd || fail "pppd did not exit"
note "hooks: '$(tr '\n' ';' <"$T/hooks")'"
check "hooks: ACCM, up, then down with the session's ids" test "$(grep updown "$T/hooks")" = "updown 10 11 1
updown 10 11 0"
check "no kernel session left on the LNS" no_l2tp_session lns
sed -n 's/^\(.\{15\}\).*pppd\[[0-9]*\]: /\1 /p' "$T/syslog" | grep -v 'rcvd\|sent' | tail -n 20 | sed "s/^/note: $NAME: syslog: /" >&2
kill $syslog_pid
