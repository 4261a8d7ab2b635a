# Multilink, as openl2tpd's profiles may ask: two L2TP sessions (tunnels
# 10 and 30 on the LNS) from one peer join one bundle on each end.  The
# second link of each end joins the first's bundle, so pppd never runs IPCP
# on it nor reaches PHASE_RUNNING.  Each link must still report one up and
# one down (hookrec.so, and openl2tp.so to a listener) and have the session
# watch running: deleting a link's kernel tunnel hangs that link up.
# time limit: 600 s
# (2 links up in < 40 s each, 2 deletions each noticed in < 5 s + 20 s to
# exit, 2 LAC pppds ended in < 30 s each; it took 69 s here with two busy
# loops on both cores: 4x for the slowest machine of the kind, 2x margin)
. /payload/lib.sh
NAME=multilink
EV=/tmp/openl2tp-event.sock

SOCK_a_lns="-l $LNS_ADDR:1701 -p $LAC_ADDR:1701 -t 10 -T 20 -s 11 -S 21"
SOCK_a_lac="-l $LAC_ADDR:1701 -p $LNS_ADDR:1701 -t 20 -T 10 -s 21 -S 11"
SOCK_b_lns="-l $LNS_ADDR:1702 -p $LAC_ADDR:1702 -t 30 -T 40 -s 31 -S 41"
SOCK_b_lac="-l $LAC_ADDR:1702 -p $LNS_ADDR:1702 -t 40 -T 30 -s 41 -S 31"
# Units apart: pppd's bundle database (one file here) is keyed by unit.
# Echoes off on the LNS, so its links are checked every 5 s and a deletion
# is noticed in seconds (with echoes the check waits for the next one:
# watch.sh covers that).
LNS_OPTS="pppol2tp_lns_mode lcp-echo-interval 0 unit 10 endpoint IP:$LNS_ADDR $LNS_PPP:198.51.100.2"
LAC_OPTS="silent noipdefault unit 20 endpoint IP:$LAC_ADDR"

# start_link END LINK OPTIONS...: one multilink pppd on a session of its own.
start_link() {
	end=$1
	link=$2
	shift 2
	eval sock=\$SOCK_${link}_$end
	: >"$T/$end-$link.log"
	HOOKREC=$T/$end-$link.hooks $IP netns exec "$end" l2tpsock $sock -- \
		pppd plugin pppol2tp.so plugin /payload/hookrec.so \
		plugin openl2tp.so pppol2tp 3 multilink nodetach noauth \
		nodefaultroute debug logfile "$T/$end-$link.log" "$@" \
		>"$T/$end-$link.out" 2>&1 &
}

pppd_count() { pids_of pppd | wc -w; }

: >"$T/events"
rm -f $EV
eventrecv $EV "$T/events" &
netns_setup
start_link lac a $LAC_OPTS
wait_until 20 grep -q 'Connect:' "$T/lac-a.log"
start_link lns a $LNS_OPTS
wait_until 40 has_ppp_addr lac ppp20 && wait_until 10 has_ppp_addr lns ppp10 ||
	fail "link a: PPP did not come up"
echo "note: $NAME: link a up"
start_link lac b $LAC_OPTS
wait_until 20 grep -q 'Connect:' "$T/lac-b.log"
start_link lns b $LNS_OPTS
check "link b joined the bundle on both ends (pppd: Link attached to ppp10 / ppp20)" \
	wait_until 40 sh -c "grep -q 'Link attached to ppp10' '$T/lns-b.log' &&
		grep -q 'Link attached to ppp20' '$T/lac-b.log'"
check "ping across the bundle" ping_across lac $LNS_PPP
wait_until 5 grep -q 'updown 30 31 1' "$T/lns-b.hooks"

# The watch, on the joined link, then on the master.
in_lns $IP l2tp del tunnel tunnel_id 30
check "joined link: the watch noticed its deleted tunnel" \
	wait_until 30 grep -q 'the kernel deleted L2TP tunnel 30 session 31' "$T/lns-b.log"
in_lns $IP l2tp del tunnel tunnel_id 10
check "master link: the watch noticed its deleted tunnel" \
	wait_until 30 grep -q 'the kernel deleted L2TP tunnel 10 session 11' "$T/lns-a.log"
wait_until 30 sh -c '[ "$(pidof pppd | wc -w)" -le 2 ]' ||
	{ note "$(pppd_count) pppd left"; fail "LNS pppds did not exit"; }
killall -q pppd
wait_until 60 no_process pppd || fail "LAC pppds did not exit"
sleep 0.5

# Only the up/down calls: the LNS links also report their ACCMs.
for f in lns-a lns-b lac-a lac-b; do
	: >>"$T/$f.hooks"
	sed "s/^/$f hook: /" "$T/$f.hooks"
	grep updown "$T/$f.hooks" >"$T/$f.updown"
done
sed 's/^/event: /' "$T/events"
expect() { printf 'updown %s %s 1\nupdown %s %s 0\n' $2 $3 $2 $3 >"$T/$1.expected"; }
expect lns-a 10 11
expect lns-b 30 31
expect lac-a 20 21
expect lac-b 40 41
check "LNS master link: one up, one down" cmp "$T/lns-a.expected" "$T/lns-a.updown"
check "LNS joined link: one up, one down" cmp "$T/lns-b.expected" "$T/lns-b.updown"
check "LAC master link: one up, one down" cmp "$T/lac-a.expected" "$T/lac-a.updown"
check "LAC joined link: one up, one down" cmp "$T/lac-b.expected" "$T/lac-b.updown"
# openl2tpd's view: per session, state 1 then state 0.
states() { sed -n "s/.* tunnel=$1 session=$2 state=\([01]\) .*/\1/p" "$T/events" | tr -d '\n'; }
note "openl2tp events, joined LNS link 30/31: $(states 30 31); master 10/11: $(states 10 11)"
check "openl2tp events, joined LNS link 30/31: up then down" \
	test "$(states 30 31)" = 10
check "openl2tp events, master LNS link 10/11: up then down" \
	test "$(states 10 11)" = 10
