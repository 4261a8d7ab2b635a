#!/bin/sh
# Run guest scenarios for one Debian suite: build (or reuse) the guest,
# build the plugin and test tools for it, pack them as the payload, boot,
# and print the verdict lines.  Exits non-zero when any scenario failed or
# the guest did not finish.
#   run.sh SUITE [SCENARIO...]   (SUITE: a line of suites; default: all in scenarios/)
set -eu
suite=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$top/build}
# The suite's root (Debian's packages, kernel, headers) is shared; each
# run has a directory of its own for its plugins, payload and console, so
# a sanitizer run can boot beside a plain one.  RUN_DIR names another.
root=$build/$suite
run=$root
[ -z "${SANITIZE:-}" ] || run=$build/$suite-san
run=${RUN_DIR:-$run}
mkdir -p "$root" "$run"

# One guest at a time per run directory: two would rebuild the same
# plugins and payload and overwrite each other's console log.  A caller
# that holds the lock already (the benchmark) passes it down.
if [ -z "${GUEST_LOCKED:-}" ]; then
	exec 9>"$run/.guest-lock"
	flock -n 9 || {
		echo "FAIL: $suite guest: another guest is running from $run;" \
		    "wait for it, or give this one RUN_DIR=<another directory>"
		exit 1
	}
	export GUEST_LOCKED=1
fi

# Runs that share the root wait for the one building it.
exec 8>"$root/.root-lock"
flock 8
if [ ! -f "$root/base.cpio" ] || [ "$here/fetch.sh" -nt "$root/base.cpio" ] ||
    [ "$here/mkroot.sh" -nt "$root/base.cpio" ] || [ "$here/init" -nt "$root/base.cpio" ]; then
	echo "guest $suite: fetching Debian packages and building the guest"
	"$here/fetch.sh" "$suite" "$root"
	"$here/mkroot.sh" "$root"
fi
exec 8>&-

# SANITIZE=1: every plugin built with ASan and UBSan, in a directory of
# its own, and run in Debian's pppd with their runtime (san-pppd).  The
# verdicts name the run "SUITE+san".
plugin=$run/plugin
label=$suite
san_cflags=
if [ -n "${SANITIZE:-}" ]; then
	plugin=$run/plugin-san
	label=$suite+san
	san_cflags="-O2 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
fi
# pppol2tp-no-SYM.so: the plugin as a pppd without the internal SYM sees it.
internals="hungup link_terminated req_ifname"
make -s -C "$top" WERROR=1 O="$plugin" PPPD_INCLUDEDIR="$root/dev/usr/include" \
	${san_cflags:+CFLAGS="$san_cflags"} all "$plugin/hookrec.so" \
	$(for s in $internals; do echo "$plugin/pppol2tp-no-$s.so"; done) >"$run/build.log" 2>&1 || {
	cat "$run/build.log" >&2; exit 1; }
# The test tools are shared by every run from this build directory.
(flock 8 && make -s -C "$top" WERROR=1 tools O="$build/tools") 8>"$build/.tools-lock" \
	>"$run/build.log" 2>&1 || { cat "$run/build.log" >&2; exit 1; }
version=$(make -s -C "$top" PPPD_INCLUDEDIR="$root/dev/usr/include" pppd-version)

# Every scenario by default; under SANITIZE=1 those that say "# sanitize:
# no" (memcheck: valgrind and ASan's runtime cannot share a process).
[ $# -gt 0 ] || set -- $(cd "$here/scenarios" && for f in *.sh; do
	[ -n "${SANITIZE:-}" ] && grep -q '^# sanitize: no' "$f" || echo "${f%.sh}"
done)
# Layers of Debian packages beyond the base root that a scenario names
# on a line "# layer: NAME" (fetch.sh SUITE DIR NAME), built once and
# cached beside the root, and put in the payload only when asked for.
layers=
for s in "$@"; do
	[ ! -f "$here/scenarios/$s.sh" ] ||
	    layers="$layers $(sed -n 's/^# layer: \([a-z]*\)$/\1/p' "$here/scenarios/$s.sh")"
