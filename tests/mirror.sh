#!/bin/sh
# The mirror cannot fail the suite: through a mirror that refuses the first
# request for each file (tests/flaky-mirror.py, on 127.0.0.1), apt's
# retries of each file as the suite sets them (tests/retry.sh), without a
# second run, update two suites' lists and download packages; a whole run
# that failed is run again after a pause; and a package the suites do not
# have ends in one FAIL line naming it, the suites and the command to
# rerun.  Reads bookworm-updates and bookworm-security (lists of some
# 400 kB): two suites, so that a file apt retries has others queued behind
# it.  Its lists are its own, as tests/guest/fetch.sh's are.
# Prints PASS:/FAIL: lines.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/retry.sh"
# The test's runs that fail every try wait out every pause.
mirror_pause=1
suite="bookworm-updates bookworm-security"
failed=0
pass() { echo "PASS: mirror: $*"; }
fail() { echo "FAIL: mirror: $*"; failed=1; }

tmp=$(mktemp -d)
# apt fetches as _apt where it can reach the directory.
chmod 755 "$tmp"
python3 "$top/tests/flaky-mirror.py" "$tmp/port" "$tmp/proxy.log" 120 &
proxy=$!
trap 'kill $proxy 2>/dev/null; rm -rf "$tmp"' EXIT
n=0
while [ ! -s "$tmp/port" ] && [ $n -lt 50 ]; do
	sleep 0.1
	n=$((n + 1))
done
[ -s "$tmp/port" ] || { fail "the flaky mirror did not start"; exit 1; }

mkdir -p "$tmp/lists/partial" "$tmp/sources" "$tmp/cache/archives/partial" "$tmp/debs"
cat >"$tmp/sources/test.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
# No dpkg status: the host's installed versions are not the suite's
# candidates (apt would find no source for them in these lists).
opts="-o Dir::State::Lists=$tmp/lists -o Dir::Etc::SourceList=/dev/null
	-o Dir::Etc::SourceParts=$tmp/sources -o Dir::Cache=$tmp/cache
	-o Dir::State::status=/dev/null -o Debug::NoLocking=1
	-o Acquire::http::Proxy=http://127.0.0.1:$(cat "$tmp/port") $apt_retries"
# A hang of apt's is a failure here, not a stuck suite.
run() {
	tool=$1
	shift
	timeout 60 "$tool" $opts "$@"
}

# refused_then_got WHAT PATTERN: every URL matching PATTERN that the
# mirror answered was refused once before, and there was one at least.
refused_then_got() {
	got=$(grep -E "^200 .*$2" "$tmp/proxy.log" | cut -d' ' -f2)
	bad=
	for u in $got; do
		[ "$(grep -cxF "503 $u" "$tmp/proxy.log")" = 1 ] || bad="$bad $u"
	done
	if [ -z "$got" ]; then
		echo "note: mirror: $1: proxy log: $(tr '\n' ' ' <"$tmp/proxy.log")"
		fail "$1: the mirror gave no file matching $2"
	elif [ -n "$bad" ]; then
		echo "note: mirror: $1: got without a refusal first:$bad"
		fail "$1: every file refused once, then got"
	else
		echo "note: mirror: $1: $(echo "$got" | wc -l) file(s) refused once, then got"
		pass "$1: every file refused once, then got"
	fi
}

# Run once, not through retry: its second run would hide apt's retries.
if run apt-get -qq $apt_update >"$tmp/update.log" 2>&1; then
	refused_then_got "apt-get update through a mirror that refuses each file once" \
	    "/dists/"
else
	cat "$tmp/update.log"
	fail "apt-get update through a mirror that refuses each file once failed (or hung)"
fi

# The three smallest packages of the suites.
pkg=$(run apt-cache dumpavail | awk '/^Package: / { p = $2 } /^Size: / { print $2, p }' |
	sort -n | head -n 3 | cut -d' ' -f2 | tr '\n' ' ')
pkg=${pkg% }
if [ -z "$pkg" ]; then
	fail "no package in $suite's lists to download"
elif (cd "$tmp/debs" && run apt-get download $pkg) >"$tmp/download.log" 2>&1 &&
    [ "$(ls "$tmp/debs" | wc -l)" = "$(echo $pkg | wc -w)" ]; then
	echo "note: mirror: downloading $pkg, the suites' three smallest packages"
	refused_then_got "apt-get download of three packages through the same mirror" "/pool/.*\.deb$"
else
	cat "$tmp/download.log"
	fail "apt-get download of three packages through a mirror that refuses each file once failed (or hung)"
fi

# A whole run that failed is run again, after a pause.
: >"$tmp/runs"
once() {
	echo run >>"$tmp/runs"
	[ "$(wc -l <"$tmp/runs")" -gt 1 ]
}
if retry "$tmp/once.log" once 2>"$tmp/once.err" && [ "$(wc -l <"$tmp/runs")" = 2 ] &&
    grep -q "^note: try 1 of $mirror_tries failed .*again in $mirror_pause s" "$tmp/once.err"; then
	pass "a run that failed once passed on its second run, after a pause"
else
	echo "note: mirror: $(wc -l <"$tmp/runs") run(s), notes: $(cat "$tmp/once.err")"
	fail "a run that failed once passed on its second run, after a pause"
fi

missing=pppol2tp-no-such-package
rerun="tests/mirror.sh"
if (cd "$tmp/debs" && retry "$tmp/missing.log" run apt-get download $missing) 2>"$tmp/missing.err"; then
	fail "apt-get download $missing passed"
else
	msg=$(mirror_fail mirror "$suite" "$rerun" "$tmp/missing.log")
	# Quoted in one line of ours, it must start no line.
	flat=$(echo "$msg" | tr '\n' ' ')
	verdicts=$(echo "$msg" | grep -c '^\(PASS\|FAIL\): ')
	line=$(echo "$msg" | grep '^FAIL: ')
	notes=$(grep -c '^note: try ' "$tmp/missing.err")
	case $line in
	"FAIL: mirror: could not get $missing from $suite after $mirror_tries tries; rerun: $rerun")
		if [ "$verdicts" = 1 ] && [ "$notes" = $((mirror_tries - 1)) ]; then
			pass "a missing package, after $mirror_tries tries, is one line: '$line'"
		else
			fail "a missing package: $verdicts verdict line(s), $notes retry note(s): $flat"
		fi ;;
	*) fail "a missing package is not named, with its suite and rerun, in: $flat" ;;
	esac
fi
exit $failed
