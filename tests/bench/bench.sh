#!/bin/sh
# make bench: bring-up latency, memory and the data path of our plugin
# against Debian's upstream pppol2tp.so, in one boot of the bookworm guest
# (4 GiB, 2 vCPUs, TCG).  Prints a table per size, writes the raw numbers
# to build/bench/sessions.csv (per session) and bench.csv (per run), and a
# plot to build/bench/bringup.png.
#   BENCH_SIZES="1 100 1000" BENCH_ROUNDS="1:10 100:6 1000:2" BENCH_MB=100 \
#       BENCH_INSN_RUNS=2 tests/bench/bench.sh [--smoke]
# BENCH_ROUNDS, BENCH_RATES and BENCH_ECHOES give a value per size (N:V),
# or one value for every size.  BENCH_ROUNDS: rounds per size;
# BENCH_INSN_RUNS how often each plugin's pppd runs under callgrind.
# BENCH_RATES="5000:4" (the default) starts a size's LNS sessions that
# many a second instead of all at once (see README.md).  BENCH_ECHOES=
# "5000:600" (the default) gives a size's bring-ups that LCP echo interval
# instead of Debian's 30 s (see README.md).  BENCH_PPPD_TDB=off
# runs every pppd without pppd's shared database, to see what it costs.
# BENCH_IDLE_SIZES="100 1000" BENCH_IDLE_ROUNDS="100:3 1000:2"
# BENCH_IDLE_SECS=60: the idle cost, sessions up and left alone, with LCP
# echoes off and on (BENCH_ECHOES).  BENCH_MEM (MB) defaults to what the largest
# size needs (about 3 MB a session, both ends, measured at 5000).
# BENCH_PAIRED_SIZES="2000" BENCH_PAIRED_ROUNDS="2000:2": bring-ups that
# run both plugins side by side, session by session, compared minute by
# minute (tests/bench/paired.awk); BENCH_SIZES= (empty) runs only those.
# BENCH_SUITE (default bookworm): the guest suite to run in.
# --smoke (make check): prints PASS:/FAIL: lines instead of a plot.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/bench
mkdir -p "$out"
smoke=
[ "${1:-}" != --smoke ] || smoke=1
# Every setting the guest reads, with its default: the guest has none of
# its own, and reads them per size as this script does (spec.sh).
export BENCH_SIZES="${BENCH_SIZES-1 100 1000}"
export BENCH_PAIRED_SIZES="${BENCH_PAIRED_SIZES-}"
export BENCH_PAIRED_ROUNDS="${BENCH_PAIRED_ROUNDS:-2}"
export BENCH_ROUNDS="${BENCH_ROUNDS:-1:10 100:6 1000:2 5000:1}"
export BENCH_RATES="${BENCH_RATES-5000:4}"
export BENCH_ECHOES="${BENCH_ECHOES-5000:600}"
if [ -n "$smoke" ]; then export BENCH_IDLE_SIZES="${BENCH_IDLE_SIZES-}"
else export BENCH_IDLE_SIZES="${BENCH_IDLE_SIZES-100 1000}"; fi
export BENCH_IDLE_ROUNDS="${BENCH_IDLE_ROUNDS:-100:3 1000:2}"
export BENCH_IDLE_SECS="${BENCH_IDLE_SECS:-60}"
export BENCH_INSN_RUNS="${BENCH_INSN_RUNS:-2}"
export BENCH_MB="${BENCH_MB:-100}"
export BENCH_PPPD_TDB="${BENCH_PPPD_TDB:-on}"
sizes=$BENCH_SIZES
paired_sizes=$BENCH_PAIRED_SIZES
suite=${BENCH_SUITE:-bookworm}
idle_sizes=$BENCH_IDLE_SIZES
idle_secs=$BENCH_IDLE_SECS
. "$top/tests/bench/spec.sh"
largest=$(echo $sizes $idle_sizes $paired_sizes | tr ' ' '\n' | sort -n | tail -n 1)
mem=$((2048 + 3 * largest))
[ $mem -ge 4096 ] || mem=4096
# Only a hang stops a benchmark (see README.md for how long a run takes):
# three hours, or eight with 5000 sessions, leave room for a machine four
# times slower than this one.
limit=10800
[ "$largest" -lt 5000 ] || limit=28800
"$top/tests/deps.sh"
if [ -z "$smoke" ] && ! command -v gnuplot >/dev/null; then
	echo "bench: installing gnuplot-nox"
	. "$top/tests/retry.sh"
	mkdir -p "$out"
	host_install bench tests/bench/bench.sh "$out/apt.log" gnuplot-nox || exit 1
