# The idle-cost table for size N from idle.csv: per LNS pppd and minute,
# each metric's mean over the rounds for ours and upstream, their ratio
# and about two standard errors of it from the run-to-run spread, for
# LCP echoes off and on (every 30 s unless BENCH_ECHOES says otherwise).
# With echoes on, the target is upstream's cost: "same" when the interval
# holds 1, "above" or "below" when all of it is on one side.  With echoes
# off upstream notices nothing and costs nothing, so there is no target,
# only the price.
BEGIN { FS = "," }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$col["n"] == n {
	k = $col["plugin"] SUBSEP $col["echo"]; runs[k]++
	echoes[$col["echo"]] = 1
	for (m in col) if (m != "plugin" && m != "n" && m != "round" && m != "echo") {
		sum[k, m] += $col[m]; sq[k, m] += $col[m] * $col[m]
	}
}
function row(title, e, m, target,    o, u, r, ci, verdict, ko, ku) {
	ko = "ours" SUBSEP e; ku = "upstream" SUBSEP e
	o = mean(ko, m); u = mean(ku, m)
	if (!u) {
		printf "  %-34s %10.2f %10.2f %7s\n", title, o, u, "-"
		return
	}
	r = o / u
	if (runs[ko] < 2 || runs[ku] < 2) {
		printf "  %-34s %10.2f %10.2f %7.3f  (one round: no noise band)\n", title, o, u, r
		return
	}
	ci = 2 * r * sqrt(rse(ko, m) ^ 2 + rse(ku, m) ^ 2)
	verdict = ""
	if (target) {
		if (r - ci > 1) verdict = "above upstream"
		else if (r + ci < 1) verdict = "below upstream"
		else verdict = "same within noise"
	}
	printf "  %-34s %10.2f %10.2f %7.3f  +-%.3f  %s\n", title, o, u, r, ci, verdict
}
function block(e, head, target) {
	if (!runs["ours" SUBSEP e] || !runs["upstream" SUBSEP e]) {
		printf "%s: no results (see build/bench/console.log)\n", head
		return
	}
	printf "%s (rounds: ours %d, upstream %d)\n", head, runs["ours" SUBSEP e], runs["upstream" SUBSEP e]
	printf "  %-34s %10s %10s %7s  %-7s %s\n", "per LNS pppd per minute", "ours", "upstream", "ratio", "+-2se",
	    target ? "target: upstream's" : ""
	row("pppd CPU, user + kernel (ms)", e, "cpu_ms", target)
	row("wake-ups (voluntary switches)", e, "wakeups", target)
	row("involuntary switches", e, "nvcs", 0)
	row("kernel share of pppd CPU (%)", e, "kernel_pct", 0)
	row("guest CPU busy / N, both ends (ms)", e, "guest_busy_ms", 0)
	row("  of it in the kernel (ms)", e, "guest_kernel_ms", 0)
	row("pppds alive at the end", e, "pppds", 0)
}
END {
	printf "Idle cost: N = %s sessions up and left alone for %s s; LNS pppds measured\n", n, secs
	block("off", "LCP echoes off", 0)
	# The interval asked for (-v on=, from BENCH_ECHOES); without it, the
	# one in the file, or Debian's 30 s.
	if (on == "") for (e in echoes) if (e != "off") on = e
	if (on == "") on = 30
	block(on, "LCP echoes every " on " s" (on == 30 ? " (Debian's /etc/ppp/options)" : ""), 1)
}
