# The benchmark, run in a guest (make bench): N sessions at once through
# one tunnel for each plugin in turn, then a bulk transfer over one
# session.  Prints BENCHRAW: (one per session), BENCH: (one per run),
# BENCHDATA: and the other BENCH...: lines for the host to tabulate.
. /payload/lib.sh
NAME=bench
# Every setting comes from tests/bench/bench.sh, which gives each its
# default, and is read per size as there (bench-spec.sh: rate_for,
# echo_for, rounds_for).
. /payload/bench.env
. /payload/bench-spec.sh
SIZES=$BENCH_SIZES
MB=$BENCH_MB
ulimit -n 65536
# The records and the ip-up files name each pppd by its pid.  A 5000-session
# bring-up forks far more than the kernel's default 32768 pids (every poll
# forks), so pids of pppds that exited would come back within one run.
# Debian's systemd sets this value too.
echo 4194304 >/proc/sys/kernel/pid_max
# pppd 2.4.9 keeps one database (tdb) for all its processes and updates it
# at each step of each link.  "off" puts a directory in its place: pppd
# warns and runs without it (and without multilink), which tells whether
# that shared file is what slows thousands of pppds down.
# Every bring-up starts with it empty, as the first one does.
PPPD_TDB=$BENCH_PPPD_TDB
reset_tdb() {
	rm -rf /run/pppd2.tdb
	[ "$PPPD_TDB" != off ] || mkdir /run/pppd2.tdb
}
reset_tdb
# Figures go to the console as they are taken (fd 3), not through the
# scenario's output file that the guest prints only at the end: a run of
# 5000 sessions takes hours, and one stopped early keeps what it measured.
# Verdicts stay on stdout, where the scenario runner looks for them.
if [ -w /dev/console ]; then exec 3>/dev/console; else exec 3>&1; fi

# One file per pppd, so no record relies on a thousand scripts' appends
# to one log staying whole.  $PPID is the pppd;
# /proc/uptime counts on the clock l2tpfan used; the first field of
# schedstat is the CPU time pppd has used so far, in ns.
cat >/tmp/bench-ipup <<'SCRIPT'
#!/bin/sh
echo "$PPID $(cut -d' ' -f1 /proc/uptime) $(cut -d' ' -f1 /proc/$PPID/schedstat)" >/tmp/bench-up/$PPID
SCRIPT
chmod +x /tmp/bench-ipup

