#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# upstream/series.sh [OUTDIR]: write the git format-patch series that
# replaces ppp master's pppd/plugins/pppol2tp with this tree's plugin and
# helper, for pppd 2.5 only, into OUTDIR (default build/upstream-series).
#
# The series is made from this tree's files, never from a second copy:
# compat.h loses its pppd 2.4 branches through unifdef, and its plain
# renames (compat_X -> ppp_X) are substituted into the sources, so the
# upstream copy calls pppd 2.5's own names.  upstream/commits says which
# files each commit brings and upstream/msg/ holds each commit's argument;
# the plugin's Makefile.am is written from the files each commit has.
# Every commit is signed off by git's own user.name and user.email; the
# series is refused without them.  Then the style pass (upstream/style.awk)
# reads every added line and fails the command on a violation.
#
# MASTER_TARBALL (default ../shared/pppd-src/ppp-master-ce4629f.tar.gz)
# is the base; the tarball's tree is committed once as the series' base.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
up=$top/upstream
out=${1:-$top/build/upstream-series}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
tarball=${MASTER_TARBALL:-$top/../shared/pppd-src/ppp-master-ce4629f.tar.gz}
plugdir=pppd/plugins/pppol2tp

die() { echo "upstream/series.sh: $*" >&2; exit 1; }

name=$(git -C "$top" config user.name || true)
email=$(git -C "$top" config user.email || true)
[ -n "$name" ] && [ -n "$email" ] || die "no git identity: the series is" \
	"signed off (DCO) by git's user.name and user.email, and" \
	"user.name='$name' user.email='$email' here.  Set both" \
	"(git config --global user.name 'Your Name'; git config --global" \
	"user.email you@example.org) and run again."
command -v unifdef >/dev/null || die "unifdef is missing: it takes pppd" \
	"2.4's branches out of compat.h (apt-get install unifdef)"
[ -f "$tarball" ] || die "no ppp master tarball at $tarball (MASTER_TARBALL=FILE)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/upstream-series.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 1' HUP INT TERM
repo=$scratch/ppp

# The base: the tarball's tree as one commit, with a fixed identity and
# date, so its id and every patch's index lines come out the same in every
# run.
mkdir "$repo"
tar -xzf "$tarball" -C "$repo" --strip-components=1
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git -C "$repo" init -q
git -C "$repo" add -A
GIT_AUTHOR_NAME=base GIT_AUTHOR_EMAIL=base@invalid \
GIT_COMMITTER_NAME=base GIT_COMMITTER_EMAIL=base@invalid \
GIT_AUTHOR_DATE='2026-08-22T00:00:00Z' GIT_COMMITTER_DATE='2026-08-22T00:00:00Z' \
	git -C "$repo" commit -q -m "ppp master $(basename "$tarball" .tar.gz)"
base=$(git -C "$repo" rev-parse HEAD)

export GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email"
export GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email"
# The series is dated and named by the last commit of this tree that
# changed what it is made of, so regenerating it after unrelated commits
# changes nothing.
inputs=$(grep -v -e '^#' -e '^$' "$up/commits" | cut -d: -f2 | tr ' ' '\n' | sort -u)
last=$(cd "$top" && git log -1 --format='%h %cI' --abbrev=12 -- $inputs upstream \
	':!upstream/series' 'bench-results/*/summary.tsv' 2>/dev/null || true)
head=${last%% *}
made=${last#* }
[ -n "$last" ] || { head=unknown; made=2026-01-01T00:00:00Z; }
export GIT_AUTHOR_DATE="$made" GIT_COMMITTER_DATE="$made"

# compat.h for 2.5 alone: unifdef takes out the 2.4 branches (exit 1 means
# it changed something, 2 trouble); the plain renames it leaves are read
# from it and substituted everywhere, and their defines dropped.
unifdef -DCOMPAT_PPPD_2_5=1 -DCOMPAT_HAS_REQ_IFNAME=1 -o "$scratch/compat.h" \
	"$top/compat.h" || [ $? -eq 1 ] || die "unifdef failed on compat.h"
renames=$(sed -n 's/^#define[[:space:]]\{1,\}\(compat_[a-z_]*\|COMPAT_PPPD_VERSION\)[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*$/\1 \2/p' \
	"$scratch/compat.h")
[ -n "$renames" ] || die "compat.h: no compat_X renames found to substitute"
sedprog=$scratch/renames.sed
echo "$renames" | while read -r from to; do
	printf 's/\\<%s\\>/%s/g\n' "$from" "$to"
	printf '/^#define[[:space:]]*%s[[:space:]]*%s[[:space:]]*$/d\n' "$to" "$to"
done >"$sedprog"
# compat.h's opening comment explains the Makefile's 2.4/2.5 choice, which
# is gone here: upstream/compat-head.txt says what the file is for then.
awk -v head="$up/compat-head.txt" '
	!done && /^\/\*$/ { skip = 1 }
	skip { if (/\*\//) { skip = 0; done = 1; while ((getline l <head) > 0) print l }
	       next }
	{ print }' "$scratch/compat.h" >"$scratch/compat.h.new"
mv "$scratch/compat.h.new" "$scratch/compat.h"

# src FILE: this tree's FILE as it lands upstream.
src() {
	case $1 in
	compat.h) from=$scratch/compat.h ;;
	*) from=$top/$1 ;;
	esac
	[ -f "$from" ] || die "upstream/commits names $1, which this tree lacks"
	# unifdef and the dropped defines leave runs of blank lines: one is kept.
	sed -f "$sedprog" "$from" | cat -s
}