done
for l in $(echo $layers | tr ' ' '\n' | sort -u); do
	(
		flock 8
		if [ ! -f "$root/$l.cpio" ] || [ "$here/fetch.sh" -nt "$root/$l.cpio" ] ||
		    [ "$here/mkroot.sh" -nt "$root/$l.cpio" ]; then
			echo "guest $suite: fetching the $l layer"
			"$here/fetch.sh" "$suite" "$root" "$l" && "$here/mkroot.sh" "$root" "$l"
		fi
	) 8>"$root/.root-lock" || exit 1
done
pl=$run/payload
rm -rf "$pl"
mkdir -p "$pl/payload/bin" "$pl/usr/lib/pppd/$version"
cp "$here/main" "$here/lib.sh" "$pl/payload/"
cp -r "$here/scenarios" "$pl/payload/"
# The demo is a scenario of its own, run only when asked for.
[ -z "${DEMO:-}" ] || cp "$here/demo-guest.sh" "$pl/payload/scenarios/demo.sh"
[ -z "${CAPTURE:-}" ] || cp "$top/tests/fuzz/capture-guest.sh" "$pl/payload/scenarios/capture.sh"
# check-pppd's pppds and what they need in the root (musl's loader).
if [ -n "${PPPDS:-}" ]; then
	cp "$here/pppds.sh" "$pl/payload/scenarios/"
	cp -r "$PPPDS/builds" "$pl/payload/pppds"
	[ ! -d "$PPPDS/root" ] || cp -a "$PPPDS/root/." "$pl/"
fi
if [ -n "${BENCH_SIZES:-}${BENCH_PAIRED_SIZES:-}" ]; then
	cp "$top/tests/bench/guest.sh" "$pl/payload/scenarios/bench.sh"
	# The benchmark's settings (tests/bench/bench.sh sets them all), for
	# the guest to source.
	env | grep '^BENCH_[A-Z_]*=' | sed "s/'/'\\\\''/g; s/=/='/; s/\$/'/" >"$pl/payload/bench.env"
	cp "$top/tests/bench/spec.sh" "$pl/payload/bench-spec.sh"
	# callgrind counts pppd's instructions.
	mkdir -p "$pl/payload/vg"
	cp "$root/valgrind/usr/libexec/valgrind/callgrind-amd64-linux" "$pl/payload/vg/"
fi
# memcheck for the memcheck scenario (not beside ASan): the launcher, the
# tool and their preloads, and the suite's own suppressions of its libc.
if [ -z "${SANITIZE:-}" ]; then
	vg=$root/valgrind/usr/libexec/valgrind
	mkdir -p "$pl/payload/vg"
	cp "$root/valgrind/usr/bin/valgrind.bin" "$vg/memcheck-amd64-linux" \
		"$vg/vgpreload_core-amd64-linux.so" "$vg/vgpreload_memcheck-amd64-linux.so" \
		"$vg/default.supp" "$pl/payload/vg/"
	cp "$here/memcheck.supp" "$pl/payload/"
	# The loader's symbols, found by its build ID as valgrind looks.
	ld=$(find "$root/root" -name 'ld-linux-x86-64.so.2' -type f | head -n 1)
	id=$(readelf -n "$ld" | sed -n 's/^ *Build ID: \([0-9a-f]*\)$/\1/p')
	dbg=.build-id/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-).debug
	[ -f "$root/libc-dbg/usr/lib/debug/$dbg" ] || {
		echo "run.sh: no symbols for $ld (build ID $id) in $suite's libc6-dbg" >&2; exit 1; }
	mkdir -p "$pl/usr/lib/debug/$(dirname "$dbg")"
	cp "$root/libc-dbg/usr/lib/debug/$dbg" "$pl/usr/lib/debug/$dbg"