count_ifaces() { $IP netns exec "$1" ls /sys/class/net | grep -c '^ppp'; }
# wait_secs SECONDS CONDITION...: wait_until counts polls of 0.2 s, but
# with thousands of sessions one poll (listing 5000 interfaces, say) takes
# seconds under TCG, so a session that never came up stretched its limit
# to hours.  This one keeps to the clock, and once a minute shows on the
# console how far the condition has got ($reached), for a run watched live.
wait_secs() {
	start=$(cut -d. -f1 /proc/uptime)
	end=$((start + $1)) next=$((start + 60))
	shift
	until "$@" >/dev/null 2>&1; do
		now=$(cut -d. -f1 /proc/uptime)
		[ "$now" -lt "$end" ] || return 1
		if [ "$now" -ge "$next" ]; then
			echo "note: bench: waiting for $*: ${reached:-?} after $((now - start)) s" >&3
			where_cpu_went >&3
			next=$((now + 60))
		fi
		sleep 0.2
	done
}
# where_cpu_went: a BENCHDIAG: line on what the guest did since the last
# one, for a bring-up that slows down as sessions accumulate: its CPU
# ticks split as /proc/stat has them, the run queue, the commands that
# used the most CPU in ticks, of those still running (pppd's shared tdb
# would show in pppd's), and the size of that tdb.
where_cpu_went() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk '{ c[$2] += $14 + $15 } END { for (k in c) print k, c[k] }' >/tmp/diag.now
	touch /tmp/diag.was
	top=$(awk 'NR == FNR { was[$1] = $2; next } { d = $2 - was[$1]; if (d > 0) print d, $1 }' \
	    /tmp/diag.was /tmp/diag.now | sort -rn | head -n 5 | awk '{ printf " %s=%s", $2, $1 }')
	mv /tmp/diag.now /tmp/diag.was
	set -- $(awk '$1 == "cpu" { print $2 + $3, $4, $7 + $8, $5 + $6 }' /proc/stat) ${diag_cpu:-0 0 0 0}
	diag_cpu="$1 $2 $3 $4"
	tdb=0
	[ ! -f /var/run/pppd2.tdb ] || tdb=$(wc -c </var/run/pppd2.tdb)
	echo "BENCHDIAG: ticks user=$(($1 - $5)) system=$(($2 - $6)) irq=$(($3 - $7)) idle=$(($4 - $8))" \
	    "loadavg=$(cut -d' ' -f1,4 /proc/loadavg | tr ' ' ,)" \
	    "tdb_kb=$((tdb / 1024))" \
	    "mem_avail_kb=$(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo) top:$top"
}
# progress WHAT: a note on the console at once, for a run watched live.
progress() { echo "note: bench: $*"; echo "note: bench: $*" >&3; }
# Conditions for wait_secs, evaluated afresh on every poll.
lac_ifaces_reach() { reached=$(count_ifaces lac); [ "$reached" -ge "$1" ]; }
ups_reach() { reached=$(ls /tmp/bench-up | wc -l); [ "$reached" -ge "$1" ]; }
# gave_up: the LNS pppds that exited before their ip-up, as "PID STATUS";
# gave_up after: those that exited after it.
gave_up() {
	awk '$1 == "exit" { print $3, $4 }' "$T/lns-starts" 2>/dev/null | while read -r p st; do
		if [ -e "/tmp/bench-up/$p" ]; then [ "${1:-}" != after ] || echo "$p $st"
		else [ "${1:-}" = after ] || echo "$p $st"; fi
	done
}
# statuses [after]: gave_up's exits counted by status, for a note.
statuses() { gave_up "$@" | awk '{ c[$2]++ } END { for (s in c) printf " %d with status %s", c[s], s }'; }
# Every LNS pppd has reached its ip-up or given up: waiting longer cannot
# bring more sessions up.
ups_settle() {
	reached=$(( $(ls /tmp/bench-up | wc -l) + $(gave_up | wc -l) ))
	[ "$reached" -ge "$1" ]
}
pppds_gone() { reached=$(pids_of pppd | wc -w); [ "$reached" = 0 ]; }
# The LNS's pppds still running: l2tpfan recorded each one's pid as it
# started it (a readlink per pppd took minutes at 5000 sessions).
# A pid reused since by something else is not a pppd (read: no fork each).
lns_pppds() {
	awk '$1 == "start" { print $3 }' "$T/lns-starts" | while read -r p; do
		{ read -r c </proc/$p/comm; } 2>/dev/null && [ "$c" = pppd ] && echo "$p"
	done
}

# guest_mem: the guest's MemAvailable and Slab (kB).  Their growth over a
# bring-up is what the sessions cost the machine, kernel included.
guest_mem() { awk '$1 == "MemAvailable:" { a = $2 } $1 == "Slab:" { s = $2 } END { print a, s }' /proc/meminfo; }

# bring_up LABEL PLUGIN N [LNS OPTIONS [LAC OPTIONS]]: N sessions; LAC
# pppds first (silent), then LNS.  PLUGIN "paired:ROUND": the arms of
# BENCH_ARMS, session by session (bench-pick).  The round's kind
# ($run_kind) and number ($round) mark its start on the console, where
# the host finds which of its own load samples fell inside it.
bring_up() {
	label=$1 plugin=$2 n=$3 extra=${4:-} lac_extra=${5:-}
	case $plugin in
	paired:*)
		write_pick "${plugin#paired:}"
		lac_cmd="/tmp/bench-pick @HI@ @LO@ lac"
		lns_cmd="/tmp/bench-pick @HI@ @LO@ lns" ;;
	*)	lac_cmd="pppd plugin $plugin" lns_cmd="pppd plugin $plugin" ;;
	esac
	cleanup_all
	netns_setup
	# The last bring-up's records end with its teardown's exits: none may
	# be read as this one's before l2tpfan has started a file afresh.
	rm -rf /tmp/bench-up /tmp/bench-arm "$T/lac-starts" "$T/lns-starts" "$T/logs-lac" "$T/logs-lns"
	mkdir /tmp/bench-up /tmp/bench-arm "$T/logs-lac" "$T/logs-lns"
	echo "BENCHROUND: $run_kind n=$n round=$round begin" >&3
	load_sample /tmp/load.begin
	load_t0=$(cut -d' ' -f1 /proc/uptime) load_g0=$(guest_cpu)
	mem0=$(guest_mem)
	rate=$(rate_for "$n")
	in_lac l2tpfan $LAC_SOCK -n "$n" -o "$T/lac-starts" -L "$T/logs-lac" -- $lac_cmd pppol2tp 3 \
		silent noipdefault nodetach noauth nodefaultroute noipv6 $lac_extra \
		>"$T/lac-fan.log" 2>&1 &
	wait_secs $((n / 2 + 30)) lac_ifaces_reach "$n" ||
		progress "$label: $(count_ifaces lac) of $n LAC interfaces after $((n / 2 + 30)) s"
	in_lns l2tpfan $LNS_SOCK -n "$n" -r "$rate" -o "$T/lns-starts" -L "$T/logs-lns" -- $lns_cmd pppol2tp 3 \
		pppol2tp_lns_mode $extra nodetach noauth nodefaultroute noipv6 ip-up-script /tmp/bench-ipup \
		198.18.@HI@.@LO@:198.19.@HI@.@LO@ >"$T/lns-fan.log" 2>&1 &
	# Paced starts alone take n / rate seconds.
	up_limit=$(awk -v n="$n" -v r="$rate" 'BEGIN { print int(n + 60 + (r > 0 ? n / r : 0)) }')
	wait_secs "$up_limit" ups_settle "$n" ||
		progress "$label: $(ls /tmp/bench-up | wc -l) of $n sessions up after $up_limit s"
	gone=$(gave_up | wc -l)
	quit=$(statuses)
	[ -z "$quit" ] || progress "$label: LNS pppds that exited before ip-up:$quit"
}

