# The benchmark, run in a guest (make bench): N sessions at once through
# one tunnel for each plugin in turn, then a bulk transfer over one
# session.  Prints BENCH: and BENCHDATA: lines for the host to tabulate.
. /payload/lib.sh
NAME=bench
SIZES=$(cat /payload/bench-sizes)
MB=$(cat /payload/bench-mb)
ulimit -n 65536

cat >/tmp/bench-ipup <<'SCRIPT'
#!/bin/sh
# $PPID is the pppd; /proc/uptime counts on the clock l2tpfan used.
echo "$PPID $(cut -d' ' -f1 /proc/uptime)" >>/tmp/bench-up.log
SCRIPT
chmod +x /tmp/bench-ipup

count_ifaces() { $IP netns exec "$1" ls /sys/class/net | grep -c '^ppp'; }
# Conditions for wait_until, evaluated afresh on every poll.
lac_ifaces_reach() { [ "$(count_ifaces lac)" -ge "$1" ]; }
ups_reach() { [ "$(wc -l </tmp/bench-up.log)" -ge "$1" ]; }
lns_pppds() { for p in $(pids_of pppd); do [ "$(readlink /proc/$p/ns/net)" = "$lns_ns" ] && echo $p; done; }

# bring_up LABEL PLUGIN N [LNS OPTIONS]: N sessions; LAC pppds first
# (silent), then LNS.
bring_up() {
	label=$1 plugin=$2 n=$3 extra=${4:-}
	cleanup_all
	netns_setup
	lns_ns=$(in_lns readlink /proc/self/ns/net)
	: >/tmp/bench-up.log
	in_lac l2tpfan $LAC_SOCK -n "$n" -- pppd plugin "$plugin" pppol2tp 3 \
		silent noipdefault nodetach noauth nodefaultroute noipv6 \
		>"$T/lac-fan.log" 2>&1 &
	wait_until $((n / 2 + 30)) lac_ifaces_reach "$n"
	in_lns l2tpfan $LNS_SOCK -n "$n" -- pppd plugin "$plugin" pppol2tp 3 \
		pppol2tp_lns_mode $extra nodetach noauth nodefaultroute noipv6 ip-up-script /tmp/bench-ipup \
		198.18.@HI@.@LO@:198.19.@HI@.@LO@ >"$T/lns-fan.log" 2>&1 &
	wait_until $((n + 60)) ups_reach "$n"
}

# report LABEL N ROUND: bring-up times and memory of the LNS pppds.
report() {
	label=$1 n=$2 round=$3
	up=$(wc -l </tmp/bench-up.log)
	times=$(awk 'NR == FNR { if ($1 == "start") s[$3] = $4; next }
		($1 in s) { print $2 - s[$1] }' "$T/lns-fan.log" /tmp/bench-up.log | sort -n)
	total=$(awk 'NR == FNR { if ($1 == "start" && (m == "" || $4 < m)) m = $4; next }
		{ if ($2 > x) x = $2 } END { printf "%.2f", x - m }' "$T/lns-fan.log" /tmp/bench-up.log)
	pct() { echo "$times" | awk -v p=$1 '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.3f", v[i] }'; }
	mem=$(for p in $(lns_pppds); do
		awk '/^Rss:/ { r = $2 } /^Pss:/ { s = $2 } /^Private_Dirty:/ { d = $2 }
			END { print r, s, d }' /proc/$p/smaps_rollup
		awk '/^[0-9a-f]+-[0-9a-f]+ / { m = ($6 ~ /pppol2tp\.so$/) } m && /^Rss:/ { t += $2 }
			END { print "plugin", t + 0 }' /proc/$p/smaps
	done | awk '$1 == "plugin" { pl += $2; np++; next } { r += $1; s += $2; d += $3; n++ }
		END { if (n) printf "%.0f %.0f %.0f %.0f", r / n, s / n, d / n, pl / np }')
	set -- $mem
	echo "BENCH: plugin=$label n=$n round=$round up=$up p50=$(pct 50) p99=$(pct 99) max=$(pct 100) total=$total rss_kb=$1 pss_kb=$2 private_dirty_kb=$3 plugin_rss_kb=$4"
}

# transfer LABEL: MB megabytes over session 0, counting what pppd saw.
transfer() {
	label=$1
	p=$(lns_pppds | head -n 1)
	cpu0=$(awk '{ print $14 + $15 }' /proc/$p/stat)
	rd0=$(awk '/^rchar:/ { print $2 }' /proc/$p/io)
	sc0=$(awk '/^syscr:/ { print $2 }' /proc/$p/io)
	in_lns blast recv 5001 >"$T/received" 2>&1 &
	sleep 1
	in_lac blast send 198.18.0.1 5001 "$MB" 2>"$T/blast-send.log"
	wait_until 60 test -s "$T/received"
	cat "$T/blast-send.log" >&2
	cpu1=$(awk '{ print $14 + $15 }' /proc/$p/stat)
	rd1=$(awk '/^rchar:/ { print $2 }' /proc/$p/io)
	sc1=$(awk '/^syscr:/ { print $2 }' /proc/$p/io)
	echo "BENCHDATA: plugin=$label mb=$MB pppd_cpu_ticks=$((cpu1 - cpu0)) pppd_read_bytes=$((rd1 - rd0)) pppd_read_calls=$((sc1 - sc0)) $(awk '{ printf "received_bytes=%s secs=%s", $2, $4 }' "$T/received")"
}

# Each size runs twice, the plugins in one order and then the other: the
# first run after a boot or a teardown is measurably slower under TCG, and
# that must not count against either plugin.
OURS=ours:pppol2tp.so
UPSTREAM_PL=upstream:$UPSTREAM/pppol2tp.so
first=$(echo $SIZES | cut -d' ' -f1)
for n in $SIZES; do
	for round in 1 2; do
		if [ $round = 1 ]; then order="$OURS $UPSTREAM_PL"; else order="$UPSTREAM_PL $OURS"; fi
		for pl in $order; do
			label=${pl%%:*}
			# Upstream refuses LNS mode without the ids; it only reports them.
			extra=
			[ "$label" = ours ] || extra="pppol2tp_tunnel_id 10 pppol2tp_session_id 11"
			bring_up "$label" "${pl#*:}" "$n" "$extra"
			report "$label" "$n" "$round"
			[ "$n" != "$first" ] || [ $round != 1 ] || transfer "$label"
			killall -q pppd
			wait_until $((n / 4 + 60)) no_process pppd
		done
	done
done
cleanup_all
pass "benchmark ran for sizes $SIZES"