# dest FILE: where FILE goes in ppp's tree.
dest() {
	case $1 in
	README.pppol2tp) echo "$1" ;;
	*) echo "$plugdir/$1" ;;
	esac
}

# The plugin's Makefile.am, in the form of ppp's other plugins, from the
# files the commit has: openl2tp.c and event_*.c make the helper, the rest
# of *.c the plugin.
# list WORD...: a make variable's continuation lines, as ppp writes them.
list() {
	printf '    %s \\\n' "$@" | sed '$s/ \\$//'
}

write_makefile_am() {
	d=$repo/$plugdir
	plugin_srcs=$(cd "$d" && ls *.c | grep -v -e '^openl2tp\.c$' -e '^event_' | tr '\n' ' ')
	helper_srcs=$(cd "$d" && ls openl2tp.c event_*.c 2>/dev/null | tr '\n' ' ')
	headers=$(cd "$d" && ls *.h)
	{
		echo 'pppd_plugin_LTLIBRARIES = pppol2tp.la openl2tp.la'
		echo 'pppd_plugindir = $(PPPD_PLUGIN_DIR)'
		[ ! -f "$d/pppol2tp.8" ] || echo 'dist_man8_MANS = pppol2tp.8'
		echo
		echo 'noinst_HEADERS = \'
		list $headers
		maps=$(cd "$d" && ls *.map 2>/dev/null | tr '\n' ' ' | sed 's/ $//')
		if [ -n "$maps" ]; then
			echo
			echo "EXTRA_DIST = $maps"
		fi
		la_rules pppol2tp exports.map $plugin_srcs
		la_rules openl2tp helper.map $helper_srcs
	} >"$d/Makefile.am"
}

# la_rules NAME MAP SOURCE...: one plugin's rules, with its version script
# once the commit has it.
la_rules() {
	la=$1 map=$2
	shift 2
	echo
	echo "${la}_la_CPPFLAGS = -I\${top_srcdir}"
	if [ -f "$d/$map" ]; then
		echo "${la}_la_LDFLAGS = -module -avoid-version \\"
		echo "    -Wl,--version-script=\$(srcdir)/$map"
	else
		echo "${la}_la_LDFLAGS = -module -avoid-version"
	fi
	echo "${la}_la_SOURCES = \\"
	list "$@"
}

# One commit per line of upstream/commits: "MSGFILE: FILE...".
grep -v -e '^#' -e '^$' "$up/commits" | while IFS=: read -r msg files; do
	[ -f "$up/msg/$msg" ] || die "upstream/commits: no upstream/msg/$msg"
	for f in $files; do
		to=$(dest "$f")
		src "$f" >"$repo/$to"
		git -C "$repo" add "$to"
	done
	write_makefile_am
	git -C "$repo" add "$plugdir/Makefile.am"
	git -C "$repo" commit -q -s -F "$up/msg/$msg"
done

# The cover letter: upstream/cover.txt, with the benchmark's figures where
# bench-results/*/summary.tsv exist.
bench=$scratch/bench.txt
found=0
for t in "$top"/bench-results/*/summary.tsv; do
	[ -f "$t" ] || continue
	found=1
	rel=${t#"$top"/}
	c=$(git -C "$top" log -1 --format=%h -- "$rel" 2>/dev/null)
	echo "$rel (committed in ${c:-nothing: not committed}):"
	expand -t 8 "$t" | sed 's/^/    /; s/[[:space:]]*$//'
	echo
done >"$bench"
[ "$found" = 1 ] || printf '%s\n' \
	"No bench-results/*/summary.tsv in the tree the series was made" \
	"from: the figures are still being measured.  README.pppol2tp's" \
	"\"What an idle session costs\" holds the last idle measurement." >"$bench"
cover=$scratch/cover.txt
awk -v bench="$bench" -v head="$head" '
	$0 == "@BENCH@" { while ((getline l <bench) > 0) print l; next }
	{ gsub(/@HEAD@/, head); print }' "$up/cover.txt" >"$cover"

rm -rf "$out"
mkdir -p "$out"
git -C "$repo" format-patch -q --cover-letter --no-signature --base="$base" \
	-o "$out" "$base"..HEAD
# format-patch's cover letter has placeholders: put in upstream/cover.txt.
c0=$(ls "$out"/0000-*.patch)
awk -v cover="$cover" '
	/^Subject: / && /\*\*\* SUBJECT HERE \*\*\*/ {
		getline first <cover
		sub(/\*\*\* SUBJECT HERE \*\*\*/, first); print; next }
	/^\*\*\* BLURB HERE \*\*\*$/ { getline skip <cover
		while ((getline l <cover) > 0) print l; next }
	{ print }' "$c0" >"$c0.new"
mv "$c0.new" "$c0"
n=$(ls "$out"/*.patch | wc -l)
echo "upstream/series.sh: $n files in $out (base ppp $(basename "$tarball" .tar.gz), from $head)"

# Their style, on every line the series adds.
awk -f "$up/style.awk" "$out"/0*.patch || die "the series breaks upstream's style (above): fix the source in this tree"
