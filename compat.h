/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one place that tells one pppd from another.  Everything else in the
 * tree calls the compat_* names.  The Makefile says which pppd it is, from
 * PPPD_INCLUDEDIR alone (searching the include path here would find
 * another pppd's headers): COMPAT_PPPD_2_5 (2.5 ships pppdconf.h) and
 * COMPAT_HAS_REQ_IFNAME (pppd's own `ifname' option, since 2.4.8).
 *
 * What a pppd may be built without (multilink, IPv6CP) is a weak
 * reference tested at run time, never read from its headers: 2.4's
 * declare the same things whatever its Makefile left out, and 2.5's
 * pppdconf.h says how one build was configured, while the plugin may be
 * loaded by another build of that version.  Nothing absent is
 * referenced, and compat_lacking() names it.
 */
#ifndef COMPAT_H
#define COMPAT_H

#include <stddef.h>
#include <stdio.h>

#if !defined(COMPAT_PPPD_2_5) || !defined(COMPAT_HAS_REQ_IFNAME)
#error "COMPAT_PPPD_2_5 and COMPAT_HAS_REQ_IFNAME must be 0 or 1: build with the Makefile, which sets them from PPPD_INCLUDEDIR"
#endif

#include <pppd/pppd.h>
#if COMPAT_PPPD_2_5
#include <pppd/options.h>
#include <pppd/multilink.h>
#endif
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/ccp.h>

typedef void compat_notify_fn(void *ctx, int arg);
typedef void compat_join_fn(void);

enum compat_event {
	COMPAT_EV_PHASE,
	COMPAT_EV_IP_UP,
	COMPAT_EV_IP_DOWN,
	COMPAT_EV_IPV6_UP,
	COMPAT_EV_IPV6_DOWN,
	COMPAT_EV_EXIT,
};

#if COMPAT_PPPD_2_5

#define COMPAT_PPPD_VERSION	PPPD_VERSION
#define compat_option_error	ppp_option_error
#define compat_add_options	ppp_add_options
#define compat_establish	ppp_generic_establish
#define compat_disestablish	ppp_generic_disestablish
#define compat_set_modem	ppp_set_modem
#define compat_persist		ppp_persist
#define compat_ifunit		ppp_ifunit
#define compat_ifname		ppp_ifname
#define compat_timeout		ppp_timeout
#define compat_untimeout	ppp_untimeout
#define compat_script_setenv	ppp_script_setenv

/*
 * Not PPP_WITH_IPV6CP: one version's headers serve its builds with and
 * without IPv6CP alike, and a pppd without it logs an error for each
 * IPv6 notifier asked of it.  Only a pppd with IPv6CP has ipv6cp.c, and
 * in it this symbol.
 */
#include <pppd/eui64.h>
#include <pppd/ipv6cp.h>
#pragma weak ipv6cp_protent
#define COMPAT_IPV6CP		(&ipv6cp_protent != NULL)

/* pppd 2.5 exports these (see "pppd internals" below) but no longer declares them. */
extern int hungup;
extern bool demand;
extern bool persist;
void link_terminated(int unit);
#define compat_set_status	ppp_set_status

/* pppd logs the name of a non-tty channel from one, scripts get the other. */
static inline void
compat_set_devnam(const char *name)
{
	ppp_set_devnam(name);
	ppp_set_pppdevnam(name);
}

static inline void
compat_peer_authname(char *buf, size_t len)
{
	ppp_peer_authname(buf, len);
}

static inline int
compat_notify(enum compat_event ev, compat_notify_fn *fn, void *ctx)
{
	static const ppp_notify_t type[] = {
		[COMPAT_EV_PHASE] = NF_PHASE_CHANGE,
		[COMPAT_EV_IP_UP] = NF_IP_UP,
		[COMPAT_EV_IP_DOWN] = NF_IP_DOWN,
		[COMPAT_EV_IPV6_UP] = NF_IPV6_UP,
		[COMPAT_EV_IPV6_DOWN] = NF_IPV6_DOWN,
		[COMPAT_EV_EXIT] = NF_EXIT,
	};

	/* Without IPv6CP pppd would log each such call as unknown. */
	if (!COMPAT_IPV6CP &&
	    (ev == COMPAT_EV_IPV6_UP || ev == COMPAT_EV_IPV6_DOWN))
		return -1;
	ppp_add_notify(type[ev], fn, ctx);
	return 0;
}

#else /* pppd 2.4.7 to 2.4.9 */

#include <string.h>
#include <pppd/patchlevel.h>

#define COMPAT_PPPD_VERSION	VERSION
#define compat_option_error	option_error
#define compat_add_options	add_options
#define compat_establish	generic_establish_ppp
#define compat_disestablish	generic_disestablish_ppp
#define compat_timeout		timeout
#define compat_untimeout	untimeout
#define compat_script_setenv	script_setenv

/*
 * A pppd built without IPv6 or multilink has no IPv6 notifier lists or
 * join hook: weak references let the plugin load there, and what is
 * missing is skipped.
 */
#pragma weak ipv6_up_notifier
#pragma weak ipv6_down_notifier
#define COMPAT_IPV6CP		(&ipv6_up_notifier != NULL)

static inline void compat_set_modem(int on) { modem = on; }
static inline void compat_set_status(int s) { status = s; }
static inline int compat_persist(void) { return persist; }
static inline int compat_ifunit(void) { return ifunit; }
static inline const char *compat_ifname(void) { return ifname; }

static inline void
compat_set_devnam(const char *name)
{
	snprintf(devnam, sizeof(devnam), "%s", name);
	snprintf(ppp_devnam, sizeof(ppp_devnam), "%s", name);
}

static inline void
compat_peer_authname(char *buf, size_t len)
{
	snprintf(buf, len, "%s", peer_authname);
}

static inline int
compat_notify(enum compat_event ev, compat_notify_fn *fn, void *ctx)
{
	struct notifier **list[] = {
		[COMPAT_EV_PHASE] = &phasechange,
		[COMPAT_EV_IP_UP] = &ip_up_notifier,
		[COMPAT_EV_IP_DOWN] = &ip_down_notifier,
		[COMPAT_EV_IPV6_UP] = &ipv6_up_notifier,
		[COMPAT_EV_IPV6_DOWN] = &ipv6_down_notifier,
		[COMPAT_EV_EXIT] = &exitnotify,
	};

	if (list[ev] == NULL)
		return -1;
	add_notifier(list[ev], fn, ctx);
	return 0;
}

#endif

/*
 * Declared here too: 2.5's multilink.h hides it from headers without
 * PPP_WITH_MULTILINK, which a pppd of that version built with multilink
 * shares.  Weak, tested at run time: only a pppd with multilink has it,
 * and only such a pppd accepts the multilink option at all.
 */
extern compat_join_fn *multilink_join_hook;
#pragma weak multilink_join_hook
#define COMPAT_MULTILINK	(&multilink_join_hook != NULL)

/*
 * Put fn in pppd's multilink join hook and leave the hook it replaces in
 * *prev, for fn to chain; nothing in a pppd without multilink.
 */
static inline void
compat_chain_join(compat_join_fn *fn, compat_join_fn **prev)
{
	if (!COMPAT_MULTILINK)
		return;
	*prev = multilink_join_hook;
	multilink_join_hook = fn;
}

/*
 * pppd internals: what the plugin needs that pppd 2.5 keeps in
 * pppd-private.h (not installed, free to change in any release) and offers
 * no public call for.
 *   hungup, link_terminated  pppd's own end of a hung-up line ("Modem
 *                            hangup"): lcp_close() instead would send
 *                            Terminate-Requests into a deleted session and
 *                            wait out their retries;
 *   req_ifname               the name pppd gives the interface it creates
 *                            (ppp_set_ifname() only renames pppd's idea of
 *                            it, after creation); 2.4.7 has none;
 *   demand                   dial on demand, which the plugin refuses even
 *                            where `nopersist' has undone its persist;
 *   persist                  written, not only read: set after start-up,
 *                            it would have pppd redial a closed socket.
 * Everything else the plugin uses is pppd.h, options.h, lcp.h, ipcp.h,
 * ccp.h and multilink.h API.  Weak references let the plugin load in a pppd
 * that lacks one, so that plugin_init can name it instead of the loader
 * printing "undefined symbol".
 */
#pragma weak hungup
#pragma weak link_terminated
#pragma weak demand
#pragma weak persist

/* A pppd without it has no demand mode to refuse. */
static inline int compat_demand(void) { return &demand != NULL && demand; }

/* Turn off persist set after check_options (a secrets file's options). */
static inline void
compat_end_persist(void)
{
	if (&persist != NULL)
		persist = 0;
}

#if COMPAT_HAS_REQ_IFNAME
#if COMPAT_PPPD_2_5
extern char req_ifname[];
#endif
#pragma weak req_ifname
#define compat_req_ifname()	(&req_ifname[0] != NULL ? req_ifname : NULL)
#else
#define compat_req_ifname()	((char *)NULL)
#endif

/* The first pppd internal this pppd does not export, or NULL. */
static inline const char *
compat_missing_internal(void)
{
	if (&hungup == NULL)
		return "hungup";
	if (link_terminated == NULL)
		return "link_terminated";
	return NULL;
}

/*
 * What this pppd was built without that the plugin would use, for one
 * line at load ("" when nothing is missing).
 */
static inline const char *
compat_lacking(char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s",
	    COMPAT_MULTILINK ? "" : " multilink (joined links go unreported)",
	    COMPAT_IPV6CP ? "" : " IPv6CP (IPv6 up/down unreported)",
	    compat_req_ifname() != NULL ? "" :
	    " ifname (pppol2tp_ifname is refused)");
	return buf;
}

/* End the link the way pppd ends one whose line hung up. */
static inline void
compat_hangup(void)
{
	hungup = 1;
	compat_set_status(EXIT_HANGUP);
	lcp_lowerdown(0);
	link_terminated(0);
}

#endif