fi

# The guest's console log is read after the run: no other guest may
# start from this run directory (run.sh's) until then.
mkdir -p "$top/build/$suite"
exec 9>"$top/build/$suite/.guest-lock"
flock -n 9 || { echo "FAIL: bench: another guest is running from $top/build/$suite; wait for it"; exit 1; }
export GUEST_LOCKED=1
GUEST_MEM=${BENCH_MEM:-$mem} SCENARIO_LIMIT=${BENCH_LIMIT:-$limit} \
	"$top/tests/guest/run.sh" "$suite" bench >"$out/run.log" 2>&1 || true
# The serial console ends its lines with CR.
log=$out/console.log
tr -d '\r' <"$top/build/$suite/console.log" >"$log"
# The paired bring-ups: one row per session.
sed -n 's/^BENCHPAIR: //p' "$log" >"$out/paired.txt"
{
	echo "plugin,n,round,index,start_s,up_s,cpu_ms"
	tr ' ' ',' <"$out/paired.txt"
} >"$out/paired.csv"

# pppd's tdb with every session up, as tdbtool counts it: one row per run.
{
	echo "plugin,n,round,records,data_bytes,free_records,free_bytes_est"
	sed -n 's/^BENCHTDB: //p' "$log" | tr ' ' ','
} >"$out/tdb.csv"

# The raw numbers: one row per session.
sed -n 's/^BENCHRAW: //p' "$log" | awk '{ printf "%s %s %s %s %s %s %.3f\n", $1, $2, $3, $4, $5, $6, $5 - $4 }' >"$out/raw.txt"
{
	echo "plugin,n,round,start_s,up_s,cpu_ms,bringup_s"
	tr ' ' ',' <"$out/raw.txt"
} >"$out/sessions.csv"

# One row per run: bring-up figures from the sessions, memory from the guest.
sort -k1,1 -k2,2n -k3,3n -k7,7g "$out/raw.txt" | awk -f "$top/tests/bench/runs.awk" >"$out/runs.txt"
sed -n 's/^BENCH: //p' "$log" | awk '{
	split("", v)
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	# Both ends run in the guest: per session is per pair of pppds.
	print v["plugin"], v["n"], v["round"], v["up"], v["rss_kb"], v["pss_kb"], v["private_dirty_kb"], v["plugin_rss_kb"],
	    v["guest_used_kb"] / v["n"], v["guest_slab_kb"] / v["n"], v["rate"] + 0, v["gave_up"] + 0, v["echo"], v["tdb_kb"] + 0 }' >"$out/mem.txt"
{
	echo "plugin,n,round,up,timed,p50_s,p99_s,max_s,total_s,cpu_ms,negative,rss_kb,pss_kb,private_dirty_kb,plugin_rss_kb,guest_kb_per_session,slab_kb_per_session,rate,gave_up,echo,tdb_kb"
	awk 'NR == FNR { r[$1 " " $2 " " $3] = $4 "," $5 "," $6 "," $7 "," $8 "," $9 "," $10; next }
		{ k = $1 " " $2 " " $3; f = (k in r) ? r[k] : "0,,,,,,"
		  print $1 "," $2 "," $3 "," $4 "," f "," $5 "," $6 "," $7 "," $8 "," $9 "," $10 "," $11 "," $12 "," $13 "," $14 }' "$out/runs.txt" "$out/mem.txt"
} >"$out/bench.csv"
echo "plugin,mb,received_bytes,secs,pppd_cpu_ticks,pppd_read_bytes,pppd_read_calls" >"$out/data.csv"
sed -n 's/^BENCHDATA: //p' "$log" | awk '{
	split("", v)
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	print v["plugin"] "," v["mb"] "," v["received_bytes"] "," v["secs"] "," v["pppd_cpu_ticks"] "," \
	    v["pppd_read_bytes"] "," v["pppd_read_calls"] }' >>"$out/data.csv"

