#!/bin/sh
# The mirror cannot fail the suite: through a mirror that refuses the first
# request for each file (tests/flaky-mirror.py, on 127.0.0.1), apt's
# retries of each file as the suite sets them (tests/retry.sh), without a
# second run, update two suites' lists and download packages; a whole run
# that failed is run again after a pause; and a package the suites do not
# have ends in one FAIL line naming it, the suites and the command to
# rerun.  And through a mirror that refuses everything for longer than
# the old retries lasted, the suite's retries get through where the old
# ones fail.  Reads bookworm-updates and bookworm-security (lists of some
# 400 kB): two suites, so that a file apt retries has others queued behind
# it.  Its lists are its own, as tests/guest/fetch.sh's are.
# Prints PASS:/FAIL: lines.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/retry.sh"
# The test's pause unit: 1 s here stands for the suite's 30 s, so that the
# runs that fail every try wait out every pause in the real number of
# runs and the real schedule's shape, in a thirtieth of the time.
real_pause=$mirror_pause
mirror_pause=1
suite="bookworm-updates bookworm-security"
failed=0
pass() { echo "PASS: mirror: $*"; }
fail() { echo "FAIL: mirror: $*"; failed=1; }

tmp=$(mktemp -d)
# apt fetches as _apt where it can reach the directory.
chmod 755 "$tmp"
proxies=
trap 'kill $proxies 2>/dev/null; rm -rf "$tmp"' EXIT
# start_mirror NAME [--down SECONDS]: a flaky mirror of its own, its port
# in $tmp/NAME.port and its requests in $tmp/NAME.log.
start_mirror() {
	m=$1
	shift
	python3 "$top/tests/flaky-mirror.py" "$@" "$tmp/$m.port" "$tmp/$m.log" 120 &
	proxies="$proxies $!"
	n=0
	while [ ! -s "$tmp/$m.port" ] && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ -s "$tmp/$m.port" ]
}
start_mirror proxy || { fail "the flaky mirror did not start"; exit 1; }

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
# apt_opts LISTS MIRROR: apt's options with LISTS, through mirror MIRROR.
apt_opts() {
	echo "-o Dir::State::Lists=$1 -o Dir::Etc::SourceList=/dev/null
	-o Dir::Etc::SourceParts=$tmp/sources -o Dir::Cache=$tmp/cache
	-o Dir::State::status=/dev/null -o Debug::NoLocking=1
	-o Acquire::http::Proxy=http://127.0.0.1:$(cat "$tmp/$2.port") $apt_retries"
}
opts=$(apt_opts "$tmp/lists" proxy)
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
    grep -q "^note: try 1 of $mirror_tries failed: .*; again in $mirror_pause s\$" "$tmp/once.err"; then
	pass "a run that failed once passed on its second run, after a pause"
else
	echo "note: mirror: $(wc -l <"$tmp/runs") run(s), notes: $(cat "$tmp/once.err")"
	fail "a run that failed once passed on its second run, after a pause"
fi

# A mirror down for longer than the old retries lasted: on a fresh machine
# both package roots failed runs at 0, 30 and 90 s, and a run minutes
# later passed.  In the test's unit the outage is 20 units, 10 minutes of
# the suite's time; the old schedule (3 runs, pauses of 1 and 2 units)
# ends inside it, the suite's (7 runs, pauses doubling up to 8 units, 31
# in all) outlasts it.  Every failed run must leave apt's output and a
# note naming the file and the mirror's answer.
outage=$((20 * mirror_pause))
# down_update NAME TRIES: apt-get update through retry, TRIES runs at
# most, through a mirror of its own that is down for $outage s from its
# first request, into empty lists.
down_update() {
	start_mirror "$1" --down "$outage" || { echo "note: mirror: $1 did not start"; return 2; }
	mkdir -p "$tmp/$1.lists/partial"
	(opts=$(apt_opts "$tmp/$1.lists" "$1") mirror_tries=$2
		retry "$tmp/$1.out" run apt-get -qq $apt_update) 2>"$tmp/$1.err"
}
# tries_seen NAME: how many runs failed, by their notes, and whether each
# has its output ("| E: Failed to fetch") and a cause naming a file of
# the mirror's and the mirror's 503.
tries_seen() {
	heads=$(grep -c '^--- try [0-9]* of ' "$tmp/$1.err")
	outs=$(awk '/^--- try / { if (t) n += f; t = 1; f = 0 }
		/^\| E: Failed to fetch http:\/\/deb\.debian\.org\// { f = 1 }
		END { if (t) n += f; print n + 0 }' "$tmp/$1.err")
	causes=$(grep -c '^note: try [0-9]* of [0-9]* failed: http://deb\.debian\.org/[^ ]* answered "503 Service Unavailable"' "$tmp/$1.err")
	pauses=$(sed -n 's/^note: try .*; again in \([0-9.]*\) s$/\1/p' "$tmp/$1.err" | tr '\n' ' ')
	echo "note: mirror: $1: $heads failed run(s), $outs with apt's output, $causes with the file and the 503; pauses: $(echo ${pauses:-none})"
	[ "$heads" -ge 1 ] && [ "$outs" = "$heads" ] && [ "$causes" = "$heads" ]
}

if down_update old 3; then
	fail "a mirror down for longer than the old retries (3 runs, 30 and 60 s) fails them"
elif tries_seen old && [ "$(grep -c '^--- try ' "$tmp/old.err")" = 3 ] &&
    grep -q '^note: try 3 of 3 failed: .*; no tries left$' "$tmp/old.err"; then
	pass "a mirror down for longer than the old retries (3 runs, 30 and 60 s) fails them"
else
	cat "$tmp/old.err"
	fail "a mirror down for longer than the old retries (3 runs, 30 and 60 s) fails them"
fi

t0=$(date +%s)
if down_update new "$mirror_tries"; then
	t=$(($(date +%s) - t0))
	n=$(grep -c '^--- try ' "$tmp/new.err")
	want=
	i=1
	while [ $i -le $n ]; do
		want="$want$(retry_pause $i) "
		i=$((i + 1))
	done
	real=
	for p in $want; do
		real="$real$((p * real_pause / mirror_pause)) "
	done
	echo "note: mirror: through $outage s down: got through on run $((n + 1)) of $mirror_tries after $t s; the suite's pauses would be: ${real% } s"
	if tries_seen new && [ "$n" -ge 3 ] && [ "$pauses" = "$want" ] &&
	    [ "$(ls "$tmp/new.lists" | grep -c '_InRelease$')" = 2 ]; then
		pass "the suite's retries outlast a mirror down for longer than the old retries"
	else
		cat "$tmp/new.err"
		echo "note: mirror: expected pauses: $want"
		fail "the suite's retries outlast a mirror down for longer than the old retries"
	fi
else
	tries_seen new
	cat "$tmp/new.err"
	fail "the suite's retries outlast a mirror down for longer than the old retries"
fi

missing=pppol2tp-no-such-package
rerun="tests/mirror.sh"
# Only the count of runs matters here: a shorter unit.
if (cd "$tmp/debs" && mirror_pause=0.25 &&
    retry "$tmp/missing.log" run apt-get download $missing) 2>"$tmp/missing.err"; then
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
		if [ "$verdicts" = 1 ] && [ "$notes" = "$mirror_tries" ]; then
			pass "a missing package, after $mirror_tries tries, is one line: '$line'"
		else
			fail "a missing package: $verdicts verdict line(s), $notes retry note(s): $flat"
		fi ;;
	*) fail "a missing package is not named, with its suite and rerun, in: $flat" ;;
	esac
fi
exit $failed
