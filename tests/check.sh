#!/bin/sh
# make check: the host unit tests (under ASan+UBSan and under valgrind), a
# short run of each fuzz target, then every guest scenario on each Debian
# suite of tests/guest/suites (bookworm: kernel 6.1, pppd 2.4.9; trixie:
# 6.12, pppd 2.5.2; unstable: 7.2, pppd 2.5.2).
# Prints PASS:/FAIL: lines and ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/check
mkdir -p "$out"
results=$out/results
: >"$results"

# step NAME COMMAND...: run a step, keep its verdict lines, and turn a
# failure that printed no FAIL: line into one.
step() {
	name=$1
	shift
	echo "== $name"
	"$@" >"$out/$name.log" 2>&1
	rc=$?
	grep -E '^(PASS|FAIL): ' "$out/$name.log" | tee -a "$results"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$out/$name.log"; then
		echo "FAIL: $name: exited $rc" | tee -a "$results"
		tail -n 40 "$out/$name.log"
	fi
	if [ $rc -ne 0 ] && [ -n "${CI:-}" ]; then
		tail -n 60 "$out/$name.log"
	fi
}

build_host() {
	make -s clean-objs && make -s O=build/host all && echo "PASS: build: pppol2tp.so for the installed pppd, zero warnings"
}

# The unit tests again, without sanitizers, under valgrind.
unit_valgrind() {
	make -s unit-valgrind >"$out/valgrind.raw" 2>&1
	rc=$?
	sed 's/^\(PASS\|FAIL\): unit /\1: valgrind /' "$out/valgrind.raw"
	return $rc
}

step deps tests/deps.sh
step build build_host
step unit make -s unit
step valgrind unit_valgrind
step fuzz tests/fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-10}"
for suite in $(awk '/^[a-z]/ { print $1 }' tests/guest/suites); do
	step "$suite" tests/guest/run.sh "$suite"
done
step abi tests/abi.sh
# A 10-session run of the benchmark, so it cannot rot.
step bench env BENCH_SIZES=10 BENCH_INSN_RUNS=1 BENCH_MB=5 BENCH_MEM=1024 BENCH_LIMIT=900 tests/bench/bench.sh --smoke

passed=$(grep -c '^PASS: ' "$results")
failed=$(grep -c '^FAIL: ' "$results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
