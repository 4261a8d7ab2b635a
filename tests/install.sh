#!/bin/sh
# make install onto files a Debian package owns: refused without FORCE=1,
# with the owner and the undo named; done with FORCE=1, with a warning;
# refused when the owner is our own package.  A stand-in dpkg-query on
# PATH says who owns the plugin path, so no real package is touched.
# Prints PASS:/FAIL: lines.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tmp=build/install
rm -rf "$tmp"
mkdir -p "$tmp/bin" "$tmp/plugins"
tmp=$(cd "$tmp" && pwd)
status=0
pass() { echo "PASS: install: $*"; }
fail() { echo "FAIL: install: $*"; status=1; }

cat >"$tmp/bin/dpkg-query" <<EOF
#!/bin/sh
[ "\$1" = -S ] && [ "\$2" = "$tmp/plugins/pppol2tp.so" ] && [ -n "\$OWNER" ] || exit 1
echo "\$OWNER: \$2"
EOF
chmod +x "$tmp/bin/dpkg-query"
# A stand-in pppd says the version PPPD_SAYS, or is the real one.
cat >"$tmp/bin/pppd" <<'EOF'
#!/bin/sh
[ -n "$PPPD_SAYS" ] || exec /usr/sbin/pppd "$@"
echo "pppd version $PPPD_SAYS" >&2
EOF
chmod +x "$tmp/bin/pppd"

# try OWNER [MAKE ARGS]: make install over a marker file; sets rc and out.
try() {
	owner=$1
	shift
	echo "the package's file" >"$tmp/plugins/pppol2tp.so"
	OWNER=$owner PPPD_SAYS=${PPPD_SAYS:-} PATH="$tmp/bin:$PATH" make -s O="$tmp/obj" PLUGINDIR="$tmp/plugins" \
	    MANDIR="$tmp/man" DOCDIR="$tmp/doc" install "$@" >"$tmp/out" 2>&1
	rc=$?
	out=$(tr '\n' ' ' <"$tmp/out")
}
untouched() { grep -q "the package's file" "$tmp/plugins/pppol2tp.so"; }

try ppp
if [ $rc -ne 0 ] && untouched && grep -q "belongs to the package ppp" "$tmp/out" &&
    grep -q "FORCE=1" "$tmp/out" && grep -q "apt-get install --reinstall ppp)" "$tmp/out"; then
	echo "note: install: said: $out"
	pass "over ppp's file: refused, file untouched, owner, FORCE=1 and undo named"
else
	fail "over ppp's file: exit $rc, said: $out"
fi

try ppp FORCE=1
if [ $rc -eq 0 ] && ! untouched && grep -q "overwriting .* of ppp (undo: apt-get install --reinstall ppp)" "$tmp/out"; then
	echo "note: install: said: $out"
	pass "over ppp's file with FORCE=1: installed, with a warning naming the undo"
else
	fail "over ppp's file with FORCE=1: exit $rc, said: $out"
fi

try pppol2tp
if [ $rc -ne 0 ] && untouched && grep -q "dpkg -r pppol2tp" "$tmp/out"; then
	echo "note: install: said: $out"
	pass "over our own package's file: refused, naming dpkg -r"
else
	fail "over our own package's file: exit $rc, said: $out"
fi

PPPD_SAYS=9.9.9 try ""
if [ $rc -ne 0 ] && untouched && grep -q "installed pppd is 9.9.9 and refuses" "$tmp/out" &&
    grep -q "PPPD_INCLUDEDIR=DIR" "$tmp/out"; then
	echo "note: install: said: $out"
	pass "for another pppd than the installed one: refused, naming both versions and the fix"
else
	fail "for another pppd than the installed one: exit $rc, said: $out"
fi

try ""
if [ $rc -eq 0 ] && ! untouched && [ -f "$tmp/man/man8/pppol2tp.8" ] &&
    [ -f "$tmp/doc/README.pppol2tp" ] && [ -f "$tmp/plugins/openl2tp.so" ]; then
	pass "over nobody's files: both plugins, the man page and README.pppol2tp installed"
else
	fail "over nobody's files: exit $rc, said: $out"
fi
exit $status
