#!/bin/sh
# Boot a guest built by mkroot.sh with a payload cpio appended to its
# initramfs, under TCG, and copy its serial console to LOG.  Exits with the
# status the payload's /payload/main returned in the guest (GUEST-EXIT), or
# 125 when the guest never said.
#   boot.sh SUITEDIR PAYLOAD.cpio LOG [MEMORY_MB] [CPUS] [TIMEOUT_S]
# A guest that dies before init is booted once more (see below).
set -eu
dir=$1
payload=$2
log=$3
mem=${4:-1024}
cpus=${5:-2}
limit=${6:-1500}

cat "$dir/base.cpio" "$payload" >"$log.initrd"
rm -f "$log.boot1"

# One boot, its console in LOG.  Returns once qemu has exited.
boot_once() {
	# KVM here is a paravirtual module on a CPU without vmx/svm: Debian's
	# kernels hang under it, so the guest runs under TCG.
	# --foreground keeps qemu in the caller's process group, so that a
	# suite stopped as a group (check.sh's second lane) takes qemu with it.
	timeout --foreground "$limit" qemu-system-x86_64 -accel tcg,thread=multi -m "$mem" \
		-smp "$cpus" -nic none -display none -no-reboot -monitor none \
		-serial "file:$log" -kernel "$dir/kernel" -initrd "$log.initrd" \
		-append "console=ttyS0 panic=-1 quiet loglevel=4 rdinit=/init" \
		</dev/null >/dev/null 2>"$log.qemu" &
	qemu=$!
	# A guest that has not reached init in two minutes is hung (seen with
	# some kernels under TCG): give up on it rather than wait for the limit.
	waited=0
	while kill -0 $qemu 2>/dev/null && ! grep -q '^init: guest up' "$log" 2>/dev/null; do
		if [ $waited -ge 120 ]; then
			echo "boot.sh: the guest did not reach init in 120 s" >>"$log"
			kill $qemu
			break
		fi
		sleep 1
		waited=$((waited + 1))
	done
	wait $qemu || true
}

qemu=
# Started in the background, qemu ignores SIGINT: stop it with boot.sh.
trap 'kill $qemu 2>/dev/null; exit 143' INT TERM HUP
boot_once
# A kernel that dies or hangs before init has run nothing of ours: seen
# once in CI, an int3 oops in trixie's 6.12 idle loop 2.5 s into boot
# under multi-threaded TCG.  That is the emulator's, not a verdict on the
# plugin, so boot once more and keep the first console beside the log.
# A guest that dies after init is not booted again: what it ran counts.
if ! grep -q '^init: guest up' "$log" 2>/dev/null; then
	mv -f "$log" "$log.boot1" 2>/dev/null || true
	echo "boot.sh: the guest died before init (console: $log.boot1); booting it once more" >&2
	boot_once
	echo "boot.sh: this is the second boot; the first died before init (console: $log.boot1)" >>"$log"
fi
rm -f "$log.initrd"
status=$(sed -n 's/^GUEST-EXIT \([0-9]*\).*/\1/p' "$log" | tail -n 1)
[ -n "$status" ] || exit 125
exit "$status"
