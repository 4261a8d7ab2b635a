# The benchmark's settings per session count, read the same way by
# tests/bench/bench.sh (which sets every BENCH_* variable) and by the
# guest (tests/bench/guest.sh, which gets them in /payload/bench.env).
# A spec is "N:VALUE ..." for some sizes, and may hold one bare VALUE for
# every other size.

# spec_for N SPEC DEFAULT: size N's value in SPEC, else DEFAULT.
spec_for() {
	v=$(echo "$2" | tr ' ' '\n' | sed -n "s/^$1:\([0-9.]*\)$/\1/p" | head -n 1)
	[ -n "$v" ] || v=$(echo "$2" | tr ' ' '\n' | grep -v : | head -n 1)
	echo "${v:-$3}"
}
# rate_for N: how many sessions a second size N's bring-ups start; 0
# (all at once) for a size BENCH_RATES does not name.
rate_for() { spec_for "$1" "$BENCH_RATES" 0; }
# echo_for N: the LCP echo interval of size N's bring-ups; Debian's
# 30 s for a size BENCH_ECHOES does not name.
echo_for() { spec_for "$1" "$BENCH_ECHOES" 30; }
# rounds_for N [SPEC]: how many rounds size N gets, from SPEC or else
# BENCH_ROUNDS; 2 for a size neither names.
rounds_for() { spec_for "$1" "${2:-$BENCH_ROUNDS}" 2; }
