# Per-run figures from the sessions of one run, sorted by bring-up time.
# Input: plugin n round start_s up_s cpu_ms bringup_s (sorted by plugin,
# n, round, then bring-up).  Output, one line per run:
#   plugin n round sessions p50 p99 max total cpu_ms_mean negative
# p50/p99 are nearest-rank percentiles; "negative" counts sessions whose
# ip-up came before their start, which only a broken clock or a mixed-up
# record can produce.
function flush() {
	if (k == 0)
		return
	printf "%s %s %s %d %.3f %.3f %.3f %.3f %.2f %d\n", key_p, key_n, key_r, k,
	    t[rank(50)], t[rank(99)], t[k], last - first, cpu / k, neg
}
function rank(p,    i) {
	i = int(k * p / 100)
	if (i < k * p / 100)
		i++
	return i < 1 ? 1 : i
}
{
	if ($1 != key_p || $2 != key_n || $3 != key_r) {
		flush()
		key_p = $1; key_n = $2; key_r = $3
		k = 0; cpu = 0; neg = 0; first = $4; last = $5
	}
	t[++k] = $7
	cpu += $6
	if ($7 < 0) neg++
	if ($4 < first) first = $4
	if ($5 > last) last = $5
}
END { flush() }
