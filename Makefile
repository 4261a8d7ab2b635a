# pppol2tp.so: the pppd plugin for the kernel's L2TP driver.
#
#   make                       build against the installed pppd headers
#   make PPPD_INCLUDEDIR=DIR   build against DIR/pppd/*.h (another pppd)
#   make install DESTDIR=...   install where that pppd looks for plugins
#   make deb SUITE=bookworm    the Debian package, built in a clean chroot
#   make check                 unit tests, then pppd in real kernels (QEMU)
#   make check-pppd            build, link, load and run in every pppd release
#   make demo                  a real L2TP session end to end

PPPD_INCLUDEDIR ?= /usr/include
CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wpointer-arith
# The test suite builds with WERROR=1.  It is not the default: a packager's
# newer compiler may warn where ours does not, and that should not fail
# their build.
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif
# pppd's own headers declare functions without prototypes: -isystem keeps
# their warnings out of ours.  CPPFLAGS, CFLAGS and LDFLAGS are the
# packager's (hardening, LTO): CFLAGS reaches the link too.
# Which pppd (2.5 ships pppdconf.h) is read from PPPD_INCLUDEDIR alone, never
# from whatever else is on the include path.
PPPD_2_5 := $(if $(wildcard $(PPPD_INCLUDEDIR)/pppd/pppdconf.h),1,0)
# pppd's own `ifname' came in 2.4.8; 2.5 has it but no longer declares it.
PPPD_REQ_IFNAME := $(if $(filter 1,$(PPPD_2_5)),1,$(if $(shell \
	grep -l req_ifname $(PPPD_INCLUDEDIR)/pppd/pppd.h 2>/dev/null),1,0))
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(WARNINGS) -fPIC -isystem $(PPPD_INCLUDEDIR) \
	-DCOMPAT_PPPD_2_5=$(PPPD_2_5) -DCOMPAT_HAS_REQ_IFNAME=$(PPPD_REQ_IFNAME)
LDFLAGS_SO = $(CFLAGS) -shared -Wl,-z,now -Wl,-z,relro $(LDFLAGS)
# Objects go to $(O), so one tree can build for several pppd versions.
O ?= .

PPPD_VERSION := $(shell sed -n 's/^\#define[[:space:]]*\(PPPD_\)\{0,1\}VERSION[[:space:]]*"\(.*\)"/\2/p' \
	$(PPPD_INCLUDEDIR)/pppd/pppdconf.h $(PPPD_INCLUDEDIR)/pppd/patchlevel.h 2>/dev/null | head -n 1)
# pppd 2.5 says where its plugins go; 2.4.9 has no pkg-config file and
# its headers do not say, so take the directory Debian's 2.4.9 uses.
PKG_PLUGINDIR := $(if $(PPPD_VERSION),$(shell \
	[ "$$( (pkg-config --modversion pppd) 2>/dev/null)" = "$(PPPD_VERSION)" ] && \
	(pkg-config --variable=plugindir pppd) 2>/dev/null))
PLUGINDIR ?= $(if $(PKG_PLUGINDIR),$(PKG_PLUGINDIR),$(if $(PPPD_VERSION),/usr/lib/pppd/$(PPPD_VERSION)))
MANDIR ?= /usr/share/man
DOCDIR ?= /usr/share/doc/pppol2tp

CORE = l2tp_addr l2tp_sock l2tp_watch lcp_echo accm_report ncp_updown optcheck
PLUGIN_OBJS = $(O)/pppol2tp.o $(CORE:%=$(O)/%.o)

HELPER_OBJS = $(O)/openl2tp.o $(O)/event_encode.o $(O)/event_queue.o

all: $(O)/pppol2tp.so $(O)/openl2tp.so

$(O)/openl2tp.so: $(HELPER_OBJS) helper.map
	$(CC) $(LDFLAGS_SO) -Wl,--version-script=helper.map -o $@ $(HELPER_OBJS)

$(O)/pppol2tp.so: $(PLUGIN_OBJS) exports.map
	$(CC) $(LDFLAGS_SO) -Wl,--version-script=exports.map -o $@ $(PLUGIN_OBJS)

# -MMD -MP: each object's header dependencies, written beside it.
$(O)/%.o: %.c
	@mkdir -p $(O)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# What includes compat.h is rebuilt when the pppd it is built for changes:
