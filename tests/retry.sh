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
#   MIRROR_TRIES  runs of a whole command (default 3)
#   MIRROR_PAUSE  seconds before the second run, twice that before the
#                 third, and so on (default 30)
mirror_tries=${MIRROR_TRIES:-3}
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
# succeeds, $mirror_tries times at most; its status is the last run's.
retry() {
	retry_log=$1
	shift
	retry_n=1
	while :; do
		"$@" >"$retry_log" 2>&1 && return 0
		retry_rc=$?
		[ "$retry_n" -lt "$mirror_tries" ] || return $retry_rc
		echo "note: try $retry_n of $mirror_tries failed" \
		    "($(grep '^E: ' "$retry_log" | tail -n 1)); again in $((mirror_pause * retry_n)) s" >&2
		sleep $((mirror_pause * retry_n))
		retry_n=$((retry_n + 1))
	done
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
