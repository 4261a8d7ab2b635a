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
# BENCH_PAIRED_SIZES="2000" BENCH_PAIRED_ROUNDS="2000:5": bring-ups that
# run the arms of BENCH_ARMS ("ours nowatch upstream") side by side,
# session by session, rotated between rounds, each against BENCH_REF
# (upstream) with the rounds as replicates (tests/bench/arms.awk);
# BENCH_SIZES= (empty) runs only those.  Arms: ours, nowatch (ours with
# pppol2tp_check_interval 0), upstream, each with an optional digit
# suffix for a second label of the same plugin (BENCH_ARMS="upstream
# upstream2": an A/A control).  BENCH_CLEAN_PCT (5): a round is clean
# when processes other than the benchmark's used less than that share of
# one core, on the host (outside this guest's qemu) and in the guest.
# BENCH_REPLAY=DIR: tabulate DIR/console.raw and DIR/host-load.txt (a
# copy of an earlier run's build/bench) instead of booting.
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
export BENCH_PAIRED_ROUNDS="${BENCH_PAIRED_ROUNDS:-5}"
export BENCH_ARMS="${BENCH_ARMS:-ours nowatch upstream}"
export BENCH_REF="${BENCH_REF:-upstream}"
clean_pct=${BENCH_CLEAN_PCT:-5}
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
# The arms bench-pick knows, each name once, the reference among them.
for a in $BENCH_ARMS; do
	case $a in
	ours|ours[0-9]*|nowatch|nowatch[0-9]*|upstream|upstream[0-9]*) ;;
	*) echo "bench: BENCH_ARMS: arm '$a' is none of ours, nowatch, upstream (a digit suffix, as in upstream2, gives the same plugin a second label)"; exit 2 ;;
	esac
done
[ "$(echo $BENCH_ARMS | tr ' ' '\n' | sort | uniq -d)" = "" ] ||
	{ echo "bench: BENCH_ARMS='$BENCH_ARMS': an arm is named twice; give the second a digit suffix (upstream2)"; exit 2; }
case " $BENCH_ARMS " in *" $BENCH_REF "*) ;;
*) echo "bench: BENCH_REF '$BENCH_REF' is not among BENCH_ARMS='$BENCH_ARMS'"; exit 2 ;; esac
[ "$(echo $BENCH_ARMS | wc -w)" -ge 2 ] ||
	{ echo "bench: BENCH_ARMS='$BENCH_ARMS': a paired bring-up needs two arms or more"; exit 2; }
# The plugin's commit that runs: -dirty when the plugin's own sources
# (the C files, headers, maps and Makefile at the top) differ from it.
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD -- ':(top,glob)*.[ch]' ':(top,glob)*.map' ':(top)Makefile' 2>/dev/null ||
	commit=$commit-dirty
replay=${BENCH_REPLAY:-}
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
# Paired rounds add, each, what guest.sh's waits allow a bring-up of N
# (LAC interfaces, ip-ups at the asked rate, the teardown, l2tpfan's
# exits) and five minutes for its records.
for n in $paired_sizes; do
	limit=$(awk -v l="$limit" -v n="$n" -v r="$(rate_for "$n")" -v k="$(rounds_for "$n" "$BENCH_PAIRED_ROUNDS")" \
	    'BEGIN { print int(l + k * (n / 2 + 30 + n + 60 + (r > 0 ? n / r : 0) + n / 4 + 60 + 60 + 300)) }')
done
[ -n "$replay" ] || "$top/tests/deps.sh"
if [ -z "$smoke" ] && [ -z "$replay" ] && ! command -v gnuplot >/dev/null; then
	echo "bench: installing gnuplot-nox"
	. "$top/tests/retry.sh"
	mkdir -p "$out"
	host_install bench tests/bench/bench.sh "$out/apt.log" gnuplot-nox || exit 1
fi

