# make check and its parts, fuzzing, the benchmark, the demo and the
# Debian package: included by the Makefile, which builds the product.

# Prerequisites named per target ($$(SRCS_$$*)) below need this.
.SECONDEXPANSION:

# Test programs that run inside the guests (host-built, glibc is forward
# compatible from bookworm to trixie).
TOOLS = l2tpsock l2tpget eventrecv l2tpfan blast lcppeer nlcap nonetlink
tools: $(TOOLS:%=$(O)/bin/%)

# The test-only helper plugin, built per pppd version like the plugin.
$(O)/hookrec.so: tests/tools/hookrec.c compat.h pppol2tp.h
	@mkdir -p $(O)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_SO) -o $@ tests/tools/hookrec.c

# Test-only: the plugin as a pppd that renamed the internal $* would load it.
$(O)/pppol2tp-no-%.so: $(PLUGIN_OBJS) exports.map
	objcopy --redefine-sym $*=$*_renamed $(O)/pppol2tp.o $(O)/no-$*.o
	$(CC) $(LDFLAGS_SO) -Wl,--version-script=exports.map -o $@ \
		$(O)/no-$*.o $(CORE:%=$(O)/%.o)

# The two test daemons share l2tptool.c.
TOOL_LIB_l2tpsock = tests/tools/l2tptool.c
TOOL_LIB_l2tpfan = tests/tools/l2tptool.c
# nlcap asks with the watch's own request builders.
TOOL_LIB_nlcap = l2tp_watch.c
$(O)/bin/%: tests/tools/%.c tests/tools/l2tptool.h l2tp_watch.h $$(TOOL_LIB_$$*)
	@mkdir -p $(O)/bin
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARNINGS) $(LDFLAGS) -o $@ $< $(TOOL_LIB_$*)

# Unit tests of the pure logic, under AddressSanitizer and UBSan, and the
# same tests without sanitizers under valgrind (zero errors, no leaks).
UNIT_TESTS = test_l2tp_addr test_l2tp_sock test_accm_report test_ncp_updown \
	test_optcheck test_event_encode test_l2tp_watch test_lcp_echo \
	test_event_queue
SRCS_test_l2tp_addr = l2tp_addr.c
SRCS_test_l2tp_sock = l2tp_sock.c l2tp_addr.c
SRCS_test_accm_report = accm_report.c
SRCS_test_ncp_updown = ncp_updown.c
SRCS_test_optcheck = optcheck.c
SRCS_test_event_encode = event_encode.c
SRCS_test_event_queue = event_queue.c
SRCS_test_l2tp_watch = l2tp_watch.c
SRCS_test_lcp_echo = lcp_echo.c
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_DIR = build/unit
VG_DIR = build/unit-vg
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=all

unit: $(UNIT_TESTS:%=$(UNIT_DIR)/%)
	@for t in $(UNIT_TESTS); do $(UNIT_DIR)/$$t || exit 1; done

unit-valgrind: $(UNIT_TESTS:%=$(VG_DIR)/%)
	@for t in $(UNIT_TESTS); do $(VALGRIND) $(VG_DIR)/$$t || exit 1; done

$(UNIT_DIR)/%: tests/unit/%.c tests/unit/unit.h $$(SRCS_$$*)
	@mkdir -p $(UNIT_DIR)
	$(CC) -g -O1 $(WARNINGS) $(SAN) -o $@ $< $(SRCS_$*)

$(VG_DIR)/%: tests/unit/%.c tests/unit/unit.h $$(SRCS_$$*)
	@mkdir -p $(VG_DIR)
	$(CC) -g -O1 $(WARNINGS) -o $@ $< $(SRCS_$*)

check:
	@tests/check.sh

# Every pppd of tests/pppd/matrix built from upstream's tarballs
# (PPPD_SRC_DIR, by default ../shared/pppd-src), the plugins built, linked
# and loaded in each, and a session with each in the bookworm guest.
check-pppd:
	@tests/pppd/check-pppd.sh

# The Debian package for SUITE, built in a clean chroot of that suite, into
# build/deb/SUITE/; check-deb builds it and runs its round trip, for each
# of DEB_SUITES.
SUITE ?= bookworm
DEB_SUITES ?= bookworm trixie
deb:
	@tests/deb.sh build $(SUITE)

check-deb:
	@rc=0; for s in $(DEB_SUITES); do tests/deb.sh check $$s || rc=1; done; exit $$rc

# Fuzzing: FUZZ_SECONDS per target (make check runs a short smoke run).
FUZZ_SECONDS ?= 300
fuzz:
	@tests/fuzz/fuzz.sh $(FUZZ_SECONDS)

# Seeds for the l2tp_watch fuzz target: the kernel's own netlink answers.
corpus:
	@tests/fuzz/capture.sh

# The benchmark (not a test): the BENCH_* variables of tests/bench/bench.sh.
bench:
	@tests/bench/bench.sh

demo:
	@tests/demo.sh

.PHONY: tools unit unit-valgrind check check-pppd demo fuzz corpus bench deb check-deb

# The patch series for ppp's own tree (upstream/series.sh): into
# UPSTREAM_SERIES_DIR; tests/upstream.sh proves it in that tree.
UPSTREAM_SERIES_DIR ?= build/upstream-series
upstream-series:
	@upstream/series.sh $(UPSTREAM_SERIES_DIR)
