# Every plugin option, applied through real pppd and observed from outside
# it: the kernel's view of sequencing, reorder timeout and LNS mode, the
# interface name everywhere pppd uses it, and pppd's negotiated MTU.
#
# Work: one session with every option; 7 s on this kind of machine with both
# cores busy. Limit: 4x for the slowest machine of the kind and 2x margin,
# at least 2 minutes.
# time limit: 120 s
. /payload/lib.sh
NAME=options

cat >"$T/ip-up" <<SCRIPT
#!/bin/sh
echo "ifname=\$IFNAME arg1=\$1 device=\$DEVICE arg2=\$2" >>$T/ip-up.out
SCRIPT
chmod +x "$T/ip-up"

# With the PPP compressors in the kernel pppd asks for deflate and
# BSD-Compress by default: only then does "not requested" say something.
for m in /lib/modules/extra/*.ko; do
	insmod "$m" || echo "options: insmod $m failed" >&2
done
check "ppp_deflate and bsd_comp loaded, so pppd could ask for them" \
	sh -c 'grep -q "^ppp_deflate " /proc/modules && grep -q "^bsd_comp " /proc/modules'

# A database of this scenario's pppds only, where little has been reused.
rm -f /run/pppd2.tdb /run/pppd/pppd2.tdb
netns_setup
start_pair "pppol2tp_lns_mode pppol2tp_send_seq pppol2tp_recv_seq
	pppol2tp_reorderto 250 pppol2tp_debug_mask 15 pppol2tp_ifname l2tplns0
	ip-up-script $T/ip-up 198.51.100.1:198.51.100.2" \
	"mru 1380 noipdefault"
wait_until 40 has_ppp_addr lns l2tplns0 && wait_until 10 has_ppp_addr lac ppp0 ||
	fail "PPP did not come up"

in_lns $IP -d l2tp show session >"$T/lns-session.txt" 2>&1
in_lac $IP -d l2tp show session >"$T/lac-session.txt" 2>&1
sed 's/^/lns: /' "$T/lns-session.txt"
sed 's/^/lac: /' "$T/lac-session.txt"

lns_pid=$(pppd_pid lns)
l2tpget "$lns_pid" 3 >"$T/lns-sockopts.txt" 2>&1
echo "lns sockopts: $(cat "$T/lns-sockopts.txt")"
check "getsockopt: LNS mode, send and receive sequencing on" \
	grep -q 'lnsmode=1 sendseq=1 recvseq=1' "$T/lns-sockopts.txt"
check "getsockopt: reorder timeout 250 ms (252 after jiffies rounding)" grep -q 'reorderto=25[02] ' "$T/lns-sockopts.txt"
# Kernels since 5.10 keep no debug mask (getsockopt reads 0 whatever was
# set), so all that can be seen is that the kernel took it and that the
# operator is told it does nothing.
check "pppol2tp_debug_mask 15: no refusal, and pppd says the kernel ignores it" \
	sh -c "! grep -q 'kernel refused' $T/lns-pppd.log &&
	    grep -q 'accept and ignore the debug mask' $T/lns-pppd.log"
check "ip l2tp: sequencing on in both directions on the LNS" \
	grep -q 'sequence numbering: send recv' "$T/lns-session.txt"
check "ip l2tp: reorder timeout shown in jiffies rounding (252)" \
	grep -q 'reorder timeout: 25[02]' "$T/lns-session.txt"
check "interface is named l2tplns0" in_lns test -d /sys/class/net/l2tplns0
check "pid file named after the interface" test -f /run/l2tplns0.pid
check "ip-up saw IFNAME=l2tplns0 and \$1=l2tplns0" wait_until 5 grep -q 'ifname=l2tplns0 arg1=l2tplns0' "$T/ip-up.out"
check "ip-up saw DEVICE=pppol2tp-10-11 and \$2=pppol2tp-10-11" \
	grep -q 'device=pppol2tp-10-11 arg2=pppol2tp-10-11' "$T/ip-up.out"
# pppd files a device name it holds at startup as a key in its shared
# database, as for a tty; a channel name is no key to find a pppd by, and
# the record would cost every pppd one more.  A deleted record's bytes
# stay in the file until the space is reused, so one written and dropped
# again still shows: its key, then its data, the owner's "pppd<pid>".
tdb=$(ls /run/pppd2.tdb /run/pppd/pppd2.tdb 2>/dev/null | head -n 1)
tdbtool "$tdb" keys >"$T/tdb-keys" 2>&1
sed 's/^/tdb: /' "$T/tdb-keys"
note "pppd's tdb: $tdb"
check "pppd's tdb holds this pppd's keys (IFNAME=l2tplns0)" \
	grep -q 'IFNAME=l2tplns0' "$T/tdb-keys"
check "pppd's tdb holds no DEVICE key" sh -c "! grep -q 'DEVICE=' '$T/tdb-keys'"
check "no bytes of a DEVICE key record in pppd's tdb, live or deleted" \
	sh -c "test -s '$tdb' && ! grep -a -q 'DEVICE=pppol2tp-10-11pppd' '$tdb'"
check "no interface named ppp0 on the LNS" in_lns test ! -e /sys/class/net/ppp0
check "LAC mru 1380: LAC interface MTU 1380 as pppd negotiated" test "$(iface_mtu lac ppp0)" = 1380
check "LAC mru 1380: LNS interface MTU 1380 as pppd negotiated" test "$(iface_mtu lns l2tplns0)" = 1380
check "ping crosses the sequenced session" ping_across lac 198.51.100.1
check "LAC session follows the LNS into send sequencing" \
	sh -c "$IP netns exec lac $IP -d l2tp show session | grep -q 'sequence numbering: send'"
# What the LAC asked for, from its own log: the checks below would pass
# on a log without a single request, so first there must be some.
grep 'sent \[LCP ConfReq' "$T/lac-pppd.log" >"$T/lac-lcp-req"
grep 'sent \[IPCP ConfReq' "$T/lac-pppd.log" >"$T/lac-ipcp-req"
grep 'sent \[CCP ConfReq' "$T/lac-pppd.log" >"$T/lac-ccp-req"
note "the LAC's log has $(wc -l <"$T/lac-lcp-req") LCP, $(wc -l <"$T/lac-ipcp-req") IPCP and $(wc -l <"$T/lac-ccp-req") CCP requests"
check "the LAC's log has its LCP and IPCP requests" \
	test -s "$T/lac-lcp-req" -a -s "$T/lac-ipcp-req"
check "default: ACFC and PFC not requested" sh -c "! grep -q 'accomp\|pcomp' $T/lac-lcp-req"
check "default: no VJ requested" sh -c "! grep -q 'VJ' $T/lac-ipcp-req"
check "default: no deflate or BSD-compress requested" \
	sh -c "! grep -q 'deflate\|bsd' $T/lac-ccp-req"
# The scenarios after this one run without compressors, as they were
# written for.
cleanup_all
rmmod bsd_comp ppp_deflate
