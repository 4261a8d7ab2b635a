# The paired bring-ups of size n, from paired.txt (one session a line:
# plugin n round index start_s up_s cpu_ms).  Within one bring-up both
# plugins' sessions start side by side, so each minute of it (from its
# first start) is a pair: the two plugins' median, and 90th percentile,
# bring-up in that minute.  Minutes, not sessions, are the samples: the
# sessions of one minute share that minute's load.  The intervals come
# from resampling the minutes (within each round, rounds kept apart), and
# the rounds, whose parity is swapped, are the replicates shown.
# Needs a minute to hold at least `least' sessions of each plugin.

function sortv(a, k,    i, j, t) {
	for (i = 2; i <= k; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
}
# The q-quantile of the k values in a (sorted), nearest rank.
function quant(a, k, q,    r) {
	r = int(q * k + 0.999999)
	if (r < 1) r = 1
	if (r > k) r = k
	return a[r]
}
# Percentile p of the B bootstrap means in boot[].
function bootq(p,    i) {
	for (i = 1; i <= B; i++) tmp[i] = boot[i]
	sortv(tmp, B)
	return quant(tmp, B, p)
}
# One bootstrap mean of per-minute value v[] (d50, d90 or lr50).
function resample(what,    r, j, s, c, pick) {
	s = 0; c = 0
	for (r in rmin) {
		for (j = 1; j <= rmin[r]; j++) {
			pick = int(rand() * rmin[r]) + 1
			s += val[what, r, pick]; c++
		}
	}
	return c ? s / c : 0
}
function line(title, what, unit, islog,    i, m, lo, hi) {
	m = total[what] / nmin
	for (i = 1; i <= B; i++) boot[i] = resample(what)
	lo = bootq(0.025); hi = bootq(0.975)
	if (islog)
		printf "  %-44s %8.3f   (95%%: %.3f .. %.3f)\n", title, exp(m), exp(lo), exp(hi)
	else
		printf "  %-44s %+8.3f %s (95%%: %+.3f .. %+.3f)\n", title, m, unit, lo, hi
}

BEGIN { if (least == "") least = 5; B = 2000; srand(1) }
$2 == n {
	pl = $1; r = $3; bu = $6 - $5
	if (!(r in t0) || $5 < t0[r]) t0[r] = $5
	k++; P[k] = pl; R[k] = r; S[k] = $5; U[k] = bu
	cnt[pl]++
}
END {
	if (!cnt["ours"] || !cnt["upstream"]) {
		print "  (no paired results for " n " sessions: see build/bench/console.log)"
		exit
	}
	for (i = 1; i <= k; i++) {
		m = int((S[i] - t0[R[i]]) / 60)
		key = R[i] SUBSEP m SUBSEP P[i]
		c = ++in_min[key]; v[key, c] = U[i]
		if (!((R[i], m) in seen)) { seen[R[i], m] = 1; mins[++nm] = R[i] SUBSEP m }
	}
	nmin = 0
	for (x = 1; x <= nm; x++) {
		split(mins[x], rm, SUBSEP); r = rm[1]; m = rm[2]
		ko = in_min[r, m, "ours"]; ku = in_min[r, m, "upstream"]
		if (ko < least || ku < least) { skipped++; continue }
		for (j = 1; j <= ko; j++) a[j] = v[r, m, "ours", j]
		sortv(a, ko); o50 = quant(a, ko, 0.5); o90 = quant(a, ko, 0.9)
		for (j = 1; j <= ku; j++) b[j] = v[r, m, "upstream", j]
		sortv(b, ku); u50 = quant(b, ku, 0.5); u90 = quant(b, ku, 0.9)
		c = ++rmin[r]; nmin++
		val["d50", r, c] = o50 - u50; val["d90", r, c] = o90 - u90
		val["lr50", r, c] = (o50 > 0 && u50 > 0) ? log(o50 / u50) : 0
		total["d50"] += o50 - u50; total["d90"] += o90 - u90
		total["lr50"] += val["lr50", r, c]
		rsum[r] += o50 - u50
	}
	rounds = 0
	for (r in t0) rounds++
	printf "Paired: N = %s sessions, %d rounds, both plugins in each bring-up, session by session (parity swapped per round)\n", n, rounds
	printf "  sessions up: ours %d, upstream %d; minutes compared: %d (%d with fewer than %d sessions of a plugin left out)\n",
	    cnt["ours"], cnt["upstream"], nmin, skipped, least
	if (!nmin) exit
	line("per-minute median bring-up, ours - upstream", "d50", "s", 0)
	line("per-minute p90 bring-up, ours - upstream", "d90", "s", 0)
	line("per-minute median bring-up, ours / upstream", "lr50", "", 1)
	for (r = 1; r <= rounds; r++)
		if (rmin[r])
			printf "  round %d: median difference %+.3f s, mean over its %d minutes\n", r, rsum[r] / rmin[r], rmin[r]
}
