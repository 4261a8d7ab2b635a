#!/bin/sh
# make check: the host unit tests (under ASan+UBSan and under valgrind), a
# short run of each fuzz target, then every guest scenario on each Debian
# suite of tests/guest/suites (bookworm: kernel 6.1, pppd 2.4.9; trixie:
# 6.12, pppd 2.5.2; unstable: 7.2, pppd 2.5.2), the Debian package of
# bookworm and trixie built and installed in a real root, make install's
# refusals, and the downloads' retries through a mirror that refuses each
# file once.  One run per tree at a time.
# Prints PASS:/FAIL: lines and ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/check
mkdir -p "$out"
results=$out/results

# step NAME COMMAND...: run a step, keep its verdict lines, and turn a
# failure that printed no FAIL: line into one.
step() {
	name=$1
	shift
	echo "== $name"
	t0=$(date +%s)
	"$@" >"$out/$name.log" 2>&1
	rc=$?
	echo "== $name: $(( $(date +%s) - t0 )) s"
	grep -E '^(PASS|FAIL): ' "$out/$name.log" | tee -a "$results"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$out/$name.log"; then
		echo "FAIL: $name: exited $rc" | tee -a "$results"
		tail -n 40 "$out/$name.log"
	fi
	if [ $rc -ne 0 ] && [ -n "${CI:-}" ]; then
		tail -n 60 "$out/$name.log"
	fi
}

# build_fresh LABEL DIR [MAKE ARGS]: build both plugins from nothing into
# DIR and pass only when the compiler printed nothing at all (-Werror
# turns a warning into a failure too); anything it printed is shown.
build_fresh() {
	label=$1
	dir=$2
	shift 2
	rm -rf "$dir"
	mkdir -p "$dir"
	if make -s O="$dir" WERROR=1 "$@" all >"$dir/build.log" 2>&1 &&
	    [ ! -s "$dir/build.log" ]; then
		echo "PASS: build $label: both plugins compiled from scratch, zero warnings"
	else
		echo "FAIL: build $label: the compiler said:"
		cat "$dir/build.log"
		return 1
	fi
}

# The unit tests again, without sanitizers, under valgrind.
unit_valgrind() {
	make -s WERROR=1 unit-valgrind >"$out/valgrind.raw" 2>&1
	rc=$?
	sed 's/^\(PASS\|FAIL\): unit /\1: valgrind /' "$out/valgrind.raw"
	return $rc
}

suites=$(awk '/^[a-z]/ { print $1 }' tests/guest/suites)

# The same against each guest suite's pppd headers (fetched by its guest).
build_for_guests() {
	rc=0
	for suite in $suites; do
		build_fresh "for $suite's pppd" "build/warn-$suite" \
		    PPPD_INCLUDEDIR="build/$suite/dev/usr/include" || rc=1
	done
	return $rc
}

# The second lane: pppd's builds from upstream's trees, their session
# guest, and the sanitizer runs.  A guest spends most of its time waiting
# on pppd's timers, so this lane runs beside the plain guests and the
# suite takes the longest lane's time instead of the sum.  Its verdicts
# go to a results file of its own, shown when it is done.
lane_two() {
	results=$out/results.lane
	: >"$results"
	step pppd tests/pppd/check-pppd.sh
	# The upstream series regenerated, applied to ppp's master and built
	# there as its CI builds (about 4 minutes, host only).
	step upstream tests/upstream.sh
	# The same scenarios again with every plugin under ASan and UBSan,
	# inside Debian's own pppd, and one verdict that no sanitizer report
	# was written (tests/guest/san-pppd).
	for suite in ${SAN_SUITES:-bookworm unstable}; do
		step "$suite-san" env SANITIZE=1 tests/guest/run.sh "$suite"
	done
}
# Run through timeout, the lane is a process group of its own that an
# interrupted suite takes down whole, qemu included.
if [ "${1:-}" = --lane-two ]; then
	lane_two
	exit 0
fi

# A second run in this tree would empty the first one's results and
# rebuild what it is testing.
exec 7>build/.check-lock
if ! flock -n 7; then
	echo "FAIL: check: another make check is running in $top; wait for it"
	echo "0 passed, 1 failed"
	exit 1
fi
: >"$results"
started=$(date +%s)

step deps tests/deps.sh
# The package's round trip boots no guest: it runs beside the rest, which
# saves its minutes of mmdebstrap on a fresh machine.  Its limit: 8 min
# cold with both cores busy here (two suites' roots from the mirror), 4x
# for a slower machine and mirror, 2x margin.
timeout 3840 make -s check-deb >"$out/deb.bg" 2>&1 &
deb_pid=$!
# An interrupted suite takes its background job with it: a second one
# would run deb.sh in the same build/deb while the first still did.
lane_pid=
trap '[ -z "$deb_pid" ] || kill $deb_pid 2>/dev/null; [ -z "$lane_pid" ] || kill $lane_pid 2>/dev/null' EXIT
trap 'exit 130' INT TERM
deb_result() {
	wait $deb_pid
	rc=$?
	deb_pid=
	cat "$out/deb.bg"
	[ $rc -ne 124 ] || echo "FAIL: deb: stopped at its time limit of 3840 s"
	return $rc
}
# Beside the package's mmdebstrap, as the mirror's refusals came then.
step mirror tests/mirror.sh
step build build_fresh "for the installed pppd" build/host
step install tests/install.sh
step unit make -s WERROR=1 unit
step valgrind unit_valgrind
# Its limit, a hang guard: 15 pppd builds (25 min cold on a slow
# machine) and a guest of 15 sessions and each sanitizer suite's guest
# (15 min each alone here, 4x slower elsewhere, 2x with both lanes busy).
timeout 9000 "$top/tests/check.sh" --lane-two >"$out/lane.out" 2>&1 &
lane_pid=$!
lane_result() {
	wait $lane_pid
	rc=$?
	lane_pid=
	cat "$out/lane.out"
	cat "$out/results.lane" >>"$results"
	[ $rc -ne 124 ] || echo "FAIL: lane: stopped at its time limit of 9000 s" | tee -a "$results"
}
step fuzz tests/fuzz/fuzz.sh "${FUZZ_SMOKE_SECONDS:-10}"
for suite in $suites; do
	step "$suite" tests/guest/run.sh "$suite"
done
lane_result
step warnings build_for_guests
step select tests/select.sh build/bookworm/dev/usr/include build/trixie/dev/usr/include
step deb deb_result
step abi tests/abi.sh
# A 10-session run of the benchmark, so it cannot rot; its paired part
# runs two rounds of 6 sessions, so the intervals from rounds are computed.
step bench env BENCH_SIZES=10 BENCH_PAIRED_SIZES=6 BENCH_PAIRED_ROUNDS=2 BENCH_RATES=10:5 BENCH_ECHOES=10:20 BENCH_IDLE_SIZES=10 BENCH_IDLE_ROUNDS=1 BENCH_IDLE_SECS=10 BENCH_INSN_RUNS=1 BENCH_MB=5 BENCH_MEM=1024 BENCH_LIMIT=900 tests/bench/bench.sh --smoke

echo "== make check: $(( $(date +%s) - started )) s"
passed=$(grep -c '^PASS: ' "$results")
failed=$(grep -c '^FAIL: ' "$results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
