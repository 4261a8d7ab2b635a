# The paired bring-ups of size n: each arm of BENCH_ARMS against the
# reference arm (ref, upstream by default), with the rounds as the
# replicates.  Reads rounds.tsv (one line a round, bench.sh), then
# pppds.csv (one line a pppd).  Prints the table; writes summary.tsv to
# the file `summary'.  Variables: n, ref, arms (in BENCH_ARMS' order),
# commit.
#
# Per round, each arm gets one value per metric: the mean CPU of its LNS
# pppds (rusage, whole life), its failed sessions (never reached ip-up),
# and the median over the round's minutes (by start) of its per-minute
# median bring-up, a failed session counting as +infinity.  The round's
# ratio is arm / ref; failed sessions as (failed + 0.5) / sessions, so a
# round with none on one side still has a ratio.  Over the rounds: the
# geometric mean of the ratios and a 95% Student-t interval on their
# logarithms (df = rounds - 1).  The arms' own columns are means over
# the rounds (failed sessions: totals).

BEGIN { FS = "\t"; BIG = 1e30; nk = split(arms, arm, " ") }
# t quantile 0.975 for df degrees of freedom.
function tq(df) {
	if (df < 1) return 0
	if (df <= 30) return tab[df]
	return 1.96 + 2.4 / df
}
function sortv(a, k,    i, j, t) {
	for (i = 2; i <= k; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
}
# The q-quantile of the k sorted values in a, nearest rank.
function quant(a, k, q,    r) {
	r = int(q * k + 0.999999)
	if (r < 1) r = 1
	if (r > k) r = k
	return a[r]
}
function fmt(v) {
	if (v == "") return "-"
	if (v >= BIG / 10) return "inf"
	return sprintf(v >= 100 ? "%.1f" : "%.3f", v)
}
# compare(METRIC, X, COUNT): val[METRIC, arm, round] of X against ref over
# the rounds both have; one summary.tsv row and one table line.
function compare(metric, x, count,    a, b, fx, fr, r, R, s, ss, q, lq, infl, vx, vr, mx, mr, m, sd, h, lo, hi, name, ratio, used) {
	R = 0; s = 0; ss = 0; infl = 0; vx = 0; vr = 0
	for (r = 1; r <= nr; r++) {
		if (!((metric, x, rnd[r]) in val) || !((metric, ref, rnd[r]) in val)) continue
		R++
		a = val[metric, x, rnd[r]]; b = val[metric, ref, rnd[r]]
		vx += a; vr += b
		if (count) { q = ((a + 0.5) / sess[x, rnd[r]]) / ((b + 0.5) / sess[ref, rnd[r]]) }
		else if (a >= BIG / 10 && b >= BIG / 10) q = 1
		else if (a >= BIG / 10) { q = BIG; infl = 1 }
		else if (b >= BIG / 10 || b <= 0 || a <= 0) { q = 0; infl = 1 }
		else q = a / b
		rq[metric, x, rnd[r]] = q
		if (!infl) { lq = log(q); s += lq; ss += lq * lq }
	}
	name = (x == "ours") ? metric : metric ":" x
	if (!R) { printf "%s\t-\t-\t-\t-\t-\t0\t%s\n", name, commit >summary; return }
	mx = count ? vx : vx / R; mr = count ? vr : vr / R
	if (vx >= BIG / 10) mx = BIG
	if (vr >= BIG / 10) mr = BIG
	lo = "-"; hi = "-"
	if (infl) ratio = "unbounded"
	else {
		m = s / R; ratio = sprintf("%.3f", exp(m))
		if (R > 1) {
			sd = (ss - R * m * m) / (R - 1); if (sd < 0) sd = 0; sd = sqrt(sd)
			h = tq(R - 1) * sd / sqrt(R)
			lo = sprintf("%.3f", exp(m - h)); hi = sprintf("%.3f", exp(m + h))
		}
	}
	if (count) { fx = sprintf("%d", mx); fr = sprintf("%d", mr) } else { fx = fmt(mx); fr = fmt(mr) }
	printf "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", name, fx, fr, ratio, lo, hi, R, commit >summary
	used = ""
	for (r = 1; r <= nr; r++)
		if ((metric, x, rnd[r]) in rq) used = used sprintf(" %s", fmt(rq[metric, x, rnd[r]]))
	printf "  %-32s %10s %10s %9s  (95%%: %s .. %s)  rounds:%s\n", name, fx, fr, ratio, lo, hi, used
}
# The second view, by minutes: for arm X, the log ratio of X's to ref's
# median bring-up in each minute both have finite, in minute order within
# each round; B resamples of 5-minute moving blocks within each round,
# pooled over the rounds.  Bring-ups of 100-600 s make neighbouring
# minutes alike, hence blocks, and minutes are not replicates of a round:
# the rounds' interval above is the one to read.
function boot_view(x,    i, r, j, k, y, c, v, w, lm, mm, ml, nm, got, inf, b, s, cnt, L, st, q, lo, hi, bs, h) {
	got = 0; inf = 0; srand(1); L = 5
	for (i = 1; i <= nr; i++) {
		r = rnd[i]; nm[r] = 0
		k = split(mins[x, r], ml, " ")
		for (j = 1; j <= k; j++) mm[j] = ml[j] + 0
		sortv(mm, k)
		for (j = 1; j <= k; j++) {
			if (!((ref, r, mm[j]) in inmin)) continue
			c = inmin[x, r, mm[j]]; delete v
			for (y = 1; y <= c; y++) v[y] = bv[x, r, mm[j], y]
			sortv(v, c); q = quant(v, c, 0.5)
			c = inmin[ref, r, mm[j]]; delete w
			for (y = 1; y <= c; y++) w[y] = bv[ref, r, mm[j], y]
			sortv(w, c); h = quant(w, c, 0.5)
			if (q >= BIG / 10 || h >= BIG / 10 || q <= 0 || h <= 0) { inf++; continue }
			lm[r, ++nm[r]] = log(q / h); got++
		}
	}
	if (!got) return
	for (b = 1; b <= 2000; b++) {
		s = 0; cnt = 0
		for (i = 1; i <= nr; i++) {
			r = rnd[i]; k = nm[r]
			if (!k) continue
			for (y = 0; y < k; ) {
				st = (k > L) ? int(rand() * (k - L + 1)) + 1 : 1
				for (j = st; j < st + L && j <= k && y < k; j++) { s += lm[r, j]; cnt++; y++ }
			}
		}
		bs[b] = s / cnt
	}
	sortv(bs, 2000)
	s = 0; for (i = 1; i <= nr; i++) for (j = 1; j <= nm[rnd[i]]; j++) s += lm[rnd[i], j]
	printf "  %-32s %9.3f  (95%%: %.3f .. %.3f; over %d minutes; %d with an infinite median left out)\n",
	    "per-minute median ratio:" x, exp(s / got), exp(quant(bs, 2000, 0.025)), exp(quant(bs, 2000, 0.975)), got, inf
}
# A row that is no arm's: the same figure in both columns.
function plain(metric, v, R) {
	printf "%s\t%s\t%s\t-\t-\t-\t%d\t%s\n", metric, v, v, R, commit >summary
}

BEGIN {
	split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 " \
	    "2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 2.052 2.048 2.045 2.042", tab, " ")
	split("1 2 5 10 20 30 60 120 300 600", surv, " ")
}
# rounds.tsv: kind n round secs rate starts_per_s host_pct guest_pct kthread_pct host_top guest_top clean
NR == FNR {
	if ($1 != "paired" || $2 != n) next
	rinfo[$3] = $0; rate = $5; sps[$3] = $6; cl[$3] = $12
	next
}
# pppds.csv: kind,arm,end,n,round,session,start_s,status,exit_s,reason,up_s,cpu_user_ms,cpu_sys_ms,ipup_cpu_ms
FNR == 1 { FS = ","; $0 = $0 }
FNR > 1 && $1 == "paired" && $4 == n {
	a = $2; e = $3; r = $5
	if (!(r in seen)) { seen[r] = 1; rnd[++nr] = r }
	if (!(a in isarm)) { isarm[a] = 1 }
	cpu = ($12 ~ /^[0-9.]+$/ && $13 ~ /^[0-9.]+$/) ? $12 + $13 : ""
	if (e == "lac") {
		if (cpu != "") { lacs[a, r] += cpu; lacn[a, r]++ }
		next
	}
	sess[a, r]++; tot[a]++
	if (cpu != "") { cs[a, r] += cpu; cu[a, r] += $12; cy[a, r] += $13; cn[a, r]++ }
	if ($11 == "-") { fl[a, r]++; ftot[a]++; bu = BIG }
	else {
		bu = $11 + 0
		if ($14 != "-") { ic[a, r] += $14; icn[a, r]++ }
		for (j = 1; j in surv; j++) if (bu <= surv[j]) sv[a, j]++
		if ($10 != "killed at teardown") { lost[a, r]++ }
	}
	m = int($7 / 60); if (m < 0) m = 0
	if (!((a, r, m) in inmin)) { mins[a, r] = mins[a, r] " " m }
	c = ++inmin[a, r, m]; bv[a, r, m, c] = bu
}
END {
	if (!nr) { print "  (no paired results for " n " sessions: see build/bench/console.log)"; exit }
	# Rounds in order.
	for (i = 2; i <= nr; i++) { t = rnd[i]; for (j = i - 1; j >= 1 && rnd[j] + 0 > t + 0; j--) rnd[j + 1] = rnd[j]; rnd[j + 1] = t }
	for (x = 1; x <= nk; x++) {
		a = arm[x]
		for (i = 1; i <= nr; i++) {
			r = rnd[i]
			if (!sess[a, r]) continue
			if (cn[a, r]) {
				val["cpu_ms_per_session", a, r] = cs[a, r] / cn[a, r]
				val["cpu_user_ms_per_session", a, r] = cu[a, r] / cn[a, r]
				val["cpu_sys_ms_per_session", a, r] = cy[a, r] / cn[a, r]
			}
			if (lacn[a, r]) val["cpu_ms_per_session_lac", a, r] = lacs[a, r] / lacn[a, r]
			if (icn[a, r]) val["cpu_ms_to_ipup", a, r] = ic[a, r] / icn[a, r]
			val["failed_sessions", a, r] = fl[a, r] + 0
			val["lost_after_up", a, r] = lost[a, r] + 0
			# Per minute: the median and p90 of the arm's sessions
			# started in it; then the median of those over the minutes.
			k = split(mins[a, r], ml, " "); delete md; delete m9
			for (j = 1; j <= k; j++) {
				c = inmin[a, r, ml[j]]; delete v
				for (y = 1; y <= c; y++) v[y] = bv[a, r, ml[j], y]
				sortv(v, c); md[j] = quant(v, c, 0.5); m9[j] = quant(v, c, 0.9)
			}
			sortv(md, k); sortv(m9, k)
			val["bringup_median_s", a, r] = quant(md, k, 0.5)
			val["bringup_p90_s", a, r] = quant(m9, k, 0.5)
		}
	}
	clean_rounds = 0
	for (i = 1; i <= nr; i++) if (cl[rnd[i]] == "yes") clean_rounds++
	clean = (clean_rounds == nr) ? "yes" : "no"
	printf "Paired: N = %s sessions, %d rounds, arms %s (session i runs arm (i + round) mod %d), reference %s\n", n, nr, arms, nk, ref
	printf "  clean: %s (%d of %d rounds with less than the limit of other CPU on host and guest)\n", clean, clean_rounds, nr
	for (i = 1; i <= nr; i++) {
		split(rinfo[rnd[i]], ri, "\t")
		printf "  round %s: %s s, starts %s, %s/s achieved; other CPU (%% of one core): host %s, guest %s; clean %s%s%s\n",
		    rnd[i], ri[4], ri[5] == 0 ? "all at once" : ri[5] "/s asked", ri[6], ri[7], ri[8], ri[12],
		    ri[10] == "-" ? "" : "; host's busiest others " ri[10], ri[11] == "-" ? "" : "; guest's " ri[11]
	}
	printf "  LNS sessions per arm (all rounds):"
	for (x = 1; x <= nk; x++) printf " %s %d (failed %d)", arm[x], tot[arm[x]], ftot[arm[x]]
	printf "\n\n  %-32s %10s %10s %9s  (failed sessions and lost after up: totals over the rounds)\n", "metric[:arm]", "arm", ref, "ratio"
	printf "metric\tours\tdebian\tratio\tlow95\thigh95\trounds\tcommit\n" >summary
	split("cpu_ms_per_session cpu_user_ms_per_session cpu_sys_ms_per_session cpu_ms_per_session_lac cpu_ms_to_ipup " \
	    "bringup_median_s bringup_p90_s failed_sessions lost_after_up", metrics, " ")
	for (x = 1; x <= nk; x++) {
		if (arm[x] == ref) continue
		for (j = 1; j in metrics; j++)
			compare(metrics[j], arm[x], metrics[j] == "failed_sessions" || metrics[j] == "lost_after_up")
	}
	s = 0; c = 0
	for (i = 1; i <= nr; i++) if (sps[rnd[i]] != "-") { s += sps[rnd[i]]; c++ }
	plain("starts_per_s_asked", rate == 0 ? "all" : rate, nr)
	plain("starts_per_s_achieved", c ? sprintf("%.3f", s / c) : "-", c)
	plain("clean", clean, nr)
	plain("clean_rounds", clean_rounds, nr)
	printf "\n  Second view, minutes as samples (5-minute block bootstrap within rounds): bring-up, arm / %s\n", ref
	for (x = 1; x <= nk; x++) if (arm[x] != ref) boot_view(arm[x])
	printf "\n  Sessions up within T seconds of their start, all rounds (failed ones never are)\n  %-10s", "T (s)"
	for (j = 1; j in surv; j++) printf " %6s", surv[j]
	printf " %6s\n", "never"
	for (x = 1; x <= nk; x++) {
		a = arm[x]; printf "  %-10s", a
		for (j = 1; j in surv; j++) printf " %6d", sv[a, j]
		printf " %6d\n", ftot[a]
	}
}