# tear_down LABEL N: end bring_up's sessions and wait for their pppds,
# then account for every one of them (account) and for what else used
# the guest's CPU meanwhile (load_report).
tear_down() {
	# A session that ends on its own while up is a fault to explain.
	quit=$(statuses after)
	[ -z "$quit" ] || progress "$1: LNS pppds that exited after ip-up, before the teardown:$quit"
	# The teardown is not measured.  SIGTERM has every pppd run its ip-down
	# and rewrite the shared tdb at the same moment: 10,000 of them had
	# not one exited after 9 minutes here.  SIGKILL ends them at once, and
	# the kernel deletes each session as its socket closes.
	kill_t=$(cut -d' ' -f1 /proc/uptime)
	killall -q -9 pppd
	wait_secs $(($2 / 4 + 60)) pppds_gone ||
		progress "$1: pppds still running $(($2 / 4 + 60)) s after the teardown began"
	# l2tpfan writes each exit, with its rusage, once it has reaped it.
	wait_secs 60 fans_gone || progress "$1: l2tpfan still running 60 s after its pppds ended"
	account "$1" "$2" "$round" "$run_kind" "$kill_t"
	load_report "$2" "$round" "$run_kind"
	echo "BENCHROUND: $run_kind n=$2 round=$round end" >&3
	reset_tdb
}
fans_gone() { no_process l2tpfan; }