log=$out/console.log
if [ -n "$replay" ]; then
	# console.raw as the guest wrote it, with the byte offsets the host's
	# samples saw; a console.log alone places them a byte a line off.
	raw=$replay/console.raw
	[ -f "$raw" ] || raw=$replay/console.log
	[ -f "$raw" ] || { echo "bench: BENCH_REPLAY=$replay: no console.raw or console.log there"; exit 2; }
	# Copied first: DIR may be build/bench itself.
	cp "$raw" "$out/console.raw.new"
	cp "$replay/host-load.txt" "$out/host-load.new" 2>/dev/null || : >"$out/host-load.new"
	mv -f "$out/console.raw.new" "$out/console.raw"
	mv -f "$out/host-load.new" "$out/host-load.txt"
else
	# The guest's console log is read after the run: no other guest may
	# start from this run directory (run.sh's) until then.
	mkdir -p "$top/build/$suite"
	exec 9>"$top/build/$suite/.guest-lock"
	flock -n 9 || { echo "FAIL: bench: another guest is running from $top/build/$suite; wait for it"; exit 1; }
	export GUEST_LOCKED=1
	# The host's load beside the guest, for the clean flag.
	rm -f "$out/host-load.txt"
	"$top/tests/bench/hostload.sh" "$top/build/$suite/console.log" "$top/build/$suite/console.log.initrd" \
		"$out/host-load.txt" 5 &
	sampler=$!
	GUEST_MEM=${BENCH_MEM:-$mem} SCENARIO_LIMIT=${BENCH_LIMIT:-$limit} \
		"$top/tests/guest/run.sh" "$suite" bench >"$out/run.log" 2>&1 || true
	kill "$sampler" 2>/dev/null || true
	wait "$sampler" 2>/dev/null || true
	cp "$top/build/$suite/console.log" "$out/console.raw"
	# No samples (the sampler failed) leave every round unclean.
	[ -f "$out/host-load.txt" ] || : >"$out/host-load.txt"
fi
# The serial console ends its lines with CR.
tr -d '\r' <"$out/console.raw" >"$log"

