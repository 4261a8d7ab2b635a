# One table for size N from bench.csv: each metric's mean over the rounds,
# ours against upstream, the ratio, and how far run-to-run noise lets that
# ratio be trusted (about two standard errors of each mean, combined).
# A target "at most 2% above upstream" is met only when the whole interval
# is below 1.02 and missed only when the whole interval is above it.
BEGIN { FS = "," }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$col["n"] == n {
	p = $col["plugin"]; runs[p]++
	# What the pppds were given; runs from before the column existed had
	# Debian's 30 s.
	if (("echo" in col) && $col["echo"] ~ /^[0-9]/) echo_secs = $col["echo"]
	for (m in col) if (m != "plugin" && m != "n" && m != "round") {
		sum[p, m] += $col[m]; sq[p, m] += $col[m] * $col[m]
	}
}
function row(title, m, target,    o, u, r, ci, verdict) {
	o = mean("ours", m); u = mean("upstream", m)
	if (!u) {
		printf "%-30s %11.3f %11.3f %7s\n", title, o, u, "-"
		return
	}
	r = o / u
	ci = 2 * r * sqrt(rse("ours", m) ^ 2 + rse("upstream", m) ^ 2)
	verdict = ""
	if (runs["ours"] < 2 || runs["upstream"] < 2) {
		# One round has no spread: no interval, and no verdict.
		printf "%-30s %11.3f %11.3f %7.3f  (one round: no noise band)\n", title, o, u, r
		return
	}
	if (target) {
		if (r + ci <= 1.02) verdict = "met"
		else if (r - ci > 1.02) verdict = "NOT met"
		else verdict = "within noise"
	}
	printf "%-30s %11.3f %11.3f %7.3f  +-%.3f  %s\n", title, o, u, r, ci, verdict
}
END {
	if (echo_secs == "") echo_secs = 30
	if (!runs["ours"] || !runs["upstream"]) {
		print "  (no results: see build/bench/console.log)"
		exit
	}
	printf "N = %s sessions, %s, LCP echoes every %s s, %d rounds per plugin (TCG: ratios, not seconds, are the result)\n", n,
	    mean("ours", "rate") ? "started " mean("ours", "rate") " a second" : "started at once", echo_secs, runs["ours"]
	printf "%-30s %11s %11s %7s  %-7s %s\n", "metric (mean over rounds)", "ours", "upstream", "ratio", "+-2se", "target <= 1.02"
	row("sessions up", "up", 0)
	# Runs from before the count existed have no such column.
	if ("gave_up" in col)
		row("LNS pppds gone before ip-up", "gave_up", 0)
	row("sessions timed", "timed", 0)
	row("bring-up p50 (s)", "p50_s", 1)
	row("bring-up p99 (s)", "p99_s", 1)
	row("bring-up max (s)", "max_s", 0)
	row("first start to last up (s)", "total_s", 0)
	row("pppd CPU to ip-up (ms)", "cpu_ms", 1)
	row("RSS per pppd (kB)", "rss_kb", 1)
	row("PSS per pppd (kB)", "pss_kb", 1)
	row("private dirty per pppd (kB)", "private_dirty_kb", 1)
	row("plugin mapping RSS (kB)", "plugin_rss_kb", 0)
	# Runs from before the column existed have none.
	if ("tdb_kb" in col)
		row("pppd's tdb, all up (kB)", "tdb_kb", 1)
	row("guest memory per session (kB)", "guest_kb_per_session", 0)
	row("  of it kernel slab (kB)", "slab_kb_per_session", 0)
	row("ip-up before start (sessions)", "negative", 0)
}
