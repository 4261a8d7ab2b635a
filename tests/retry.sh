# Sourced (not run) by every script that downloads from the Debian mirror.
# The mirror now and then refuses a request or drops a connection while
# other apt traffic runs: once mmdebstrap failed 8 s in with "apt download
# failed" and passed by hand a minute later.  That must not fail the suite.
# apt repeats one file that failed for a transient reason itself; its
# Acquire::Retries is spelt out since apt's default has changed between
# releases.  A whole run (apt-get update, mmdebstrap) fails for reasons a
# file's retry does not cover, so retry runs it again after a pause.  What
# still fails is one FAIL line saying what could not be had, from which
# suite, and the command to try it again.
#   MIRROR_TRIES  runs of a whole command (default 7)
#   MIRROR_PAUSE  seconds before the second run (default 30); each later
#                 pause is twice the one before, up to 8 times the first
# The mirror has refused for minutes: on a fresh machine with another
# download beside make check, both suites' package roots failed 3 runs at
# 0, 30 and 90 s (the old schedule: 3 runs, pauses of 30 and 60 s), and a
# run minutes later passed.  The default pauses, 30, 60, 120, 240, 240 and
# 240 s, wait 930 s in all, ten times the outage seen, and try every 4
# minutes once the first pauses have passed.  Both callers can afford it:
# the package step runs beside the guests, and a guest's fetch happens
# once per machine.  The package step's time limit in tests/check.sh
# (3840 s) still holds: a mirror down for good costs each of its two
# suites one root's full schedule (930 s and 7 failed runs) and no build.
mirror_tries=${MIRROR_TRIES:-7}
mirror_pause=${MIRROR_PAUSE:-30}
# apt 2.6 (bookworm) hangs for good when a file it retries after its
# delay is first in a host's queue with other files behind it (seen
# through tests/flaky-mirror.py: an update of bookworm's three suites
# stopped after one refusal); without the delay it retries at once, and
# retry's pause is the wait.
apt_retries="-o Acquire::Retries=5 -o Acquire::Retries::Delay=false"
# apt-get update only warns (and exits 0) when a list cannot be had, and
# what comes after then fails on a missing or stale list instead.
apt_update="-o APT::Update::Error-Mode=any update"

# retry LOG COMMAND...: run COMMAND with its output in LOG until it
# succeeds, $mirror_tries times at most; its status is the last run's, and
# LOG holds the last run's output.  A run that failed goes whole to
# standard error (the step's log), each line after "| ", so that what the
# mirror said in every run is kept, with a note line naming its cause.
retry() {
	retry_log=$1
	shift
	retry_n=1
	retry_t0=$(date +%s)
	while :; do
		retry_t=$(date +%s)
		"$@" >"$retry_log" 2>&1 && return 0
		retry_rc=$?
		{
			echo "--- try $retry_n of $mirror_tries, begun $((retry_t - retry_t0)) s after the first, exit $retry_rc after $(($(date +%s) - retry_t)) s: $*"
			sed 's/^/| /' "$retry_log"
		} >&2
		if [ "$retry_n" -ge "$mirror_tries" ]; then
			echo "note: try $retry_n of $mirror_tries failed: $(try_cause "$retry_log"); no tries left" >&2
			return $retry_rc
		fi
		retry_wait=$(retry_pause "$retry_n")
		echo "note: try $retry_n of $mirror_tries failed: $(try_cause "$retry_log"); again in $retry_wait s" >&2
		sleep "$retry_wait"
		retry_n=$((retry_n + 1))
	done
}

# retry_pause N: the seconds to wait after the Nth run failed.
retry_pause() {
	awk -v p="$mirror_pause" -v n="$1" \
	    'BEGIN { w = p; for (i = 1; i < n && w < 8 * p; i++) w *= 2; print w }'
}

# try_cause LOG: why the run in LOG failed, in one line: the file apt
# could not fetch and what the mirror answered (the first, and how many
# more), else apt's or mmdebstrap's last error, else the last line.
try_cause() {
	cause=$(sed -n -e 's/ *\[IP: [^]]*\]$//' \
	    -e 's/^E: Failed to fetch \([^ ]*\)  *\(.*\)$/\1 answered "\2"/p' "$1" |
	    tr -s ' ')
	if [ -n "$cause" ]; then
		cause_n=$(echo "$cause" | wc -l)
		cause=$(echo "$cause" | head -n 1)
		[ "$cause_n" -eq 1 ] || cause="$cause, and $((cause_n - 1)) more file(s)"
		echo "$cause"
	elif grep -q '^E: ' "$1"; then
		grep '^E: ' "$1" | tail -n 1
	elif grep -q . "$1"; then
		echo "it said last: $(grep . "$1" | tail -n 1)"
	else
		echo "it printed nothing"
	fi
}

# what_failed LOG: the packages or package lists that apt's errors in LOG
# name (nothing when they name none).
what_failed() {
	sed -n -e 's/^E: Unable to locate package \(.*\)$/\1/p' \
	    -e "s/^E: Package '\\([^']*\\)' has no installation candidate\$/\\1/p" \
	    -e "s/^E: Can't find a source to download version '[^']*' of '\\([^':]*\\).*/\\1/p" \
	    -e 's|^E: Failed to fetch .*/\([^/_]*\)_[^/ ]*\.deb .*|\1|p' \
	    -e 's|^E: Failed to fetch .*/dists/\([^/]*\)/.*|the package lists of \1|p' "$1" |
	    sort -u | tr '\n' ' ' | sed 's/ $//'
}

# mirror_fail WHO SUITE RERUN LOG: the one verdict line of a download that
# failed every try, with apt's last error below it for the log.
mirror_fail() {
	mirror_what=$(what_failed "$4")
	echo "FAIL: $1: could not get ${mirror_what:-its packages} from $2 after $mirror_tries tries; rerun: $3"
	grep '^E: ' "$4" | tail -n 5
}

# host_install WHO RERUN LOG ARGS...: apt-get install ARGS on the host.
# Each try updates the host's lists first: an install that failed on a
# list that could not be fetched needs the update again.  The host's
# update stays lenient: a third-party source it cannot reach must not stop
# an install from Debian.
host_install() {
	host_who=$1 host_rerun=$2 host_log=$3
	shift 3
	retry "$host_log" host_apt "$@" && return 0
	mirror_fail "$host_who" "the host's $(. /etc/os-release && echo "$VERSION_CODENAME") sources" \
	    "$host_rerun" "$host_log"
	return 1
}

# Two steps installing at once (make check runs the package build beside
# the rest; two benchmarks may start together) meet dpkg's lock: the
# second waits for it rather than fail.
host_apt() {
	apt-get $apt_retries -o DPkg::Lock::Timeout=600 -qq update &&
	    DEBIAN_FRONTEND=noninteractive apt-get $apt_retries \
		-o DPkg::Lock::Timeout=600 install -y -qq "$@"
}