# Every pppd of every bring-up, both ends: one row each (guest.sh's account).
{
	echo "kind,arm,end,n,round,session,start_s,status,exit_s,reason,up_s,cpu_user_ms,cpu_sys_ms,ipup_cpu_ms"
	sed -n 's/^BENCHPPPD: //p' "$log" | awk '{
		why = $14; for (i = 15; i <= NF; i++) why = why " " $i
		print $1 "," $2 "," $3 "," $4 "," $5 "," $6 "," $7 "," $8 "," $9 "," why "," $10 "," $11 "," $12 "," $13 }'
} >"$out/pppds.csv"
# Counted by kind, size, arm, end, round, exit status and reason.
{
	printf 'kind\tn\tarm\tend\tround\tstatus\treason\tpppds\n'
	awk -F, 'NR > 1 { c[$1 "\t" $4 "\t" $2 "\t" $3 "\t" $5 "\t" $8 "\t" $10]++ }
		END { for (k in c) print k "\t" c[k] }' "$out/pppds.csv" | sort
} >"$out/reasons.tsv"
# One line a round: its length, the starts asked and achieved, and what
# other processes used meanwhile, in % of one core: on the host
# (host-load.txt's samples between the round's BENCHROUND: lines, less
# this guest's qemu and the sampler), in the guest (BENCHGUESTLOAD:).
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
LC_ALL=C awk '{ off += length($0) + 1 } /^BENCHROUND: / { sub(/\r$/, ""); print off, $2, $3, $4, $5 }' "$out/console.raw" |
	awk -v hz="$hz" -v lim="$clean_pct" -v rates="$BENCH_RATES" '
	FILENAME == ARGV[1] { k = $2 " " $3 " " $4; sub(/^n=/, "", $3); sub(/^round=/, "", $4)
		if ($5 == "begin") { b[k] = $1; key[++nk] = k; kind[k] = $2; nn[k] = $3; rr[k] = $4 } else e[k] = $1; next }
	FILENAME == ARGV[2] { j++; hs[j] = $1; hsz[j] = $2; hb[j] = $3; hq[j] = $4; hqt[j] = $5; hst[j] = $6; htop[j] = $7; next }
	FILENAME == ARGV[3] { sub(/^BENCHGUESTLOAD: /, ""); k = $1 " " $2 " " $3
		for (i = 4; i <= NF; i++) { split($i, kv, "="); g[k, kv[1]] = kv[2] }; next }
	FILENAME == ARGV[4] { if (FNR > 1) { split($0, f, ","); k = f[1] " n=" f[4] " round=" f[5]
		if (f[3] == "lns") { ns[k]++; if (!(k in lo) || f[7] < lo[k]) lo[k] = f[7]; if (!(k in hi) || f[7] > hi[k]) hi[k] = f[7] } } }
	END {
		nr = split(rates, rs, " ")
		printf "kind\tn\tround\tsecs\trate\tstarts_per_s\thost_other_pct\tguest_other_pct\tguest_kthread_pct\thost_top\tguest_top\tclean\n"
		for (x = 1; x <= nk; x++) {
			k = key[x]; o = 0; dt = 0; split("", tops)
			for (i = 1; i < j; i++) {
				# Every sampling interval that overlaps the round: a round
				# shorter than the 5 s between samples (as in make check) has one.
				if (!(k in e) || hsz[i + 1] < b[k] || hsz[i] > e[k] || hq[i] == 0 || hq[i] != hq[i + 1]) continue
				o += (hb[i + 1] - hb[i]) - (hqt[i + 1] - hqt[i]) - (hst[i + 1] - hst[i]); dt += hs[i + 1] - hs[i]
				if (htop[i + 1] != "-") { m = split(htop[i + 1], tl, ","); for (y = 1; y <= m; y++) { split(tl[y], cv, ":"); tops[cv[1]] += cv[2] } }
			}
			# Ticks read a moment apart can leave a few below zero.
			if (o < 0) o = 0
			hp = dt > 0 ? sprintf("%.1f", 100 * o / hz / dt) : "-"
			top = ""
			for (y = 0; y < 3; y++) { bb = ""; for (c in tops) if (bb == "" || tops[c] > tops[bb]) bb = c
				if (bb == "") break; top = top (top == "" ? "" : ",") bb ":" tops[bb]; delete tops[bb] }
			secs = g[k, "secs"]
			gp = (secs > 0) ? sprintf("%.1f", 100 * g[k, "other_ticks"] / 100 / secs) : "-"
			kp = (secs > 0) ? sprintf("%.1f", 100 * g[k, "kthread_ticks"] / 100 / secs) : "-"
			# The rate asked: spec_for as in spec.sh.
			rate = ""; bare = ""
			for (y = 1; y <= nr; y++) { split(rs[y], kv, ":"); if (kv[2] == "") bare = kv[1]; else if (kv[1] == nn[k] && rate == "") rate = kv[2] }
			if (rate == "") rate = (bare == "") ? 0 : bare
			sp = (ns[k] > 1 && hi[k] > lo[k]) ? sprintf("%.3f", (ns[k] - 1) / (hi[k] - lo[k])) : "-"
			cl = (hp != "-" && gp != "-" && hp + 0 <= lim && gp + 0 <= lim) ? "yes" : "no"
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", kind[k], nn[k], rr[k], secs == "" ? "-" : secs, rate, sp,
			    hp, gp, kp, top == "" ? "-" : top, g[k, "top"] == "" ? "-" : g[k, "top"], cl
		}
	}' - "$out/host-load.txt" "$log" "$out/pppds.csv" >"$out/rounds.tsv"

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
	mkdir -p "$out/paired-$n"
	awk -v n="$n" -v ref="$BENCH_REF" -v arms="$BENCH_ARMS" -v commit="$commit" -v summary="$out/paired-$n/summary.tsv" \
		-f "$top/tests/bench/arms.awk" "$out/rounds.tsv" "$out/pppds.csv" | tee "$out/paired-$n/table.txt"
	{ echo "# commit $commit, $(date -u +%Y-%m-%d), suite $suite: BENCH_PAIRED_SIZES=$n BENCH_PAIRED_ROUNDS='$BENCH_PAIRED_ROUNDS' BENCH_ARMS='$BENCH_ARMS' BENCH_RATES='$BENCH_RATES' BENCH_ECHOES='$BENCH_ECHOES'"
	  cat "$out/paired-$n/table.txt"; } >"$out/paired-$n/table.new" && mv -f "$out/paired-$n/table.new" "$out/paired-$n/table.txt"
	awk -F, -v n="$n" 'NR == 1 || ($1 == "paired" && $4 == n)' "$out/pppds.csv" >"$out/paired-$n/pppds.csv"
	for f in reasons.tsv rounds.tsv; do
		awk -F'\t' -v n="$n" 'NR == 1 || ($1 == "paired" && $2 == n)' "$out/$f" >"$out/paired-$n/$f"
	done
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
	# A paired bring-up runs each arm on its share of the sessions.
	k=$(echo $BENCH_ARMS | wc -w)
	for n in $paired_sizes; do
		rounds=$(rounds_for "$n" "$BENCH_PAIRED_ROUNDS")
		awk -v n="$n" '$1 == "BENCHPAIRRUN:" { split($2, a, "="); if (a[2] != n) next; runs++
				split($5, u, "="); if (u[2] == n) good++ }
			END { if (runs && good == runs) printf "PASS: bench: paired: all sessions of every arm up in each bring-up\n"
			      else printf "FAIL: bench: paired: %d of %d bring-ups had all their sessions up\n", good, runs }' "$log"
		# Every pppd l2tpfan started, both ends, has a row with its exit
		# status, its rusage and a reason.
		awk -F, -v n="$n" -v rounds="$rounds" 'NR > 1 && $1 == "paired" && $4 == n { c[$5, $3]++
				if ($8 ~ /^[0-9]+$/ && $12 ~ /^[0-9.]+$/ && $13 ~ /^[0-9.]+$/ && $12 + $13 > 0 && $10 != "" && $10 != "no log") good[$5, $3]++ }
			END { ok = 0
			      for (r = 1; r <= rounds; r++) for (e = 0; e < 2; e++) { end = e ? "lac" : "lns"
				      if (c[r, end] == n && good[r, end] == n) ok++
				      else printf "note: bench: paired: round %d, %s: %d of %d pppds with a row, %d with status, CPU and reason\n", r, end, c[r, end], n, good[r, end] }
			      if (ok == 2 * rounds) print "PASS: bench: paired: every pppd at both ends has its exit status, CPU and reason"
			      else print "FAIL: bench: paired: pppds without a row, an exit status, CPU or a reason" }' "$out/pppds.csv"
		# Session i ran arm (i + round) mod k, at both ends, and each
		# running LNS pppd loaded that arm's plugin.
		awk -F, -v n="$n" -v rounds="$rounds" -v arms="$BENCH_ARMS" 'BEGIN { k = split(arms, a, " ") }
			NR > 1 && $1 == "paired" && $4 == n { rows++; if ($2 == a[($6 + $5) % k + 1]) good++; c[$5, $2]++ }
			END { share = 1
			      for (r = 1; r <= rounds; r++) for (x = 1; x <= k; x++) {
				      want = 0; for (i = 0; i < n; i++) if ((i + r) % k == x - 1) want++
				      if (c[r, a[x]] != 2 * want) share = 0 }
			      if (rows == 2 * n * rounds && good == rows && share) printf "PASS: bench: paired: each arm ran its share of the sessions, rotated between rounds\n"
			      else printf "FAIL: bench: paired: %d of %d pppds ran the arm their session and round call for\n", good, 2 * n * rounds }' "$out/pppds.csv"
		awk -v n="$n" '$1 == "BENCHPAIRRUN:" { split($2, a, "="); if (a[2] != n) next; runs++
				split($8, m, "="); split($7, u, "="); if (m[1] == "arm_mismatch" && m[2] == 0 && u[2] > 0) good++ }
			END { if (runs && good == runs) printf "PASS: bench: paired: every running LNS pppd loaded the plugin of its arm\n"
			      else printf "FAIL: bench: paired: %d of %d bring-ups had LNS pppds running another arm'"'"'s plugin\n", runs - good, runs }' "$log"
		sed 's/^/note: bench: /' "$out/paired-$n/table.txt"
		sum=$out/paired-$n/summary.tsv
		want="cpu_ms_per_session bringup_median_s failed_sessions"
		for a in $BENCH_ARMS; do
			[ "$a" != "$BENCH_REF" ] || continue
			[ "$a" = ours ] && sfx= || sfx=:$a
			for m in $want; do
				awk -F'\t' -v m="$m$sfx" -v c="$commit" -v r="$rounds" '$1 == m && $2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ &&
					$4 ~ /^([0-9.]+|unbounded)$/ && $7 == r && $8 == c { ok = 1 }
					END { if (ok) printf "PASS: bench: paired: summary.tsv has %s with both arms, a ratio, its rounds and the commit\n", m
					      else printf "FAIL: bench: paired: summary.tsv has no complete %s row\n", m }' "$sum"
			done
		done
		head -n 1 "$sum" | grep -qx "$(printf 'metric\tours\tdebian\tratio\tlow95\thigh95\trounds\tcommit')" &&
			echo "PASS: bench: paired: summary.tsv has the agreed header" ||
			echo "FAIL: bench: paired: summary.tsv's header is not metric ours debian ratio low95 high95 rounds commit"
		# Two rounds or more give an interval (the first arm compared).
		x=$(for a in $BENCH_ARMS; do [ "$a" = "$BENCH_REF" ] || echo "$a"; done | head -n 1)
		[ "$x" = ours ] && sfx= || sfx=:$x
		[ "$rounds" -lt 2 ] || awk -F'\t' -v m="cpu_ms_per_session$sfx" '$1 == m && $5 ~ /^[0-9.]+$/ && $6 ~ /^[0-9.]+$/ && $5 <= $4 && $4 <= $6 { ok = 1 }
			END { if (ok) print "PASS: bench: paired: CPU per session has a 95% interval from the rounds"
			      else print "FAIL: bench: paired: no 95% interval for CPU per session" }' "$sum"
		# Clean or not: measured on both sides for every round.
		awk -F'\t' -v n="$n" -v rounds="$rounds" '$1 == "paired" && $2 == n { c++
				if ($7 ~ /^[0-9.]+$/ && $8 ~ /^[0-9.]+$/ && ($12 == "yes" || $12 == "no") && $6 ~ /^[0-9.]+$/) good++
				printf "note: bench: paired: round %s: other CPU host %s%%, guest %s%% of a core: clean %s\n", $3, $7, $8, $12 }
			END { if (c == rounds && good == c) print "PASS: bench: paired: host and guest load measured in every round, clean flag and start rate set"
			      else printf "FAIL: bench: paired: %d of %d rounds with the host and guest load, clean flag and start rate\n", good, rounds }' "$out/paired-$n/rounds.tsv"
		awk -F'\t' '$1 == "clean" && ($2 == "yes" || $2 == "no") { ok = 1 }
			END { if (ok) print "PASS: bench: paired: summary.tsv says whether the run was clean"
			      else print "FAIL: bench: paired: summary.tsv has no clean row" }' "$sum"
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
