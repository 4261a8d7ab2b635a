#!/bin/sh
# hostload.sh CONSOLE INITRD OUT [SECS]: while the benchmark's guest runs,
# every SECS (5) s one line to OUT on the host's CPU:
#   UPTIME_S CONSOLE_BYTES BUSY_TICKS QEMU_PID QEMU_TICKS SELF_TICKS TOP
# BUSY_TICKS: all CPUs' busy time (/proc/stat, all but idle and iowait);
# QEMU_TICKS: the user and system time of the guest's qemu (the one booted
# with INITRD); SELF_TICKS: this sampler's own, its commands included.
# What is left of the busy time is other processes' (bench.sh subtracts).
# CONSOLE_BYTES, the size of the guest's console log so far, places each
# sample between the rounds' BENCHROUND: lines.  TOP: the three other
# processes that used most CPU since the last sample, as COMMAND:TICKS.
# Ends by itself once its parent (bench.sh) has gone.
console=$1 initrd=$2 out=$3 secs=${4:-5}
parent=$PPID
state=${out}.state
: >"$state"
while kill -0 "$parent" 2>/dev/null; do
	q=$(pgrep -f "^qemu-system-x86_64 .*-initrd $initrd( |\$)" | head -n 1)
	size=$(stat -c %s "$console" 2>/dev/null || echo 0)
	up=$(cut -d' ' -f1 /proc/uptime)
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v q="${q:-0}" -v self=$$ -v up="$up" -v size="$size" \
	    -v state="$state" '
		FILENAME == "/proc/stat" { if ($1 == "cpu") busy = $2 + $3 + $4 + $7 + $8 + $9; next }
		FILENAME == state { was[$1] = $2; any = 1; next }
		{
			c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\) [A-Za-z] .*$/, "", c); gsub(/[ ,:=]/, "_", c)
			r = $0; sub(/^.*\) /, "", r); split(r, f, " ")
			t = f[12] + f[13]; now[$1] = t
			if ($1 == q) qt = t
			if ($1 == self) st = t + f[14] + f[15]
			if ($1 == q || $1 == self || f[2] == self) next
			d = any ? t - (($1 in was) ? was[$1] : 0) : 0; if (d > 0) by[c] += d
		}
		END {
			top = ""
			for (j = 0; j < 3; j++) {
				b = ""; for (c in by) if (b == "" || by[c] > by[b]) b = c
				if (b == "") break
				top = top (top == "" ? "" : ",") b ":" by[b]; delete by[b]
			}
			printf "%s %s %d %s %d %d %s\n", up, size, busy, q, qt, st, top == "" ? "-" : top
			for (p in now) print p, now[p] >(state ".new")
		}' /proc/stat "$state" - >>"$out"
	mv -f "$state.new" "$state"
	sleep "$secs"
done
rm -f "$state" "$state.new"
