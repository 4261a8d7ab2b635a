#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/upstream.sh: the upstream series (upstream/series.sh) proven in
# ppp's own tree, on the host.
#   - the series is regenerated from this tree and equals the committed
#     copy in upstream/series/ (so a source changed without regenerating
#     fails), apart from the lines that change with who ran it and when;
#   - the committed copy applies with git am to a fresh unpack of the
#     master tarball (so a master that moved under it fails);
#   - autoreconf -fi; configured as ppp's CI does (--enable-multilink
#     --enable-systemd --enable-cbcp): make, the plugin dir with -Werror,
#     make check, make distcheck; every commit of the series builds;
#   - configured cut down (--disable-ipv6cp, no multilink): make, make check.
# MASTER_TARBALL as for series.sh; UPSTREAM_DISTCHECK=0 skips distcheck.
# Scratch under ${TMPDIR:-/tmp}; make runs -j2 at most.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
tarball=${MASTER_TARBALL:-$top/../shared/pppd-src/ppp-master-ce4629f.tar.gz}
committed=$top/upstream/series
scratch=$(mktemp -d "${TMPDIR:-/tmp}/upstream-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 1' HUP INT TERM
failed=0
started=$(date +%s)

pass() { echo "PASS: upstream: $*"; }
fail() { echo "FAIL: upstream: $*"; failed=1; }
note() { echo "note: $*"; }
# step LOG WHAT CMD...: run CMD with its output in LOG; on failure its
# last lines go out as notes.
step() {
	log=$1 what=$2
	shift 2
	t0=$(date +%s)
	if "$@" >"$scratch/$log" 2>&1; then
		pass "$what"
		note "$what: $(($(date +%s) - t0)) s"
		return 0
	fi
	fail "$what"
	tail -n 15 "$scratch/$log" | sed 's/^/note:   /'
	return 1
}

# The lines of a series that say who made it and when, and from which
# commit of this tree: everything else must be equal.
normalise() {
	sed -e '/^From [0-9a-f]\{40\} /d' -e '/^From: /,/^Date: /d' \
	    -e '/^Signed-off-by: /d' \
	    -e 's/Generated from pppol2tp commit [0-9a-f]*/Generated from pppol2tp commit X/' "$1"
}

# series.sh refuses to sign off without git's identity; the comparison
# leaves Signed-off-by out, so a machine without one checks with a
# stand-in.
if [ -z "$(git -C "$top" config user.name)" ] || [ -z "$(git -C "$top" config user.email)" ]; then
	export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0=check \
	    GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1=check@invalid
	note "no git identity here: the series is signed off by a stand-in"
fi
# series.sh's own verdicts (its style pass) become notes here: they name
# files and lines.
step generate.log "the series generates from this tree, in upstream's style" \
	"$top/upstream/series.sh" "$scratch/new"

same=1
if [ ! -d "$committed" ] || [ -z "$(ls "$committed"/*.patch 2>/dev/null)" ]; then
	same=0
	note "no committed series in upstream/series/"
else
	for b in $( (cd "$committed" && ls *.patch; cd "$scratch/new" && ls *.patch) 2>/dev/null | sort -u); do
		if [ ! -f "$committed/$b" ] || [ ! -f "$scratch/new/$b" ]; then
			note "only in one series: $b"
			same=0
			continue
		fi
		normalise "$committed/$b" >"$scratch/a"
		normalise "$scratch/new/$b" >"$scratch/b"
		if ! cmp -s "$scratch/a" "$scratch/b"; then
			same=0
			note "$b differs from the regenerated one:"
			diff -u "$scratch/a" "$scratch/b" | sed -n '3,20p' | sed 's/^/note:   /'
		fi
	done
fi
if [ "$same" = 1 ]; then
	pass "the committed series is what this tree generates"
else
	fail "the committed series is what this tree generates"
	note "regenerate it: make upstream-series UPSTREAM_SERIES_DIR=upstream/series"
fi

# ppp's tree with the committed series applied, as a maintainer would.
unpack() {
	mkdir -p "$1" && tar -xzf "$tarball" -C "$1" --strip-components=1 &&
	git -C "$1" init -q && git -C "$1" add -A &&
	git -C "$1" -c user.name=check -c user.email=check@invalid commit -q -m base
}
tree=$scratch/ppp
applied=0
if step unpack.log "the master tarball unpacks" unpack "$tree"; then
	note "master tarball: $tarball"
	step am.log "the committed series applies with git am to the master tarball" \
		git -C "$tree" -c user.name=check -c user.email=check@invalid \
		am "$committed"/0*-plugins-*.patch && applied=1
fi
[ "$applied" = 1 ] || { note "run time $(($(date +%s) - started)) s"; exit 1; }

# The same tree twice: configured as CI, and cut down, each built apart.
cp -a "$tree" "$scratch/cut"
ci_flags="--enable-multilink --enable-systemd --enable-cbcp"
if ! pkg-config --exists libsystemd 2>/dev/null; then
	ci_flags="--enable-multilink --enable-cbcp"
	note "no libsystemd-dev here (apt-get install libsystemd-dev): CI's configuration without --enable-systemd"
fi
cut_flags="--disable-ipv6cp"	# multilink is off unless enabled

in_tree() { (cd "$1" && shift && "$@"); }
plugin_werror() {
	make -C "$tree/pppd/plugins/pppol2tp" clean &&
	make -C "$tree/pppd/plugins/pppol2tp" \
		CFLAGS="-O2 -g -Wall -Wextra -Wshadow -Wpointer-arith -Werror"
}
loads() {
	# What the plugins leave undefined is in their pppd or libc: nm of
	# pppd's dynamic symbols against theirs.
	for so in pppol2tp openl2tp; do
		lib=$1/pppd/plugins/pppol2tp/.libs/$so.so
		[ -f "$lib" ] || { echo "no $lib"; return 1; }
		nm -D --defined-only "$lib" | awk '$2 != "A" { print $3 }' | sort >"$scratch/exp"
		case $so in
		pppol2tp) want="plugin_init pppd_version pppol2tp_ip_updown_hook pppol2tp_send_accm_hook pppol2tp_session_id pppol2tp_tunnel_id" ;;
		openl2tp) want="plugin_init pppd_version" ;;
		esac
		echo "$want" | tr ' ' '\n' | sort | cmp -s - "$scratch/exp" ||
			{ echo "$so.so exports:"; cat "$scratch/exp"; return 1; }
	done
}
each_commit() {
	# Every commit of the series builds the plugin dir (bisectable).
	base=$(git -C "$tree" rev-list --max-parents=0 HEAD)
	branch=$(git -C "$tree" symbolic-ref --short HEAD)
	for c in $(git -C "$tree" rev-list --reverse "$base"..HEAD); do
		git -C "$tree" checkout -q "$c" || return 1
		echo "== $(git -C "$tree" log -1 --format=%s)"
		make -C "$tree/pppd/plugins/pppol2tp" || return 1
	done
	git -C "$tree" checkout -q "$branch"
}