# Instructions per session: the same count each time to within a few
# hundred in millions, so its ratio needs no rounds.
sed -n 's/^BENCHINSN: //p' "$log" | awk '{
	split("", v)
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	print v["plugin"] "," v["instructions"] }' >"$out/insn.txt"
{ echo "plugin,instructions"; cat "$out/insn.txt"; } >"$out/instructions.csv"

# Idle cost, one row per run, per LNS pppd and minute.
echo "plugin,n,round,echo,secs,pppds,cpu_ms,wakeups,nvcs,kernel_pct,guest_busy_ms,guest_kernel_ms" >"$out/idle.csv"
# A run in which a pppd exited is left out: its counters were in the
# first sample only.
sed -n 's/^BENCHIDLE: //p' "$log" | awk '{
	split("", v)
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	p = v["pppds_after"]; t = v["secs"]
	if (p == 0 || t == 0 || v["clk_tck"] <= 0 || p != v["pppds_before"]) next
	ms = 1000 / v["clk_tck"]; f = 60 / t
	printf "%s,%d,%d,%s,%.2f,%d,%.4f,%.4f,%.4f,%.2f,%.4f,%.4f\n", v["plugin"], v["n"], v["round"], v["echo"], t, p,
	    v["cpu_ns"] / 1e6 / p * f, v["vcs"] / p * f, v["nvcs"] / p * f,
	    (v["utime"] + v["stime"]) ? 100 * v["stime"] / (v["utime"] + v["stime"]) : 0,
	    v["guest_busy"] * ms / v["n"] * f, v["guest_kernel"] * ms / v["n"] * f }' >>"$out/idle.csv"

echo "guest clocksource: $(sed -n 's/^BENCHCLOCK: \([a-z_]*\)$/\1/p' "$log" | head -n 1)"
for n in $sizes; do
	echo
	awk -v n="$n" -f "$top/tests/bench/stats.awk" -f "$top/tests/bench/table.awk" "$out/bench.csv"
done
for n in $idle_sizes; do
	echo
	awk -v n="$n" -v secs="$idle_secs" -v on="$(echo_for "$n")" -f "$top/tests/bench/stats.awk" -f "$top/tests/bench/idle.awk" "$out/idle.csv"
done
for n in $paired_sizes; do
	echo
	awk -v n="$n" -f "$top/tests/bench/paired.awk" "$out/paired.txt"
done
echo
echo "Instructions one LNS pppd executes, exec to exit after ip-up (callgrind, one session)"
awk -F, '{ s[$1] += $2; c[$1]++; all[$1] = all[$1] " " $2 }
	END { if (!c["ours"] || !c["upstream"]) { print "  (no count: see build/bench/console.log)"; exit }
	      o = s["ours"] / c["ours"]; u = s["upstream"] / c["upstream"]
	      printf "  ours    %12.0f  (runs:%s)\n  upstream%12.0f  (runs:%s)\n  ratio   %12.4f  target <= 1.02: %s\n",
	          o, all["ours"], u, all["upstream"], o / u, o / u <= 1.02 ? "met" : "NOT met" }' "$out/insn.txt"
echo
echo "Data path: one session, a bulk TCP transfer; what pppd itself read meanwhile"
awk -F, 'NR > 1 { printf "  %-9s %6.1f MB in %6.2f s = %6.1f MB/s; pppd read %d bytes in %d calls, used %d CPU ticks\n",
	$1, $3 / 1e6, $4, ($4 > 0 ? $3 / 1e6 / $4 : 0), $6, $7, $5 }' "$out/data.csv"