# account LABEL N ROUND KIND KILL_T: one BENCHPPPD: line for every pppd
# l2tpfan started, at both ends:
#   KIND ARM END N ROUND INDEX START_S STATUS EXIT_S UP_S USER_MS SYS_MS
#   IPUP_CPU_MS REASON...
# START_S and EXIT_S from the round's first LNS start; UP_S start to
# ip-up, "-" if it never got there (LNS only); USER_MS and SYS_MS its whole
# life (l2tpfan's rusage); IPUP_CPU_MS schedstat at ip-up; ARM what
# bench-pick ran (LABEL outside paired bring-ups); REASON the last line of
# its own log that says why it ended, or "killed at teardown" for a
# SIGKILL after KILL_T.  Numbers that name one session are made N, so
# reasons count.
account() {
	awk -v label="$1" -v n="$2" -v round="$3" -v kind="$4" -v kill_t="$5" -v T="$T" '
		# The most telling line about why it ended: the plugin seeing the
		# session deleted; LCP giving up (timeouts, echoes, the peer, a
		# signal); a hangup; another error; "Connection terminated"; else
		# the last line.  The last of the best rank wins.
		function rank(l) {
			if (l ~ /the kernel deleted/) return 1
			if (l ~ /timeout sending|No response to|terminated by peer|Terminating on signal|Terminate-Request|[Ll]ooped/) return 2
			if (l ~ /[Hh]angup/) return 3
			if (l ~ /[Ff]ail|[Rr]efus|[Cc]ould ?n.t|[Cc]an.t|[Ff]atal|[Ee]rror|[Uu]nable|[Dd]isconnected|[Ii]nvalid|[Nn]o such/) return 4
			if (l ~ /Connection terminated/) return 5
			return 6
		}
		function reason_of(f,    line, why, best, rk, got) {
			why = ""; best = 7; got = 0
			while ((getline line < f) > 0) {
				got = 1
				sub(/[ \t\r]+$/, "", line)
				if (line == "") continue
				rk = rank(line)
				if (rk <= best) { best = rk; why = line }
			}
			close(f)
			if (why == "") why = got ? "empty log" : "no log"
			gsub(/tunnel [0-9]+/, "tunnel N", why); gsub(/session [0-9]+/, "session N", why)
			gsub(/[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/, "ADDR", why); gsub(/ppp[0-9]+/, "pppN", why)
			gsub(/,/, ";", why); sub(/\.$/, "", why)
			return why
		}
		FNR == 1 { end = (FILENAME ~ /lns-starts$/) ? "lns" : "lac" }
		$1 == "start" { k = end SUBSEP $2; pid[k] = $3; st[k] = $4; ord[++m] = k
			if (end == "lns" && (t0 == "" || $4 < t0)) t0 = $4; next }
		$1 == "exit" { k = end SUBSEP $2; status[k] = $4; et[k] = $5; ut[k] = $6; sy[k] = $7 }
		END {
			if (t0 == "") t0 = 0
			for (j = 1; j <= m; j++) {
				k = ord[j]; split(k, a, SUBSEP); e = a[1]; sid = a[2]; p = pid[k]
				i = sid - (e == "lns" ? 11 : 21)
				arm = label; f = "/tmp/bench-arm/" p
				if ((getline line < f) > 0) { split(line, w, " "); arm = w[1] }
				close(f)
				up = "-"; upcpu = "-"
				if (e == "lns") {
					f = "/tmp/bench-up/" p
					if ((getline line < f) > 0) {
						split(line, w, " "); up = sprintf("%.3f", w[2] - st[k]); upcpu = sprintf("%.3f", w[3] / 1e6) }
					close(f)
				}
				why = reason_of(T "/logs-" e "/" sid ".log")
				if (!(k in status)) { s = "-"; ex = "-"; u = "-"; c = "-"; why = "no exit recorded" }
				else {
					s = status[k]; ex = sprintf("%.3f", et[k] - t0); u = ut[k]; c = sy[k]
					if (u == "") u = "-"
					if (c == "") c = "-"
					if (s == 137 && et[k] >= kill_t) why = "killed at teardown"
				}
				printf "BENCHPPPD: %s %s %s %d %d %d %.3f %s %s %s %s %s %s %s\n", kind, arm, e, n, round, i,
				    st[k] - t0, s, ex, up, u, c, upcpu, why
			}
		}' "$T/lns-starts" "$T/lac-starts" >&3
}

# load_sample FILE: every process now, as "PID CLASS TICKS COMM": CLASS b
# for this scenario's shell and everything under it (pppd, l2tpfan, the
# scripts), k for a kernel thread (kthreadd and its children), o for
# anything else; TICKS its user and system time so far.
load_sample() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v root=$$ '{
			c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\) [A-Za-z] .*$/, "", c); gsub(/[ ,=]/, "_", c)
			r = $0; sub(/^.*\) /, "", r); split(r, f, " ")
			pp[$1] = f[2]; t[$1] = f[12] + f[13]; cm[$1] = c }
		END {
			for (p in pp) {
				cl = "o"; q = p
				for (d = 0; d < 64 && q != "" && q > 0; d++) {
					if (q == root) { cl = "b"; break }
					if (q == 2) { cl = "k"; break }
					q = pp[q]
				}
				print p, cl, t[p], cm[p]
			}
		}' >"$1"
}
# load_report N ROUND KIND: a BENCHGUESTLOAD: line on the round since
# bring_up's load_sample: its seconds, the guest's busy ticks, and the
# ticks of processes outside the benchmark (other) and of kernel threads,
# with the three other commands that used most.  A process that began and
# ended between the samples is not seen; the guest runs nothing else.
load_report() {
	load_sample /tmp/load.end
	set -- "$@" $(cut -d' ' -f1 /proc/uptime) $(guest_cpu) $load_g0
	awk -v n="$1" -v round="$2" -v kind="$3" -v secs="$(awk -v a="$load_t0" -v b="$4" 'BEGIN { printf "%.1f", b - a }')" \
	    -v busy=$(($5 - $7)) '
		NR == FNR { was[$1] = $3; next }
		$2 == "o" || $2 == "k" { d = $3 - (($1 in was) ? was[$1] : 0); if (d < 0) d = 0
			tot[$2] += d; if ($2 == "o" && d > 0) by[$4] += d }
		END {
			top = ""
			for (j = 0; j < 3; j++) {
				best = ""; for (c in by) if (best == "" || by[c] > by[best]) best = c
				if (best == "") break
				top = top (top == "" ? "" : ",") best ":" by[best]; delete by[best]
			}
			printf "BENCHGUESTLOAD: %s n=%d round=%d secs=%s busy_ticks=%d other_ticks=%d kthread_ticks=%d top=%s\n",
			    kind, n, round, secs, busy, tot["o"], tot["k"], top == "" ? "-" : top
		}' /tmp/load.begin /tmp/load.end >&3
}

