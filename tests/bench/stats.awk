# Shared by table.awk and idle.awk: a metric's mean over the runs of key
# k (a plugin, or a plugin and a mode), and the relative standard error
# of that mean, from runs[k], sum[k, m] and sq[k, m].
function mean(k, m) { return runs[k] ? sum[k, m] / runs[k] : 0 }
function rse(k, m,    mu, var) {
	mu = mean(k, m)
	if (runs[k] < 2 || mu == 0) return 0
	var = (sq[k, m] - runs[k] * mu * mu) / (runs[k] - 1)
	if (var < 0) var = 0
	return sqrt(var / runs[k]) / mu
}
