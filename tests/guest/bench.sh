# The benchmark, run in a guest (make bench): N sessions at once through
# one tunnel for each plugin in turn, then a bulk transfer over one
# session.  Prints BENCHRAW: (one per session), BENCH: (one per run) and
# BENCHDATA: lines for the host to tabulate.
. /payload/lib.sh
NAME=bench
SIZES=$(cat /payload/bench-sizes)
MB=$(cat /payload/bench-mb)
ROUNDS=$(cat /payload/bench-rounds 2>/dev/null || echo 2)
ulimit -n 65536

# One file per pppd, so no record relies on a thousand scripts' appends
# to one log staying whole.  $PPID is the pppd;
# /proc/uptime counts on the clock l2tpfan used; the first field of
# schedstat is the CPU time pppd has used so far, in ns.
cat >/tmp/bench-ipup <<'SCRIPT'
#!/bin/sh
echo "$PPID $(cut -d' ' -f1 /proc/uptime) $(cut -d' ' -f1 /proc/$PPID/schedstat)" >/tmp/bench-up/$PPID
SCRIPT
chmod +x /tmp/bench-ipup

count_ifaces() { $IP netns exec "$1" ls /sys/class/net | grep -c '^ppp'; }
# Conditions for wait_until, evaluated afresh on every poll.
lac_ifaces_reach() { [ "$(count_ifaces lac)" -ge "$1" ]; }
ups_reach() { [ "$(ls /tmp/bench-up | wc -l)" -ge "$1" ]; }
# rounds_for N: how many rounds size N gets ("N:R ..." in bench-rounds).
rounds_for() {
	r=$(echo "$ROUNDS" | tr ' ' '\n' | sed -n "s/^$1:\([0-9]*\)$/\1/p")
	[ -n "$r" ] || r=$(echo "$ROUNDS" | tr ' ' '\n' | grep -v : | head -n 1)
	echo "${r:-2}"
}
lns_pppds() { for p in $(pids_of pppd); do [ "$(readlink /proc/$p/ns/net)" = "$lns_ns" ] && echo $p; done; }

# bring_up LABEL PLUGIN N [LNS OPTIONS]: N sessions; LAC pppds first
# (silent), then LNS.
bring_up() {
	label=$1 plugin=$2 n=$3 extra=${4:-}
	cleanup_all
	netns_setup
	lns_ns=$(in_lns readlink /proc/self/ns/net)
	rm -rf /tmp/bench-up
	mkdir /tmp/bench-up
	in_lac l2tpfan $LAC_SOCK -n "$n" -o "$T/lac-starts" -- pppd plugin "$plugin" pppol2tp 3 \
		silent noipdefault nodetach noauth nodefaultroute noipv6 \
		>"$T/lac-fan.log" 2>&1 &
	wait_until $((n / 2 + 30)) lac_ifaces_reach "$n"
	in_lns l2tpfan $LNS_SOCK -n "$n" -o "$T/lns-starts" -- pppd plugin "$plugin" pppol2tp 3 \
		pppol2tp_lns_mode $extra nodetach noauth nodefaultroute noipv6 ip-up-script /tmp/bench-ipup \
		198.18.@HI@.@LO@:198.19.@HI@.@LO@ >"$T/lns-fan.log" 2>&1 &
	wait_until $((n + 60)) ups_reach "$n"
}