fi
cp "$build"/tools/bin/* "$pl/payload/bin/"
cp "$plugin/pppol2tp.so" "$pl/usr/lib/pppd/$version/"
cp "$plugin/hookrec.so" "$plugin"/pppol2tp-no-*.so "$pl/payload/"
[ ! -f "$plugin/openl2tp.so" ] || cp "$plugin/openl2tp.so" "$pl/usr/lib/pppd/$version/"
if [ -n "${SANITIZE:-}" ]; then
	# A plugin built without the sanitizers would pass without being
	# checked at all.
	for so in "$plugin"/*.so; do
		readelf -d "$so" | grep -q 'NEEDED.*\[libasan\.so' || {
			echo "run.sh: $so is not built with ASan" >&2; exit 1; }
	done
	# Debian's pppd moves aside for san-pppd, which preloads the runtime
	# of the compiler that built the plugins (this host's gcc: it runs on
	# the later suites' glibc as the test tools do).
	mkdir -p "$pl/payload/san" "$pl/usr/sbin"
	cp -p "$root/img/usr/sbin/pppd" "$pl/payload/san/pppd"
	cp "$here/san-pppd" "$pl/usr/sbin/pppd"
	cp "$here/asan.supp" "$pl/payload/san/"
	for lib in libasan.so libubsan.so libstdc++.so; do
		f=$(readlink -f "$(${CC:-cc} -print-file-name=$lib)")
		soname=$(readelf -d "$f" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
		[ -n "$soname" ] || { echo "run.sh: no $lib for ${CC:-cc}" >&2; exit 1; }
		cp "$f" "$pl/payload/san/$soname"
	done
	touch "$pl/payload/sanitize"
fi
echo "$label" >"$pl/payload/suite"
[ -z "${VERBOSE:-}" ] || touch "$pl/payload/verbose"
[ -z "${CYCLES:-}" ] || echo "$CYCLES" >"$pl/payload/cycles"
[ -z "${SCENARIO_LIMIT:-}" ] || echo "$SCENARIO_LIMIT" >"$pl/payload/scenario-limit"
echo "$@" >"$pl/payload/scenarios.list"
{
	for l in $(echo $layers | tr ' ' '\n' | sort -u); do cat "$root/$l.cpio"; done
	(cd "$pl" && find . | cpio -o -H newc --quiet)
} >"$run/payload.cpio"

# The guest's own limit follows from its scenarios' limits, plus the
# two minutes boot.sh gives a kernel to reach init and one for the rest.
if [ -n "${SCENARIO_LIMIT:-}" ]; then
	sum=$(( $# * SCENARIO_LIMIT ))
else
	sum=$(cd "$pl/payload/scenarios" && for s in "$@"; do cat "$s.sh"; done |
	    sed -n 's/^# time limit: \([0-9][0-9]*\) s$/\1/p' |
	    awk '{ t += $1 } END { print t + 0 }')
fi
guest_limit=${GUEST_LIMIT:-$(( sum + 180 ))}

log=$run/console.log
rm -f "$log"
echo "guest $suite: booting for scenarios: $* (at most $guest_limit s)"
rc=0
"$here/boot.sh" "$root" "$run/payload.cpio" "$log" "${GUEST_MEM:-1024}" 2 "$guest_limit" || rc=$?
grep -E '^(PASS|FAIL|SKIP): ' "$log" || true
# main ends every run with this line: without it the guest died or was
# stopped part-way, and scenarios after that gave no verdict at all.
if [ $rc -ne 0 ] || ! grep -q '^--- scenarios done' "$log"; then
	echo "FAIL: $label guest: did not finish (status $rc; see $log)"
	tail -n 30 "$log"
	exit 1
fi
if grep -q '^FAIL: ' "$log"; then
	[ -z "${VERBOSE:-}" ] || cat "$log"
	exit 1
fi
exit 0