if [ -n "$smoke" ]; then
	for pl in ours upstream; do
		n=$(echo $sizes | cut -d' ' -f1)
		up=$(awk -F, -v p=$pl -v n=$n 'NR > 1 && $1 == p && $2 == n { s += $4; c++ } END { print c ? s / c : 0 }' "$out/bench.csv")
		if [ "$up" = "$n" ]; then echo "PASS: bench: $pl: all $n sessions up in every round"
		else echo "FAIL: bench: $pl: $up of $n sessions up"; fi
		awk -F, -v p=$pl -v n=$n 'NR > 1 && $1 == p && $2 == n {
			runs++; if ($4 == n && $5 == n && $11 == 0) good++ }
			END { if (runs && good == runs) printf "PASS: bench: %s: start and ip-up of every session recorded, none out of order\n", p
			      else printf "FAIL: bench: %s: %d of %d runs have every session timed in order\n", p, good, runs }' "$out/bench.csv"
		# Paced starts span (n - 1) / rate seconds: not much less (no
		# pacing), nor much more (a rate misread).
		rate=$(rate_for "$n")
		[ "$rate" = 0 ] || awk -v p=$pl -v n=$n -v rate="$rate" '$1 == p && $2 == n {
			k = $3; if (!(k in lo) || $4 < lo[k]) lo[k] = $4; if ($4 > hi[k]) hi[k] = $4 }
			END { want = (n - 1) / rate
			      for (k in lo) { runs++; if (hi[k] - lo[k] >= 0.95 * want && hi[k] - lo[k] <= 1.5 * want + 2) good++ }
			      if (runs && good == runs) printf "PASS: bench: %s: sessions started %s a second, as asked\n", p, rate
			      else printf "FAIL: bench: %s: %d of %d runs started their sessions %s a second\n", p, good, runs, rate }' "$out/raw.txt"
		awk -F, -v p=$pl '$1 == p && $2 > 1000000 { c++ }
			END { if (c) printf "PASS: bench: %s: callgrind counted pppd'"'"'s instructions for one session\n", p
			      else printf "FAIL: bench: %s: no instruction count\n", p }' "$out/insn.txt"
		awk -F, -v p=$pl 'NR > 1 && $1 == p {
			printf "note: bench: %s: %.1f MB crossed, pppd read %d bytes\n", p, $3 / 1e6, $6
			if ($3 > 0 && $6 < 65536) printf "PASS: bench: %s: data crossed, pppd read under 64 kB (no data frames)\n", p
			else printf "FAIL: bench: %s: %d bytes crossed, pppd read %d bytes\n", p, $3, $6; f = 1 }
			END { if (!f) print "FAIL: bench: " p ": no transfer result" }' "$out/data.csv"
		awk -F, -v p=$pl -v n=$n 'NR > 1 && $1 == p && $2 == n { runs++; if ($21 > 0) good++ }
			END { if (runs && good == runs) printf "PASS: bench: %s: pppd'"'"'s tdb measured with every session up\n", p
			      else printf "FAIL: bench: %s: %d of %d runs measured pppd'"'"'s tdb\n", p, good, runs }' "$out/bench.csv"
		# Each LNS pppd keeps a main record at least.
		awk -F, -v p=$pl -v n=$n 'NR > 1 && $1 == p && $2 == n { runs++; if ($4 >= n) good++ }
			END { if (runs && good == runs) printf "PASS: bench: %s: tdbtool counted a tdb record or more per session\n", p
			      else printf "FAIL: bench: %s: %d of %d runs had tdbtool count a tdb record per session\n", p, good, runs }' "$out/tdb.csv"
		# What the LNS pppds were started with, read back in the guest.
		echo=$(echo_for "$n")
		awk -F, -v p=$pl -v n=$n -v e="$echo" 'NR > 1 && $1 == p && $2 == n { runs++; if ($20 == e) good++ }
			END { if (runs && good == runs) printf "PASS: bench: %s: LCP echoes every %s s on the bring-ups, as asked\n", p, e
			      else printf "FAIL: bench: %s: %d of %d runs brought sessions up with lcp-echo-interval %s\n", p, good, runs, e }' "$out/bench.csv"
		for n in $idle_sizes; do
			for e in off $(echo_for "$n"); do
				awk -F, -v p=$pl -v n=$n -v e=$e 'NR > 1 && $1 == p && $2 == n && $4 == e {
					runs++; if ($6 == n && $5 > 0) good++ }
					END { if (runs && good == runs) printf "PASS: bench: %s: idle cost of %d sessions, echoes %s: measured, all alive at the end\n", p, n, e
					      else printf "FAIL: bench: %s: idle cost of %d sessions, echoes %s: %d of %d runs measured with all alive\n", p, n, e, good, runs }' "$out/idle.csv"
			done
		done
	done
	# A paired bring-up runs each plugin on every other session.
	for n in $paired_sizes; do
		awk -v n="$n" '$1 == "BENCHPAIRRUN:" { split($2, a, "="); if (a[2] != n) next; runs++
				split($5, u, "="); if (u[2] == n) good++ }
			END { if (runs && good == runs) printf "PASS: bench: paired: all %d sessions of both plugins up in each bring-up\n", n
			      else printf "FAIL: bench: paired: %d of %d bring-ups had all %d sessions up\n", good, runs, n }' "$log"
		awk -v n="$n" '$1 == "BENCHPAIRRUN:" { split($2, a, "="); if (a[2] != n) next; runs++
				split($7, u, "="); if (u[2] == n / 2) good++ }
			END { if (runs && good == runs) printf "PASS: bench: paired: half the running LNS pppds loaded upstream'"'"'s plugin\n"
			      else printf "FAIL: bench: paired: %d of %d bring-ups ran upstream'"'"'s plugin in half their LNS pppds\n", good, runs }' "$log"
		for pl in ours upstream; do
			awk -v n="$n" -v p=$pl '$1 == p && $2 == n { c[$3]++ }
				END { for (r in c) { runs++; if (c[r] == n / 2) good++ }
				      if (runs && good == runs) printf "PASS: bench: paired: %s ran on half the sessions of each bring-up\n", p
				      else printf "FAIL: bench: paired: %s ran on half the sessions in %d of %d bring-ups\n", p, good, runs }' "$out/paired.txt"
		done
		awk -v n="$n" -f "$top/tests/bench/paired.awk" "$out/paired.txt" >"$out/paired-$n.txt"
		sed 's/^/note: bench: /' "$out/paired-$n.txt"
		if grep -q 'per-minute median bring-up, ours - upstream' "$out/paired-$n.txt"; then
			echo "PASS: bench: paired: the plugins compared minute by minute, with an interval"
		else
			echo "FAIL: bench: paired: no minute-by-minute comparison"
		fi
	done
	# Without echoes our watch wakes each pppd every 5 s: the counters
	# must see that, or they count nothing.
	for n in $idle_sizes; do
		awk -F, -v n=$n 'NR > 1 && $1 == "ours" && $2 == n && $4 == "off" { runs++; if ($8 > 0 && $7 > 0) good++ }
			END { if (runs && good == runs) printf "PASS: bench: ours: idle, echoes off: the watch'"'"'s wake-ups and CPU counted\n"
			      else printf "FAIL: bench: ours: idle, echoes off: no wake-ups or CPU counted in %d of %d runs\n", runs - good, runs }' "$out/idle.csv"
	done
	exit 0
fi

# Plot bring-up latency against N for both plugins (means over rounds);
# a run of paired sizes alone has nothing to plot.
[ -n "$sizes" ] || exit 0
awk -F, 'NR > 1 && $5 > 0 { k = $1 " " $2; c[k]++; a[k] += $6; b[k] += $7 }
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
echo "bench: per session in $out/sessions.csv, per run in $out/bench.csv, idle cost in $out/idle.csv, instructions in $out/instructions.csv, transfer in $out/data.csv, plot in $out/bringup.png"
