#!/bin/sh
# make bench: bring-up latency, memory and the data path of our plugin
# against Debian's upstream pppol2tp.so, in one boot of the bookworm guest
# (4 GiB, 2 vCPUs, TCG).  Prints a table per size, writes the raw numbers
# to build/bench/bench.csv and a plot to build/bench/bringup.png.
#   BENCH_SIZES="1 100 1000" BENCH_MB=100 tests/bench/bench.sh [--smoke]
# --smoke (make check): prints PASS:/FAIL: lines instead of a plot.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/bench
mkdir -p "$out"
smoke=
[ "${1:-}" != --smoke ] || smoke=1
sizes=${BENCH_SIZES:-1 100 1000}
"$top/tests/deps.sh"
if [ -z "$smoke" ] && ! command -v gnuplot >/dev/null; then
	echo "bench: installing gnuplot-nox"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null ||
		{ apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null; }
fi

BENCH_SIZES=$sizes BENCH_MB=${BENCH_MB:-100} GUEST_MEM=${BENCH_MEM:-4096} \
	SCENARIO_LIMIT=${BENCH_LIMIT:-5000} GUEST_LIMIT=5300 \
	"$top/tests/guest/run.sh" bookworm bench >"$out/run.log" 2>&1 || true
log=$top/build/bookworm/console.log
cp "$log" "$out/console.log"

# CSV: one row per run.
echo "plugin,n,round,up,p50_s,p99_s,max_s,total_s,rss_kb,pss_kb,private_dirty_kb,plugin_rss_kb" >"$out/bench.csv"
sed -n 's/^BENCH: //p' "$log" | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	print v["plugin"] "," v["n"] "," v["round"] "," v["up"] "," v["p50"] "," v["p99"] "," \
	    v["max"] "," v["total"] "," v["rss_kb"] "," v["pss_kb"] "," v["private_dirty_kb"] "," v["plugin_rss_kb"] }' >>"$out/bench.csv"
echo "plugin,mb,received_bytes,secs,pppd_cpu_ticks,pppd_read_bytes,pppd_read_calls" >"$out/data.csv"
sed -n 's/^BENCHDATA: //p' "$log" | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	print v["plugin"] "," v["mb"] "," v["received_bytes"] "," v["secs"] "," v["pppd_cpu_ticks"] "," \
	    v["pppd_read_bytes"] "," v["pppd_read_calls"] }' >>"$out/data.csv"

# Tables: each metric's mean over the rounds, ours against upstream.
for n in $sizes; do
	echo
	echo "N = $n sessions (mean of both rounds; TCG, so ratios, not seconds, are the result)"
	awk -F, -v n="$n" 'NR > 1 && $2 == n {
		k = $1; c[k]++; up[k] += $4; p50[k] += $5; p99[k] += $6; mx[k] += $7; tot[k] += $8
		rss[k] += $9; pss[k] += $10; pd[k] += $11; pl[k] += $12 }
		function row(name, o, u) { printf "%-28s %12.3f %12.3f %8.3f\n", name, o, u, u ? o / u : 0 }
		END {
		if (!c["ours"] || !c["upstream"]) { print "  (no results: see build/bench/console.log)"; exit }
		printf "%-28s %12s %12s %8s\n", "metric", "ours", "upstream", "ratio"
		row("sessions up", up["ours"] / c["ours"], up["upstream"] / c["upstream"])
		row("bring-up p50 (s)", p50["ours"] / c["ours"], p50["upstream"] / c["upstream"])
		row("bring-up p99 (s)", p99["ours"] / c["ours"], p99["upstream"] / c["upstream"])
		row("bring-up max (s)", mx["ours"] / c["ours"], mx["upstream"] / c["upstream"])
		row("first start to last up (s)", tot["ours"] / c["ours"], tot["upstream"] / c["upstream"])
		row("RSS per pppd (kB)", rss["ours"] / c["ours"], rss["upstream"] / c["upstream"])
		row("PSS per pppd (kB)", pss["ours"] / c["ours"], pss["upstream"] / c["upstream"])
		row("private dirty per pppd (kB)", pd["ours"] / c["ours"], pd["upstream"] / c["upstream"])
		row("plugin mapping RSS (kB)", pl["ours"] / c["ours"], pl["upstream"] / c["upstream"])
	}' "$out/bench.csv"
done
echo
echo "Data path: one session, a bulk TCP transfer; what pppd itself read meanwhile"
awk -F, 'NR > 1 { printf "  %-9s %6.1f MB in %6.2f s = %6.1f MB/s; pppd read %d bytes in %d calls, used %d CPU ticks\n",
	$1, $3 / 1e6, $4, ($4 > 0 ? $3 / 1e6 / $4 : 0), $6, $7, $5 }' "$out/data.csv"

if [ -n "$smoke" ]; then
	for pl in ours upstream; do
		n=$(echo $sizes | cut -d' ' -f1)
		up=$(awk -F, -v p=$pl -v n=$n 'NR > 1 && $1 == p && $2 == n { s += $4; c++ } END { print c ? s / c : 0 }' "$out/bench.csv")
		if [ "$up" = "$n" ]; then echo "PASS: bench: $pl: all $n sessions up in both rounds"
		else echo "FAIL: bench: $pl: $up of $n sessions up"; fi
		awk -F, -v p=$pl 'NR > 1 && $1 == p {
			if ($3 > 0 && $6 < 65536) printf "PASS: bench: %s: %.1f MB crossed, pppd read %d bytes (no data frames)\n", p, $3 / 1e6, $6
			else printf "FAIL: bench: %s: %d bytes crossed, pppd read %d bytes\n", p, $3, $6; f = 1 }
			END { if (!f) print "FAIL: bench: " p ": no transfer result" }' "$out/data.csv"
	done
	exit 0
fi

# Plot bring-up latency against N for both plugins (means over rounds).
awk -F, 'NR > 1 { k = $1 " " $2; c[k]++; a[k] += $5; b[k] += $6 }
	END { for (k in c) { split(k, x, " "); print x[1], x[2], a[k] / c[k], b[k] / c[k] } }' \
	"$out/bench.csv" | sort -k1,1 -k2n >"$out/plot.dat"
gnuplot <<PLOT
set terminal png size 900,560
set output "$out/bringup.png"
set title "pppd bring-up (start to ip-up), L2TP sessions through one tunnel, TCG guest"
set xlabel "sessions started at once (N)"
set ylabel "seconds"
set logscale x
set key top left
set grid
plot "< grep '^ours ' $out/plot.dat" using 2:3 with linespoints title "ours p50", \
     "< grep '^ours ' $out/plot.dat" using 2:4 with linespoints title "ours p99", \
     "< grep '^upstream ' $out/plot.dat" using 2:3 with linespoints title "upstream p50", \
     "< grep '^upstream ' $out/plot.dat" using 2:4 with linespoints title "upstream p99"
PLOT
echo
echo "bench: raw numbers in $out/bench.csv and $out/data.csv, plot in $out/bringup.png"
