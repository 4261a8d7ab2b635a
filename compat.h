/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one place that tells pppd 2.4.9 from 2.5.x.  Everything else in the
 * tree calls the compat_* names.  The Makefile says which it is
 * (COMPAT_PPPD_2_5, from whether PPPD_INCLUDEDIR holds 2.5's pppdconf.h):
 * searching the include path here would find another pppd's headers.
 */
#ifndef COMPAT_H
#define COMPAT_H

#include <stddef.h>

#ifndef COMPAT_PPPD_2_5
#error "COMPAT_PPPD_2_5 must be 0 or 1: build with the Makefile, which sets it from PPPD_INCLUDEDIR"
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

/* Whether this pppd has multilink (and so a join hook a helper can chain). */
#define compat_has_join_hook()	(&multilink_join_hook != NULL)

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
#define compat_multilink_join_hook multilink_join_hook
#define compat_timeout		ppp_timeout
#define compat_untimeout	ppp_untimeout
/* A pppd built without multilink has no join hook: see compat_has_join_hook. */
#pragma weak multilink_join_hook

/* pppd 2.5 exports these (see "pppd internals" below) but no longer declares them. */
extern char req_ifname[];
extern int hungup;
void link_terminated(int unit);
#define compat_set_status	ppp_set_status

/* pppd logs and exports (DEVICE) the name of a non-tty channel from both. */
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

	ppp_add_notify(type[ev], fn, ctx);
	return 0;
}

#else /* pppd 2.4.9 */

#include <string.h>
#include <pppd/patchlevel.h>

#define COMPAT_PPPD_VERSION	VERSION
#define compat_option_error	option_error
#define compat_add_options	add_options
#define compat_establish	generic_establish_ppp
#define compat_disestablish	generic_disestablish_ppp
#define compat_multilink_join_hook multilink_join_hook
#define compat_timeout		timeout
#define compat_untimeout	untimeout

/*
 * A pppd built without IPv6 has no IPv6 notifier lists: weak references
 * let the plugin load there, and compat_notify() skips what is missing.
 */
#pragma weak ipv6_up_notifier
#pragma weak ipv6_down_notifier
#pragma weak multilink_join_hook

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
 * pppd internals: what the plugin needs that pppd 2.5 keeps in
 * pppd-private.h (not installed, free to change in any release) and offers
 * no public call for.
 *   hungup, link_terminated  pppd's own end of a hung-up line ("Modem
 *                            hangup"): lcp_close() instead would send
 *                            Terminate-Requests into a deleted session and
 *                            wait out their retries;
 *   req_ifname               the name pppd gives the interface it creates
 *                            (ppp_set_ifname() only renames pppd's idea of
 *                            it, after creation).
 * Everything else the plugin uses is pppd.h, options.h, lcp.h, ipcp.h,
 * ccp.h and multilink.h API.  Weak references let the plugin load in a pppd
 * that lacks one, so that plugin_init can name it instead of the loader
 * printing "undefined symbol".
 */
#pragma weak hungup
#pragma weak link_terminated
#pragma weak req_ifname

/* The first pppd internal this pppd does not export, or NULL. */
static inline const char *
compat_missing_internal(void)
{
	if (&hungup == NULL)
		return "hungup";
	if (link_terminated == NULL)
		return "link_terminated";
	if (&req_ifname == NULL)
		return "req_ifname";
	return NULL;
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