# report LABEL N ROUND: each session's start, ip-up and CPU, and the
# memory of the LNS pppds.
report() {
	label=$1 n=$2 round=$3
	up=$(ls /tmp/bench-up | wc -l)
	cat /tmp/bench-up/* >"$T/ups" 2>/dev/null
	awk -v l="$label" -v n="$n" -v r="$round" '
		NR == FNR { if ($1 == "start") s[$3] = $4; next }
		($1 in s) { printf "BENCHRAW: %s %d %d %s %s %.3f\n", l, n, r, s[$1], $2, $3 / 1e6 }' "$T/lns-starts" "$T/ups"
	mem=$(for p in $(lns_pppds); do
		awk '/^Rss:/ { r = $2 } /^Pss:/ { s = $2 } /^Private_Dirty:/ { d = $2 }
			END { print r, s, d }' /proc/$p/smaps_rollup
		awk '/^[0-9a-f]+-[0-9a-f]+ / { m = ($6 ~ /pppol2tp\.so$/) } m && /^Rss:/ { t += $2 }
			END { print "plugin", t + 0 }' /proc/$p/smaps
	done | awk '$1 == "plugin" { pl += $2; np++; next } { r += $1; s += $2; d += $3; n++ }
		END { if (n) printf "%.0f %.0f %.0f %.0f", r / n, s / n, d / n, pl / np }')
	set -- $mem
	echo "BENCH: plugin=$label n=$n round=$round up=$up rss_kb=$1 pss_kb=$2 private_dirty_kb=$3 plugin_rss_kb=$4"
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

# instructions LABEL PLUGIN [LNS OPTIONS]: what one LNS pppd executes from
# exec to exit (ip-up, then SIGTERM), counted by callgrind.  Unlike times
# under TCG this count repeats to a few hundred instructions in a million,
# so it shows what the plugin itself costs.  Long LCP and IPCP restart
# timers keep the slowed-down pppd from retransmitting.  valgrind refuses
# set-uid programs, so it runs a plain copy of pppd.
instructions() {
	label=$1 plugin=$2 extra=${3:-}
	[ -x /payload/vg/valgrind.bin ] || return 0
	export VALGRIND_LIB=/payload/vg
	cleanup_all
	netns_setup
	cp /usr/sbin/pppd /tmp/pppd-plain
	chmod 755 /tmp/pppd-plain
	rm -rf /tmp/bench-up /tmp/callgrind.out
	mkdir /tmp/bench-up
	in_lac l2tpfan $LAC_SOCK -n 1 -o "$T/lac-starts" -- pppd plugin "$plugin" pppol2tp 3 \
		silent noipdefault nodetach noauth nodefaultroute noipv6 lcp-restart 30 ipcp-restart 30 \
		>"$T/lac-fan.log" 2>&1 &
	wait_until 30 lac_ifaces_reach 1
	in_lns l2tpfan $LNS_SOCK -n 1 -o "$T/lns-starts" -- /payload/vg/valgrind.bin \
		--tool=callgrind --callgrind-out-file=/tmp/callgrind.out \
		/tmp/pppd-plain plugin "$plugin" pppol2tp 3 pppol2tp_lns_mode $extra \
		nodetach noauth nodefaultroute noipv6 lcp-restart 30 ipcp-restart 30 \
		ip-up-script /tmp/bench-ipup 198.18.0.1:198.19.0.1 >"$T/lns-fan.log" 2>&1 &
	wait_until 300 ups_reach 1 || { fail "$label: pppd under callgrind did not reach ip-up"; return 0; }
	# The pppd under callgrind, not the l2tpfan that started it.
	for p in $(pgrep -f /tmp/pppd-plain); do
		[ "$(cat /proc/$p/comm)" = l2tpfan ] || kill "$p"
	done
	wait_until 120 test -s /tmp/callgrind.out
	sleep 1
	echo "BENCHINSN: plugin=$label instructions=$(sed -n 's/^summary: //p' /tmp/callgrind.out)"
	killall -q pppd
	wait_until 60 no_process pppd
}

# Each size runs for several rounds, the plugins' order alternating: the
# first run after a boot or a teardown is measurably slower under TCG, and
# that must not count against either plugin.  Identical builds differ by
# 10-30% from run to run here, so only many rounds tell plugins apart.
OURS=ours:pppol2tp.so
UPSTREAM_PL=upstream:$UPSTREAM/pppol2tp.so
first=$(echo $SIZES | cut -d' ' -f1)
for n in $SIZES; do
	for round in $(seq 1 "$(rounds_for "$n")"); do
		if [ $((round % 2)) = 1 ]; then order="$OURS $UPSTREAM_PL"; else order="$UPSTREAM_PL $OURS"; fi
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
insn_runs=$(cat /payload/bench-insn-runs 2>/dev/null || echo 2)
for pl in $(for i in $(seq 1 "$insn_runs"); do echo "$OURS $UPSTREAM_PL"; done); do
	label=${pl%%:*}
	extra=
	[ "$label" = ours ] || extra="pppol2tp_tunnel_id 10 pppol2tp_session_id 11"
	instructions "$label" "${pl#*:}" "$extra"
done
cleanup_all
# A clocksource change in the middle of a run would skew its times.
echo "BENCHCLOCK: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
dmesg | grep -i -E 'clocksource|tsc' | sed 's/^/BENCHCLOCK: /'
pass "benchmark ran for sizes $SIZES"
