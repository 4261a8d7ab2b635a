#!/bin/sh
# Build the libFuzzer targets (clang, ASan, UBSan) and run each for a set
# time on its corpus:  fuzz.sh SECONDS_PER_TARGET [TARGET...]
# Prints one PASS:/FAIL: line per target with the executions and coverage
# reached; a crash leaves its input in build/fuzz/ and fails.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
seconds=${1:-10}
shift
[ $# -gt 0 ] || set -- l2tp_addr event_encode l2tp_watch
out=build/fuzz
mkdir -p "$out"
CC_FUZZ=${CC_FUZZ:-clang}
status=0
for t in "$@"; do
	src=$t.c
	if ! $CC_FUZZ -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" \
	    "$src" 2>"$out/$t.build.log"; then
		echo "FAIL: fuzz $t: does not build"
		cat "$out/$t.build.log"
		status=1
		continue
	fi
	# New inputs go to a scratch corpus; the committed seeds stay as they are.
	mkdir -p "$out/corpus_$t"
	"$out/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 \
	    -artifact_prefix="$out/crash_$t-" "$out/corpus_$t" \
	    "tests/fuzz/corpus/$t" >"$out/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
	cov=$(grep -o 'cov: [0-9]*' "$out/$t.log" | tail -n 1)
	if [ $rc -eq 0 ]; then
		echo "note: fuzz $t: $runs executions in ${seconds}s, $cov"
		echo "PASS: fuzz $t: no crash"
	else
		echo "FAIL: fuzz $t: crashed (exit $rc), input in $out/"
		grep -A 20 'ERROR' "$out/$t.log" | head -n 30
		status=1
	fi
done
exit $status