if step autoreconf.log "autoreconf -fi" in_tree "$tree" autoreconf -fi &&
   step configure.log "configure $ci_flags" in_tree "$tree" ./configure $ci_flags &&
   step make.log "make ($ci_flags)" make -C "$tree" -j2; then
	step werror.log "the plugin dir builds with -Wall -Wextra -Wshadow -Wpointer-arith -Werror" plugin_werror
	step exports.log "the plugins export only what pppd and helpers link against" loads "$tree"
	step check.log "make check ($ci_flags)" make -C "$tree" -j2 check
	if [ "${UPSTREAM_DISTCHECK:-1}" = 1 ]; then
		step distcheck.log "make distcheck ($ci_flags)" make -C "$tree" -j2 distcheck \
			DISTCHECK_CONFIGURE_FLAGS="$ci_flags"
	else
		note "make distcheck skipped (UPSTREAM_DISTCHECK=0)"
	fi
	step commits.log "every commit of the series builds" each_commit
fi
if step cut-autoreconf.log "autoreconf -fi (cut down)" in_tree "$scratch/cut" autoreconf -fi &&
   step cut-configure.log "configure $cut_flags" in_tree "$scratch/cut" ./configure $cut_flags &&
   step cut-make.log "make ($cut_flags)" make -C "$scratch/cut" -j2; then
	step cut-check.log "make check ($cut_flags)" make -C "$scratch/cut" -j2 check
	if grep -q -e '^#define PPP_WITH_IPV6CP' -e '^#define PPP_WITH_MULTILINK' \
	    "$scratch/cut/pppd/pppdconf.h"; then
		fail "the cut-down pppd has neither IPv6CP nor multilink"
	else
		pass "the cut-down pppd has neither IPv6CP nor multilink"
	fi
fi
note "run time $(($(date +%s) - started)) s"
exit $failed