# its headers' contents (file times alone miss another directory whose
# headers are older than our objects, as dpkg leaves them), recorded in
# $(O)/pppd.id, rewritten only when it differs.
PPPD_HEADERS := $(wildcard $(PPPD_INCLUDEDIR)/pppd/*.h)
PPPD_ID := $(PPPD_2_5) $(PPPD_REQ_IFNAME) $(PPPD_VERSION) $(if $(PPPD_HEADERS),$(firstword \
	$(shell cat $(PPPD_HEADERS) | cksum)))
$(O)/pppd.id: FORCE
	@mkdir -p $(O)
	@[ -f $(PPPD_INCLUDEDIR)/pppd/pppd.h ] || { echo "$(PPPD_INCLUDEDIR)" \
		"has no pppd/pppd.h: install ppp-dev, or give PPPD_INCLUDEDIR=DIR" \
		"for the directory holding pppd/" >&2; exit 1; }
	@case "$(PPPD_VERSION)" in 2.4.[789]*|2.[5-9].*|[3-9].*) ;; \
	"") echo "$(PPPD_INCLUDEDIR)/pppd has pppd.h but no pppd version" \
		"in patchlevel.h or pppdconf.h: are these pppd's headers?" \
		"Install ppp-dev, or give PPPD_INCLUDEDIR=DIR of pppd" \
		"2.4.7 or later" >&2; exit 1 ;; \
	*) echo "$(PPPD_INCLUDEDIR)/pppd is pppd $(PPPD_VERSION), older" \
		"than 2.4.7, the oldest pppd this plugin supports: build" \
		"against pppd 2.4.7 or later" >&2; exit 1 ;; esac
	@[ "$$(cat $@ 2>/dev/null)" = "$(PPPD_ID)" ] || echo "$(PPPD_ID)" >$@
$(O)/pppol2tp.o $(O)/openl2tp.o $(O)/hookrec.so: $(PPPD_HEADERS) $(O)/pppd.id

# The pppd version these headers are of, for scripts (tests, packaging).
pppd-version:
	@echo $(PPPD_VERSION)

-include $(PLUGIN_OBJS:.o=.d) $(HELPER_OBJS:.o=.d)

INSTALLED = $(PLUGINDIR)/pppol2tp.so $(PLUGINDIR)/openl2tp.so \
	$(MANDIR)/man8/pppol2tp.8 $(DOCDIR)/README.pppol2tp

# Debian's ppp ships its own pppol2tp.so and openl2tp.so: writing over them
# lasts until ppp's next upgrade puts them back, silently.  The package
# (make deb) diverts them instead; a plain install refuses unless FORCE=1.
install: $(O)/pppol2tp.so $(O)/openl2tp.so
	@[ -n "$(PLUGINDIR)" ] || { echo "make install: cannot tell where pppd" \
		"loads plugins: no pppd version in $(PPPD_INCLUDEDIR)/pppd/pppdconf.h" \
		"or patchlevel.h.  Install ppp-dev, or give PPPD_INCLUDEDIR=DIR" \
		"or PLUGINDIR=DIR." >&2; exit 1; }
	@installed=$$( (pppd --version) 2>&1 | sed -n 's/^pppd version //p'); \
	[ -n "$(DESTDIR)" ] || [ -z "$$installed" ] || [ "$$installed" = "$(PPPD_VERSION)" ] || \
	[ "$(FORCE)" = 1 ] || { echo "make install: these plugins are for pppd" \
		"$(PPPD_VERSION) (the headers in $(PPPD_INCLUDEDIR)), but the" \
		"installed pppd is $$installed and refuses plugins built for" \
		"another version.  Install the ppp-dev of pppd $$installed, or give" \
		"PPPD_INCLUDEDIR=DIR of its headers, and rebuild (FORCE=1" \
		"installs anyway)." >&2; exit 1; }
	@[ -n "$(DESTDIR)" ] || for f in $(INSTALLED); do \
		owner=$$(dpkg-query -S "$$f" 2>/dev/null | sed -n '/^diversion /!{s/: .*//;s/,//g;p;}'); \
		[ -n "$$owner" ] || continue; \
		if [ "$$owner" = pppol2tp ]; then \
			echo "make install: $$f is this plugin's own Debian package's;" \
			    "remove that first (dpkg -r pppol2tp), or upgrade it" \
			    "with a newer .deb (make deb)." >&2; \
			exit 1; \
		fi; \
		if [ "$(FORCE)" != 1 ]; then \
			echo "make install: $$f belongs to the package $$owner;" \
			    "the next upgrade of $$owner puts its own back." \
			    "Install the .deb (make deb, see README.md), which diverts it," \
			    "or run make install FORCE=1 (undo: apt-get install" \
			    "--reinstall $$owner)." >&2; \
			exit 1; \
		fi; \
		echo "make install: overwriting $$f of $$owner (undo: apt-get" \
		    "install --reinstall $$owner)" >&2; \
	done
	install -d $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DOCDIR)
	install -m 644 $(O)/pppol2tp.so $(DESTDIR)$(PLUGINDIR)/pppol2tp.so
	install -m 644 $(O)/openl2tp.so $(DESTDIR)$(PLUGINDIR)/openl2tp.so
	install -m 644 pppol2tp.8 $(DESTDIR)$(MANDIR)/man8/pppol2tp.8
	install -m 644 README.pppol2tp $(DESTDIR)$(DOCDIR)/README.pppol2tp

clean-objs:
	rm -f *.o *.d *.so pppd.id

clean: clean-objs
	rm -rf build

FORCE:

.PHONY: FORCE all install clean clean-objs pppd-version

# Tests, fuzzing, the benchmark and the package build: none of it is
# needed to build or install the plugin.
include tests/tests.mk