# echo_given: the lcp-echo-interval an LNS pppd still running was started
# with, read back from its command line (the last one given counts, as in
# pppd); "-" if none runs or it has just exited.
echo_given() {
	e=
	for p in $(lns_pppds | head -n 1); do
		e=$(tr '\0' '\n' 2>/dev/null </proc/$p/cmdline | sed -n '/^lcp-echo-interval$/{n;p;}' | tail -n 1)
	done
	echo "${e:--}"
}

# report LABEL N ROUND: each session's start, ip-up and CPU, and the
# memory of the LNS pppds.  bring_up set $rate and $gone.
report() {
	label=$1 n=$2 round=$3
	up=$(ls /tmp/bench-up | wc -l)
	cat /tmp/bench-up/* >"$T/ups" 2>/dev/null
	awk -v l="$label" -v n="$n" -v r="$round" '
		NR == FNR { if ($1 == "start") s[$3] = $4; next }
		($1 in s) { printf "BENCHRAW: %s %d %d %s %s %.3f\n", l, n, r, s[$1], $2, $3 / 1e6 }' "$T/lns-starts" "$T/ups" >&3
	# One awk for all of them (two per pppd took minutes at 5000), which
	# skips a pppd gone meanwhile instead of stopping at its files.
	mem=$(lns_pppds | awk '{
			f = "/proc/" $1 "/smaps_rollup"; got = 0
			while ((getline line < f) > 0) {
				split(line, x); got = 1
				if (x[1] == "Rss:") r += x[2]; else if (x[1] == "Pss:") s += x[2]
				else if (x[1] == "Private_Dirty:") d += x[2]
			}
			close(f)
			if (!got) next
			n++; f = "/proc/" $1 "/smaps"
			while ((getline line < f) > 0) {
				split(line, x)
				if (line ~ /^[0-9a-f]+-[0-9a-f]+ /) m = (x[6] ~ /pppol2tp\.so$/)
				else if (m && x[1] == "Rss:") t += x[2]
			}
			close(f) }
		END { if (n) printf "%.0f %.0f %.0f %.0f", r / n, s / n, d / n, t / n; else print "- - - -" }')
	# What the machine had left at the peak: for the model in README.md.
	echo "BENCHSYS: plugin=$label n=$n round=$round processes=$(ls -d /proc/[0-9]* | wc -l)" \
	    "pid_max=$(cat /proc/sys/kernel/pid_max) open_files=$(cut -f1 /proc/sys/fs/file-nr)" \
	    "file_max=$(cut -f3 /proc/sys/fs/file-nr)" \
	    "$(awk '$1 == "MemTotal:" { t = $2 } $1 == "MemAvailable:" { a = $2 } END { print "mem_total_kb=" t, "mem_avail_kb=" a }' /proc/meminfo)" >&3
	# pppd's shared database with every session up: what each pppd's
	# records cost.
	tdb=0
	if [ -f /var/run/pppd2.tdb ]; then
		tdb=$(wc -c </var/run/pppd2.tdb)
		# The file grows in steps; what is in it, live and free (count
		# times average size), says more: "label n round records
		# key+data-bytes free-records free-bytes", as tdb.csv has them.
		tdbtool /var/run/pppd2.tdb info | awk -v h="$label $n $round" '
			{ split($0, kv, ": "); split(kv[2], v, "/") }
			/^Size of file\/data:/ { d = v[2] }
			/^Number of records:/ { r = kv[2] }
			/^Number of free records:/ { f = kv[2] }
			/^Smallest\/average\/largest free records:/ { fa = v[2] }
			END { printf "BENCHTDB: %s %s %s %s %d\n", h, r, d, f, f * fa }' >&3
	fi
	set -- $mem $mem0 $(guest_mem)
	echo "BENCH: plugin=$label n=$n round=$round rate=$rate echo=$(echo_given) up=$up gave_up=$gone rss_kb=$1 pss_kb=$2 private_dirty_kb=$3 plugin_rss_kb=$4" \
	    "guest_used_kb=$(( $5 - $7 )) guest_slab_kb=$(( $8 - $6 )) tdb_kb=$((tdb / 1024))" >&3
}

# transfer LABEL: MB megabytes over session 0, counting what pppd saw.
transfer() {
	label=$1
	p=$(lns_pppds | head -n 1)
	cpu0=$(awk '{ print $14 + $15 }' /proc/$p/stat)
	rd0=$(awk '/^rchar:/ { print $2 }' /proc/$p/io)
	sc0=$(awk '/^syscr:/ { print $2 }' /proc/$p/io)
	in_lns blast recv 5001 >"$T/received" 2>&1 &
	sleep 1
	in_lac blast send 198.18.0.1 5001 "$MB" 2>"$T/blast-send.log"
	wait_until 60 test -s "$T/received"
	cat "$T/blast-send.log" >&2
	cpu1=$(awk '{ print $14 + $15 }' /proc/$p/stat)
	rd1=$(awk '/^rchar:/ { print $2 }' /proc/$p/io)
	sc1=$(awk '/^syscr:/ { print $2 }' /proc/$p/io)
	echo "BENCHDATA: plugin=$label mb=$MB pppd_cpu_ticks=$((cpu1 - cpu0)) pppd_read_bytes=$((rd1 - rd0)) pppd_read_calls=$((sc1 - sc0)) $(awk '{ printf "received_bytes=%s secs=%s", $2, $4 }' "$T/received")" >&3
}

# instructions LABEL PLUGIN [LNS OPTIONS]: what one LNS pppd executes from
# exec to exit (ip-up, then SIGTERM), counted by callgrind.  Unlike times
# under TCG this count repeats to a few hundred instructions in a million,
# so it shows what the plugin itself costs.  Long LCP and IPCP restart
# timers keep the slowed-down pppd from retransmitting.  valgrind refuses
# set-uid programs, so it runs a plain copy of pppd.
instructions() {
	label=$1 plugin=$2 extra=${3:-}
	[ -x /payload/vg/valgrind.bin ] || return 0
	export VALGRIND_LIB=/payload/vg
	cleanup_all
	netns_setup
	cp /usr/sbin/pppd /tmp/pppd-plain
	chmod 755 /tmp/pppd-plain
	rm -rf /tmp/bench-up /tmp/callgrind.out
	mkdir /tmp/bench-up
	in_lac l2tpfan $LAC_SOCK -n 1 -o "$T/lac-starts" -- pppd plugin "$plugin" pppol2tp 3 \
		silent noipdefault nodetach noauth nodefaultroute noipv6 lcp-restart 30 ipcp-restart 30 \
		>"$T/lac-fan.log" 2>&1 &
	wait_until 30 lac_ifaces_reach 1
	in_lns l2tpfan $LNS_SOCK -n 1 -o "$T/lns-starts" -- /payload/vg/valgrind.bin \
		--tool=callgrind --callgrind-out-file=/tmp/callgrind.out \
		/tmp/pppd-plain plugin "$plugin" pppol2tp 3 pppol2tp_lns_mode $extra \
		nodetach noauth nodefaultroute noipv6 lcp-restart 30 ipcp-restart 30 \
		ip-up-script /tmp/bench-ipup 198.18.0.1:198.19.0.1 >"$T/lns-fan.log" 2>&1 &
	wait_until 300 ups_reach 1 || { fail "$label: pppd under callgrind did not reach ip-up"; return 0; }
	# The pppd under callgrind, not the l2tpfan that started it.
	for p in $(pgrep -f /tmp/pppd-plain); do
		[ "$(cat /proc/$p/comm)" = l2tpfan ] || kill "$p"
	done
	wait_until 120 test -s /tmp/callgrind.out
	sleep 1
	echo "BENCHINSN: plugin=$label instructions=$(sed -n 's/^summary: //p' /tmp/callgrind.out)" >&3
	killall -q pppd
	wait_until 60 no_process pppd
	reset_tdb
}

# idle_totals PID...: what those pppds have used so far, summed over them:
# CPU in ns (schedstat: exact), user and system time in ticks (stat:
# sampled, but over hundreds of pppds a fair split between pppd's own
# code and the kernel working for it), voluntary and involuntary context
# switches (an idle pppd woken from its select counts one voluntary
# switch), and how many pppds were read.  Ticks are USER_HZ, 100 on
# every Linux /proc (the guest has no getconf).
idle_totals() {
	for p in "$@"; do echo "$p"; done | awk '{
			f = "/proc/" $1 "/schedstat"
			if ((getline line < f) <= 0) { close(f); next }
			close(f); split(line, x); ns += x[1]; n++
			f = "/proc/" $1 "/stat"
			if ((getline line < f) > 0) { split(line, x); ut += x[14]; st += x[15] }
			close(f)
			f = "/proc/" $1 "/status"
			while ((getline line < f) > 0) {
				split(line, x)
				if (x[1] == "voluntary_ctxt_switches:") v += x[2]
				else if (x[1] == "nonvoluntary_ctxt_switches:") nv += x[2]
			}
			close(f) }
		END { printf "%.0f %d %d %d %d %d\n", ns, ut, st, v, nv, n }'
}
# The whole guest's CPU so far, in ticks: busy (all but idle and iowait),
# of which system and softirq (the kernel, for every process and packet).
guest_cpu() {
	awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $4 + $8 }' /proc/stat
}

# idle LABEL N ROUND ECHO: the sessions bring_up started, left alone for
# IDLE_SECS: what their LNS pppds and the guest used meanwhile.  The
# pppds are listed once, so one that exits shows as a count that shrank.
idle() {
	label=$1 n=$2 round=$3 echo=$4
	sleep "$IDLE_SETTLE"
	pids=$(lns_pppds)
	t0=$(cut -d' ' -f1 /proc/uptime)
	g0=$(guest_cpu)
	a0=$(idle_totals $pids)
	sleep "$IDLE_SECS"
	a1=$(idle_totals $pids)
	g1=$(guest_cpu)
	t1=$(cut -d' ' -f1 /proc/uptime)
	echo "$t0 $t1 $g0 $g1 $a0 $a1" | awk -v l="$label" -v n="$n" -v r="$round" -v e="$echo" -v hz=100 '{
		printf "BENCHIDLE: plugin=%s n=%d round=%d echo=%s secs=%.2f pppds_before=%d pppds_after=%d", l, n, r, e, $2 - $1, $12, $18
		printf " cpu_ns=%.0f utime=%d stime=%d vcs=%d nvcs=%d guest_busy=%d guest_kernel=%d clk_tck=%d\n",
		    $13 - $7, $14 - $8, $15 - $9, $16 - $10, $17 - $11, $5 - $3, $6 - $4, hz }' >&3
}

# Each size runs for several rounds, the plugins' order alternating: the
# first run after a boot or a teardown is measurably slower under TCG, and
# that must not count against either plugin.  Identical builds differ by
# 10-30% from run to run here, so only many rounds tell plugins apart.
# Sizes in bench-idle-sizes also get the idle cost, in their first
# bench-idle-rounds rounds: with echo_for's echoes on the bring-ups of the
# rounds above, with echoes off on bring-ups of their own below.
IDLE_SIZES=$BENCH_IDLE_SIZES
IDLE_ROUNDS=$BENCH_IDLE_ROUNDS
IDLE_SECS=$BENCH_IDLE_SECS
IDLE_SETTLE=10
# echo_opts SECS: echoes on, every SECS.  lcp-echo-failure 4 is what
# Debian's /etc/ppp/options has; given here so no run depends on it.
echo_opts() { echo "lcp-echo-interval $1 lcp-echo-failure 4"; }
idle_rounds() { case " $IDLE_SIZES " in *" $1 "*) rounds_for "$1" "$IDLE_ROUNDS" ;; *) echo 0 ;; esac; }

OURS=ours:pppol2tp.so
UPSTREAM_PL=upstream:$UPSTREAM/pppol2tp.so
# order_for ROUND: both plugins, ours first in odd rounds.
order_for() { if [ $(($1 % 2)) = 1 ]; then echo "$OURS $UPSTREAM_PL"; else echo "$UPSTREAM_PL $OURS"; fi; }
# ids_for LABEL: upstream refuses LNS mode without the ids; it only reports them.
ids_for() { [ "$1" = ours ] || echo "pppol2tp_tunnel_id 10 pppol2tp_session_id 11"; }
first=$(echo $SIZES | cut -d' ' -f1)
for n in $SIZES; do
	on=$(echo_for "$n")
	echoes=$(echo_opts "$on")
	for round in $(seq 1 "$(rounds_for "$n")"); do
		for pl in $(order_for "$round"); do
			label=${pl%%:*}
			run_kind=single-$label
			bring_up "$label" "${pl#*:}" "$n" "$(ids_for "$label") $echoes" "$echoes"
			report "$label" "$n" "$round"
			[ "$n" != "$first" ] || [ $round != 1 ] || transfer "$label"
			[ "$round" -gt "$(idle_rounds "$n")" ] || idle "$label" "$n" "$round" "$on"
			tear_down "$label" "$n"
		done
	done
done
insn_runs=$BENCH_INSN_RUNS
for pl in $(for i in $(seq 1 "$insn_runs"); do echo "$OURS $UPSTREAM_PL"; done); do
	label=${pl%%:*}
	instructions "$label" "${pl#*:}" "$(ids_for "$label")"
done

# Echoes off, for each idle size; echoes on (echo_for) too for one not in
# the sizes above.
for n in $IDLE_SIZES; do
	case " $SIZES " in *" $n "*) modes=off ;; *) modes="off $(echo_for "$n")" ;; esac
	for round in $(seq 1 "$(idle_rounds "$n")"); do
		for echo in $modes; do
			if [ $echo = off ]; then eopts="lcp-echo-interval 0"; else eopts=$(echo_opts "$echo"); fi
			for pl in $(order_for "$round"); do
				label=${pl%%:*}
				run_kind=idle-$echo-$label
				bring_up "$label" "${pl#*:}" "$n" "$(ids_for "$label") $eopts" "$eopts"
				idle "$label" "$n" "$round" "$echo"
				tear_down "$label" "$n"
			done
		done
	done
done
# Paired bring-ups: the arms of BENCH_ARMS in one bring-up, session by
# session: session i runs arm (i + round) mod k of the k arms, both of its
# ends the same, so the arms rotate over the sessions from round to round.
# Sessions of one bring-up meet the same minutes of the machine whichever
# arm they run; separate bring-ups, one after the other, do not.  The
# rounds are the replicates (tests/bench/arms.awk on the host).
ARMS=$BENCH_ARMS
# write_pick ROUND: /tmp/bench-pick HI LO lac|lns PPPD_ARGS... for the
# round: it files the arm it runs under its own pid (it execs pppd) and
# starts pppd with that arm's plugin.  nowatch is ours with the session
# watch off; upstream's LNS refuses to start without the ids, which it
# only reports.  bench.sh allows only these arm names, each with an
# optional digit suffix (upstream2: the same plugin, for an A/A control).
write_pick() {
	k=$(echo $ARMS | wc -w)
	arms=$(j=0; for a in $ARMS; do printf '%s) arm=%s ;; ' $j "$a"; j=$((j + 1)); done)
	cat >/tmp/bench-pick <<SCRIPT
#!/bin/sh
i=\$(( \$1 * 250 + \$2 - 1 )) end=\$3
shift 3
case \$(( (i + $1) % $k )) in $arms esac
echo "\$arm \$end \$i" >/tmp/bench-arm/\$\$
case \$arm in
nowatch*) exec pppd plugin pppol2tp.so pppol2tp_check_interval 0 "\$@" ;;
ours*) exec pppd plugin pppol2tp.so "\$@" ;;
esac
[ \$end = lac ] && exec pppd plugin $UPSTREAM/pppol2tp.so "\$@"
exec pppd plugin $UPSTREAM/pppol2tp.so pppol2tp_tunnel_id 10 pppol2tp_session_id 11 "\$@"
SCRIPT
	chmod +x /tmp/bench-pick
}
# report_paired N ROUND: how many came up, and whether each running LNS
# pppd's command line loaded the plugin of the arm bench-pick filed for
# it (ours, nowatch's pppol2tp_check_interval 0, or upstream's path).
report_paired() {
	wrong=$(lns_pppds | while read -r p; do
		read -r a _ <"/tmp/bench-arm/$p" 2>/dev/null || a=-
		c=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)
		case $c in
		*upstream/pppol2tp.so*) b=upstream ;;
		*"pppol2tp_check_interval 0 "*) b=nowatch ;;
		*) b=ours ;;
		esac
		case $a in "$b"|"$b"[0-9]*) ;; *) echo "$p" ;; esac
	done | wc -l)
	echo "BENCHPAIRRUN: n=$1 round=$2 arms=$(echo $ARMS | tr ' ' ,) up=$(ls /tmp/bench-up | wc -l) gave_up=$gone running=$(lns_pppds | wc -l) arm_mismatch=$wrong" >&3
}
run_kind=paired
for n in $BENCH_PAIRED_SIZES; do
	on=$(echo_for "$n")
	echoes=$(echo_opts "$on")
	for round in $(seq 1 "$(rounds_for "$n" "$BENCH_PAIRED_ROUNDS")"); do
		bring_up paired "paired:$round" "$n" "$echoes" "$echoes"
		report_paired "$n" "$round"
		tear_down paired "$n"
	done
done

cleanup_all
# A clocksource change in the middle of a run would skew its times.
echo "BENCHCLOCK: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)" >&3
dmesg | grep -i -E 'clocksource|tsc' | sed 's/^/BENCHCLOCK: /' >&3
pass "benchmark ran for sizes $SIZES${IDLE_SIZES:+, idle for $IDLE_SIZES}${BENCH_PAIRED_SIZES:+, paired for $BENCH_PAIRED_SIZES}"
