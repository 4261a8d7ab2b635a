/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppol2tp.so: run a PPP session over the kernel's L2TP driver.
 *
 * The L2TP daemon owns the tunnel and hands pppd a connected PPPoL2TP
 * session socket.  This file is the glue to pppd: options, the channel,
 * the kernel settings and the hooks a helper plugin uses.  Everything that
 * can be judged without pppd lives in l2tp_sock.c, l2tp_addr.c,
 * l2tp_watch.c, lcp_echo.c, accm_report.c, ncp_updown.c and optcheck.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>

#include "compat.h"
#include "pppol2tp.h"
#include "l2tp_sock.h"
#include "l2tp_watch.h"
#include "lcp_echo.h"
#include "accm_report.h"
#include "ncp_updown.h"
#include "optcheck.h"

/*
 * Errors: what fails says so where it is found, naming the option or
 * setting, the value and what to do, through pppd's log (option_error
 * while options are read), and returns -1; pppd's callbacks then answer
 * as pppd wants them to (an option handler 0, check_options exits with
 * pppd's option status).  The pure modules return the reason as text
 * for the caller to say.
 */
#define PFX	"pppol2tp: "	/* how every message of ours starts */

char pppd_version[] = COMPAT_PPPD_VERSION;

void (*pppol2tp_send_accm_hook)(int tunnel_id, int session_id,
    uint32_t send_accm, uint32_t recv_accm);
void (*pppol2tp_ip_updown_hook)(int tunnel_id, int session_id, int up);
int pppol2tp_tunnel_id;
int pppol2tp_session_id;

/* Long enough for any option argument we keep for `dump'. */
#define ARGLEN	32

static int session_fd = -1;
static int given_fd = -1;		/* the daemon's number, for messages */
static struct l2tp_sockinfo session;
static char channel_name[32];		/* devnam once connected: pppol2tp-T-S */

static bool lns_mode;
static bool send_seq;
static bool recv_seq;
static int reorder_ms = -1;		/* -1: not given, leave the kernel's */
static int debug_mask = -1;
static long long tunnel_opt = -1;	/* -1: not given */
static long long session_opt = -1;
static char ifname_opt[IFNAMSIZ];

/* pppd prints these for `dump' and `dryrun' (OPT_A2STRVAL). */
static char fd_arg[ARGLEN];
static char reorder_arg[ARGLEN];
static char debug_arg[ARGLEN];
static char tunnel_arg[ARGLEN];
static char session_arg[ARGLEN];

static struct accm_report accm;
static struct ncp_updown ncp;
static struct channel l2tp_channel;

/*
 * How long pppd may hear nothing on the session before the plugin asks
 * the kernel whether it still exists (pppol2tp_check_interval; 0: never
 * ask).  Short enough that a session deleted while pppd waits ends within
 * seconds; see "The session watch" below for when it asks.
 */
#define CHECK_DEFAULT	5
#define CHECK_MAX	3600
static int check_secs = CHECK_DEFAULT;
static char check_arg[ARGLEN];
static struct l2tp_watch watch = { .fd = -1 };

static int set_session_fd(char **);
static int set_reorder(char **);
static int set_debug_mask(char **);
static int set_tunnel_id(char **);
static int set_session_id(char **);
static int set_ifname(char **);
static int set_check_interval(char **);

static option_t l2tp_options[] = {
	{ .name = "pppol2tp", .type = o_special, .addr = (void *)set_session_fd,
	  .description = "fd of the PPPoL2TP session socket from the L2TP daemon",
	  .flags = OPT_DEVNAM | OPT_A2STRVAL | OPT_STATIC, .addr2 = fd_arg },
	{ .name = "pppol2tp_lns_mode", .type = o_bool, .addr = &lns_mode,
	  .description = "act as the LNS: kernel LNS mode, report the ACCMs",
	  .flags = 1 },
	{ .name = "pppol2tp_send_seq", .type = o_bool, .addr = &send_seq,
	  .description = "send data packets with L2TP sequence numbers",
	  .flags = 1 },
	{ .name = "pppol2tp_recv_seq", .type = o_bool, .addr = &recv_seq,
	  .description = "drop received data packets without sequence numbers",
	  .flags = 1 },
	{ .name = "pppol2tp_reorderto", .type = o_special,
	  .addr = (void *)set_reorder,
	  .description = "milliseconds to hold out-of-order data packets",
	  .flags = OPT_A2STRVAL | OPT_STATIC, .addr2 = reorder_arg },
	{ .name = "pppol2tp_debug_mask", .type = o_special,
	  .addr = (void *)set_debug_mask,
	  .description = "kernel debug mask (ignored by kernels since 5.10)",
	  .flags = OPT_A2STRVAL | OPT_STATIC, .addr2 = debug_arg },
	{ .name = "pppol2tp_ifname", .type = o_special,
	  .addr = (void *)set_ifname,
	  .description = "name of the PPP network interface",
	  .flags = OPT_PRIV | OPT_A2STRVAL | OPT_STATIC, .addr2 = ifname_opt },
	{ .name = "pppol2tp_tunnel_id", .type = o_special,
	  .addr = (void *)set_tunnel_id,
	  .description = "L2TP tunnel id the socket must carry",
	  .flags = OPT_A2STRVAL | OPT_STATIC, .addr2 = tunnel_arg },
	{ .name = "pppol2tp_session_id", .type = o_special,
	  .addr = (void *)set_session_id,
	  .description = "L2TP session id the socket must carry",
	  .flags = OPT_A2STRVAL | OPT_STATIC, .addr2 = session_arg },
	{ .name = "pppol2tp_check_interval", .type = o_special,
	  .addr = (void *)set_check_interval,
	  .description = "seconds of silence before asking the kernel "
	  "whether the session still exists (0: never)",
	  .flags = OPT_A2STRVAL | OPT_STATIC, .addr2 = check_arg },
	{ .name = NULL }
};

static void
keep_arg(char *dst, const char *arg)
{
	snprintf(dst, ARGLEN, "%s", arg);
}

/*
 * Checking the socket here, while options are parsed, means a wrong fd
 * stops pppd with an option error before anything else touches it.
 */
static int
set_session_fd(char **argv)
{
	char why[200];
	long long fd;
	const char *bad;

	bad = opt_parse_number(*argv, 10, 0, INT_MAX, &fd);
	if (bad != NULL) {
		compat_option_error(PFX "fd '%s' %s: give the number of "
		    "the PPPoL2TP socket the L2TP daemon passed to pppd",
		    *argv, bad);
		return 0;
	}
	/*
	 * The same fd again (an options file and the command line) changes
	 * nothing; another would leave the first session socket open, and
	 * its kernel session alive, for as long as pppd runs.
	 */
	if (given_fd >= 0) {
		if (fd == given_fd)
			return 1;
		compat_option_error(PFX "given twice, fd %d and fd %d: "
		    "give the one session socket once", given_fd, (int)fd);
		return 0;
	}
	if (l2tp_sock_identify((int)fd, &session, why, sizeof(why)) < 0) {
		compat_option_error(PFX "%s", why);
		return 0;
	}
	/* Before pppd detaches and puts /dev/null over fds 0-2. */
	session_fd = l2tp_sock_settle((int)fd);
	if (session_fd < 0) {
		compat_option_error(PFX "cannot move the socket on fd %d "
		    "to a descriptor above 2: %m", (int)fd);
		return 0;
	}
	given_fd = (int)fd;
	keep_arg(fd_arg, *argv);
	pppol2tp_tunnel_id = (int)session.tunnel_id;
	pppol2tp_session_id = (int)session.session_id;

	the_channel = &l2tp_channel;
	snprintf(channel_name, sizeof(channel_name), "pppol2tp-%u-%u",
	    (unsigned)session.tunnel_id, (unsigned)session.session_id);
	compat_set_modem(0);

	/*
	 * The kernel carries the data frames: header compression and
	 * software compressors would only be undone by the peer's kernel,
	 * and ACFC/PFC are the peer's to ask for.  Later options may still
	 * turn any of these back on.
	 */
	lcp_wantoptions[0].neg_accompression = 0;
	lcp_wantoptions[0].neg_pcompression = 0;
	ccp_wantoptions[0].deflate = 0;
	ccp_allowoptions[0].deflate = 0;
	ccp_wantoptions[0].bsd_compress = 0;
	ccp_allowoptions[0].bsd_compress = 0;
	ipcp_wantoptions[0].neg_vj = 0;
	ipcp_allowoptions[0].neg_vj = 0;
	return 1;
}

static int
set_number(const char *opt, char **argv, int base, long long min,
    long long max, const char *hint, long long *value, char *keep)
{
	const char *bad = opt_parse_number(*argv, base, min, max, value);

	if (bad != NULL) {
		compat_option_error("%s '%s' %s: %s", opt, *argv, bad, hint);
		return 0;
	}
	keep_arg(keep, *argv);
	return 1;
}

static int
set_reorder(char **argv)
{
	long long v;

	if (!set_number("pppol2tp_reorderto", argv, 10, 0, INT_MAX,
	    "give milliseconds from 0 (no reordering) to 2147483647", &v,
	    reorder_arg))
		return 0;
	reorder_ms = (int)v;
	return 1;
}

static int
set_debug_mask(char **argv)
{
	long long v;

	if (!set_number("pppol2tp_debug_mask", argv, 0, 0, INT_MAX,
	    "give a non-negative mask such as 15 or 0xf", &v, debug_arg))
		return 0;
	debug_mask = (int)v;
	return 1;
}

static int
set_tunnel_id(char **argv)
{
	return set_number("pppol2tp_tunnel_id", argv, 10, 1, UINT32_MAX,
	    "give the L2TP tunnel id, 1 to 4294967295", &tunnel_opt,
	    tunnel_arg);
}

static int
set_session_id(char **argv)
{
	return set_number("pppol2tp_session_id", argv, 10, 1, UINT32_MAX,
	    "give the L2TP session id, 1 to 4294967295", &session_opt,
	    session_arg);
}

static int
set_ifname(char **argv)
{
	const char *bad = opt_ifname_problem(*argv);

	if (bad != NULL) {
		compat_option_error("pppol2tp_ifname '%s' %s: give a fixed "
		    "network interface name of 1 to 15 characters", *argv, bad);
		return 0;
	}
	snprintf(ifname_opt, sizeof(ifname_opt), "%s", *argv);
	return 1;
}

static int
set_check_interval(char **argv)
{
	long long v;

	if (!set_number("pppol2tp_check_interval", argv, 10, 0, CHECK_MAX,
	    "give seconds from 1 to 3600, or 0 to never ask the kernel "
	    "whether the session still exists", &v, check_arg))
		return 0;
	check_secs = (int)v;
	return 1;
}

static void
option_fail(void)
{
	exit(EXIT_OPTION_ERROR);
}

/* pppd's own formatter knows no %ll: ids travel as unsigned. */
static void
check_id(const char *opt, long long given, uint32_t actual, const char *what)
{
	if (given >= 0 && (uint32_t)given != actual) {
		compat_option_error("%s %u does not match the socket on fd %d, "
		    "which carries %s %u: the daemon passed ids of another "
		    "session", opt, (unsigned)given, given_fd, what,
		    (unsigned)actual);
		option_fail();
	}
}

static void
report_accm(void)
{
	if (pppol2tp_send_accm_hook != NULL)
		pppol2tp_send_accm_hook(pppol2tp_tunnel_id,
		    pppol2tp_session_id, accm.send_accm, accm.recv_accm);
}

static void (*prev_snoop_send)(unsigned char *frame, int len);
static void (*prev_snoop_recv)(unsigned char *frame, int len);
static void on_send_frame(unsigned char *frame, int len);
static void on_recv_frame(unsigned char *frame, int len);
static void watch_lcp_down(void);

/*
 * pppd enters PHASE_AUTHENTICATE from link_established() each time LCP
 * comes up (with or without authentication, and under multilink, where a
 * renegotiation never passes through PHASE_ESTABLISH).  Its LCP options
 * then hold what it negotiated and uses: frames it discarded (a stale or
 * bad Configure-Ack) never reach them.
 */
static void
lcp_is_up(void)
{
	const lcp_options *his = &lcp_hisoptions[0], *ours = &lcp_gotoptions[0];

	if (lns_mode && accm_report_lcp_up(&accm, his->neg_asyncmap,
	    his->asyncmap, ours->neg_asyncmap, ours->asyncmap))
		report_accm();
}

static void report_updown(int up);

/*
 * In PHASE_DISCONNECT, link_terminated() ends the link: under multilink it
 * never took the network protocols down (link_down() leaves them to the
 * bundle), so the session is reported down here.
 */
static void
on_phase(void *ctx, int phase)
{
	(void)ctx;
	if (phase == PHASE_AUTHENTICATE)
		lcp_is_up();
	if (phase == PHASE_ESTABLISH || phase == PHASE_TERMINATE)
		watch_lcp_down();
	if (phase == PHASE_DISCONNECT)
		report_updown(ncp_updown_exit(&ncp));
}

static compat_join_fn *prev_join_hook;

/*
 * A link that joins an existing bundle stops in PHASE_NETWORK: the
 * bundle's master runs IPCP, so no ip-up reaches this pppd.  It carries
 * the bundle's traffic from now on: up for the daemon.
 */
static void
on_join(void)
{
	report_updown(ncp_updown_event(&ncp, NCP_BUNDLE, 1));
	if (prev_join_hook != NULL)
		prev_join_hook();
}

static void
report_updown(int up)
{
	if (up != NCP_NO_REPORT && pppol2tp_ip_updown_hook != NULL)
		pppol2tp_ip_updown_hook(pppol2tp_tunnel_id,
		    pppol2tp_session_id, up);
}

struct ncp_event {
	enum ncp	ncp;
	int		up;
};

static struct ncp_event ipv4_up = { NCP_IPV4, 1 };
static struct ncp_event ipv4_down = { NCP_IPV4, 0 };
static struct ncp_event ipv6_up = { NCP_IPV6, 1 };
static struct ncp_event ipv6_down = { NCP_IPV6, 0 };

static void
on_ncp(void *ctx, int arg)
{
	struct ncp_event *ev = ctx;

	(void)arg;
	report_updown(ncp_updown_event(&ncp, ev->ncp, ev->up));
}

/* pppd may exit without bringing IPCP down first (a fatal error). */
static void
on_pppd_exit(void *ctx, int arg)
{
	(void)ctx;
	(void)arg;
	report_updown(ncp_updown_exit(&ncp));
}

static void
check_l2tp_options(void)
{
	char *pppd_ifname = compat_req_ifname();

	/* demand alone, as in `demand nopersist', is refused too. */
	if (compat_persist() || compat_demand()) {
		compat_option_error(PFX "'persist' (or 'demand', which "
		    "implies it) cannot be used: the L2TP daemon owns the "
		    "session and starts a new pppd for each call; remove it");
		option_fail();
	}
	check_id("pppol2tp_tunnel_id", tunnel_opt, session.tunnel_id,
	    "tunnel");
	check_id("pppol2tp_session_id", session_opt, session.session_id,
	    "session");

	if (pppd_ifname == NULL) {
		if (ifname_opt[0] != '\0') {
			compat_option_error("pppol2tp_ifname '%s': pppd %s "
			    "cannot name the interface it creates (pppd's "
			    "ifname came in 2.4.8): upgrade pppd, or remove "
			    "the option to get pppN", ifname_opt,
			    COMPAT_PPPD_VERSION);
			option_fail();
		}
	} else if (strchr(pppd_ifname, '%') != NULL) {
		/* pppd's own option would fail as ours: see optcheck.c. */
		compat_option_error("ifname '%s' contains '%%', which the kernel "
		    "would expand to a name pppd never learns: give a fixed "
		    "name, or none for pppN", pppd_ifname);
		option_fail();
	} else if (ifname_opt[0] != '\0') {
		/* pppd names the interface when it creates it, before ip-up. */
		if (pppd_ifname[0] != '\0' && strcmp(pppd_ifname, ifname_opt)) {
			compat_option_error("pppol2tp_ifname '%s' conflicts "
			    "with ifname '%s': give only one", ifname_opt,
			    pppd_ifname);
			option_fail();
		}
		snprintf(pppd_ifname, IFNAMSIZ, "%s", ifname_opt);
	}

	accm_report_init(&accm);
	compat_notify(COMPAT_EV_PHASE, on_phase, NULL);
	ncp_updown_init(&ncp);
	compat_notify(COMPAT_EV_IP_UP, on_ncp, &ipv4_up);
	compat_notify(COMPAT_EV_IP_DOWN, on_ncp, &ipv4_down);
	compat_notify(COMPAT_EV_IPV6_UP, on_ncp, &ipv6_up);
	compat_notify(COMPAT_EV_IPV6_DOWN, on_ncp, &ipv6_down);
	compat_notify(COMPAT_EV_EXIT, on_pppd_exit, NULL);
	compat_chain_join(on_join, &prev_join_hook);
	if (check_secs > 0) {
		prev_snoop_send = snoop_send_hook;
		snoop_send_hook = on_send_frame;
		prev_snoop_recv = snoop_recv_hook;
		snoop_recv_hook = on_recv_frame;
	}
}

static int
apply(const char *opt, enum l2tp_setting which, int value)
{
	int err = l2tp_sock_set(session_fd, which, value);

	if (err != 0) {
		error(PFX "the kernel refused %s %d (%s on fd %d): %s",
		    opt, value, l2tp_setting_name(which), given_fd,
		    strerror(err));
		return -1;
	}
	return 0;
}

/*
 * The session watch.  A session deleted under pppd (ip l2tp del tunnel, a
 * daemon's netlink delete) leaves the socket looking connected: frames
 * just vanish.  End the link as pppd ends one whose modem hung up (exit
 * status 16), so ip-down runs, the hooks report down and pppd exits,
 * instead of waiting for LCP echoes that may not be configured.
 *
 * Asking the kernel costs a netlink round trip, and under load thousands
 * of pppds asking add up, so it asks only when it must.  A frame pppd
 * receives proves the session was there when it came: while frames come,
 * nothing is asked.  Only after check_secs of silence does it ask, so a
 * session deleted while pppd waits for a silent peer (xl2tpd starts pppd
 * `passive'), or during authentication, ends within about check_secs.
 *
 * While pppd sends LCP echoes it wakes for them anyway, and the watch
 * needs no timer of its own: at each Echo-Request it asks only if
 * nothing came in since the one before, whose reply a live session would
 * have brought.  An idle session with echoes then costs what it costs
 * without the watch, and a deleted one is noticed at the second echo
 * after the deletion at the latest.  When LCP leaves the Opened state
 * (the peer renegotiates, pppd terminates), pppd stops its echoes, and
 * the timer takes over again until they resume.
 *
 * The kernel answers a generic netlink question before send returns, so
 * one pass asks and reads (a family lookup first, once) without waiting.
 * A failure is said once, when it starts; repeating it for the life of a
 * link would bury the log.
 */
static bool watch_failing;
static bool echo_mode;	/* pppd sends LCP echoes: check on those */
static bool heard;	/* a frame came in since the last look */

/* Ask the family, read it and ask the session, read that. */
#define WATCH_STEPS	3

static void watch_tick(void *arg);
static void watch_session(void *arg);

static void
watch_later(void)
{
	if (!echo_mode && watch.fd >= 0)
		compat_timeout(watch_tick, NULL, check_secs, 0);
}

/* A timer of no delay: the check runs from pppd's loop, not from a hook. */
static void
watch_now(void)
{
	compat_untimeout(watch_tick, NULL);
	compat_timeout(watch_session, NULL, 0, 0);
}

/* check_secs have passed with the timer on: ask only after silence. */
static void
watch_tick(void *arg)
{
	(void)arg;
	if (heard) {
		heard = 0;
		watch_later();
		return;
	}
	watch_session(NULL);
}

static void
watch_session(void *arg)
{
	enum l2tp_watch_state state = L2TP_WATCH_ASKED;
	int i;

	(void)arg;
	heard = 0;
	for (i = 0; i < WATCH_STEPS && state == L2TP_WATCH_ASKED; i++)
		state = l2tp_watch_step(&watch, session.tunnel_id,
		    session.session_id);
	switch (state) {
	case L2TP_WATCH_ASKED:
		/*
		 * Only if a kernel ever answered after send returns: read
		 * the answer a second later rather than lose the check.
		 */
		compat_timeout(watch_session, NULL, 1, 0);
		break;
	case L2TP_WATCH_ALIVE:
		if (watch_failing)
			info(PFX "the netlink session check works "
			    "again");
		watch_failing = 0;
		watch_later();
		break;
	case L2TP_WATCH_GONE:
		notice(PFX "the kernel deleted L2TP tunnel %u session "
		    "%u; hanging up", (unsigned)session.tunnel_id,
		    (unsigned)session.session_id);
		l2tp_watch_close(&watch);
		compat_hangup();
		break;
	case L2TP_WATCH_FAILED:
		/* A transient netlink failure is no reason to drop a link. */
		if (!watch_failing)
			warn(PFX "netlink session check failed (%m); "
			    "retrying quietly at the next check");
		watch_failing = 1;
		watch_later();
		break;
	case L2TP_WATCH_LOOKING:
		dbglog(PFX "no l2tp netlink family yet (%m); asking "
		    "again at the next check");
		watch_later();
		break;
	case L2TP_WATCH_UNAVAILABLE:
		notice(PFX "cannot watch the session: no l2tp generic "
		    "netlink family after %d tries (%m; is l2tp_netlink "
		    "loaded?); a deleted session is noticed only by LCP "
		    "echoes", L2TP_WATCH_LOOKUPS);
		l2tp_watch_close(&watch);
		break;
	}
}

static void
on_recv_frame(unsigned char *frame, int len)
{
	if (prev_snoop_recv != NULL)
		prev_snoop_recv(frame, len);
	heard = 1;
}

/* pppd's snoop hook sees every frame it sends, its echoes among them. */
static void
on_send_frame(unsigned char *frame, int len)
{
	if (prev_snoop_send != NULL)
		prev_snoop_send(frame, len);
	if (len <= 0 || !lcp_is_echo_request(frame, (size_t)len) ||
	    watch.fd < 0)
		return;
	if (!echo_mode) {
		echo_mode = 1;
		compat_untimeout(watch_tick, NULL);
	}
	if (heard)
		heard = 0;
	else
		watch_now();
}

/*
 * LCP has left the Opened state: pppd stopped its echoes (lcp_down), and
 * until they resume the timer watches, or a session deleted now would
 * never be noticed.
 */
static void
watch_lcp_down(void)
{
	if (!echo_mode || watch.fd < 0)
		return;
	echo_mode = 0;
	heard = 0;
	compat_untimeout(watch_tick, NULL);
	watch_later();
}

/*
 * Started when the channel connects: a session deleted while LCP waits
 * for a silent peer, or during authentication, has no other timer to end
 * pppd.  The socket is opened now, so that a pppd that cannot watch says
 * so at once; the first question waits for check_secs of silence.  pppd
 * connects once (persist is refused), so it starts once.
 */
static void
start_watch(void)
{
	if (check_secs == 0)
		return;
	if (l2tp_watch_open(&watch) < 0) {
		notice(PFX "cannot watch the session: no netlink socket "
		    "(%m); a deleted session is noticed only by LCP echoes");
		return;
	}
	watch_later();
}

static void
stop_watch(void)
{
	if (watch.fd >= 0) {
		compat_untimeout(watch_tick, NULL);
		compat_untimeout(watch_session, NULL);
		l2tp_watch_close(&watch);
	}
}

/*
 * Settings are applied only when asked for: a daemon may have set them
 * already (kl2tpd does, over netlink) and a default would undo that.
 */
static int
connect_l2tp(void)
{
	if (session_fd < 0) {
		error(PFX "the session socket is closed; the L2TP daemon "
		    "must start a new pppd for a new session");
		return -1;
	}
	if ((lns_mode && apply("pppol2tp_lns_mode", L2TP_SET_LNSMODE, 1)) ||
	    (send_seq && apply("pppol2tp_send_seq", L2TP_SET_SENDSEQ, 1)) ||
	    (recv_seq && apply("pppol2tp_recv_seq", L2TP_SET_RECVSEQ, 1)) ||
	    (reorder_ms >= 0 &&
	     apply("pppol2tp_reorderto", L2TP_SET_REORDERTO, reorder_ms)) ||
	    (debug_mask >= 0 &&
	     apply("pppol2tp_debug_mask", L2TP_SET_DEBUG, debug_mask)))
		return -1;
	if (debug_mask >= 0)
		dbglog(PFX "kernels since 5.10 accept and ignore the "
		    "debug mask; trace with the l2tp tracepoints instead");
	info(PFX "L2TPv%d/%s tunnel %u session %u, peer tunnel %u "
	    "session %u%s", session.version,
	    session.ip_family == AF_INET6 ? "IPv6" : "IPv4",
	    (unsigned)session.tunnel_id, (unsigned)session.session_id,
	    (unsigned)session.peer_tunnel_id,
	    (unsigned)session.peer_session_id, lns_mode ? ", LNS" : "");
	/*
	 * Named only now: pppd exports a name it holds at startup as a key
	 * in its shared tdb, as for a tty, one more record per pppd (or, if
	 * dropped again by an unkeyed export, a hole).  Nothing finds a
	 * pppd by a channel name; scripts still get $DEVICE and $2, and the
	 * log its "Connect: ... <-->" line.
	 */
	compat_set_devnam(channel_name);
	compat_script_setenv("DEVICE", channel_name, 0);
	start_watch();
	return session_fd;
}

/*
 * Closing the socket is what deletes the kernel session.  Also the
 * channel's cleanup: on an exit that skips link_terminated (fatal() in a
 * session, a bad signal) it closes the socket before the exit notifiers
 * run, so the session does not outlive pppd's decision to quit by the
 * helper's wait for its daemon.
 */
static void
disconnect_l2tp(void)
{
	stop_watch();
	if (session_fd >= 0) {
		close(session_fd);
		session_fd = -1;
	}
	/*
	 * check_options refused persist, but the options column of a secrets
	 * file or another plugin may set it later: pppd would then redial a
	 * socket that is gone, maxfail times, holdoff apart.
	 */
	if (compat_persist()) {
		notice(PFX "'persist' was turned on after pppd started (by "
		    "a secrets file's options or a plugin), but the session "
		    "socket cannot be redialled: pppd ends; remove persist "
		    "there");
		compat_end_persist();
	}
}

/* In children pppd forks (scripts): they must not keep the session alive. */
static void
close_l2tp(void)
{
	if (session_fd >= 0)
		close(session_fd);
	if (watch.fd >= 0)
		close(watch.fd);
}

static struct channel l2tp_channel = {
	.options = l2tp_options,
	.check_options = check_l2tp_options,
	.connect = connect_l2tp,
	.disconnect = disconnect_l2tp,
	.establish_ppp = compat_establish,
	.disestablish_ppp = compat_disestablish,
	.close = close_l2tp,
	.cleanup = disconnect_l2tp,
};

void plugin_init(void);

void
plugin_init(void)
{
	static bool loaded;
	const char *missing = compat_missing_internal();
	char lacking[160];

	/*
	 * pppd runs this for each `plugin pppol2tp.so' it reads, in the one
	 * copy its loader keeps: a second run would add our options again.
	 */
	if (loaded) {
		dbglog(PFX "named as a plugin again: loaded once, ignored");
		return;
	}
	loaded = 1;
	/* Without it a session would load fine and fail later, obscurely. */
	if (missing != NULL)
		fatal(PFX "this pppd %s has no '%s', a pppd internal the "
		    "plugin uses: use a pppol2tp.so built for this very pppd",
		    COMPAT_PPPD_VERSION, missing);
	/*
	 * Debug alone: a default 2.5 build lacks multilink, and a pppd
	 * without it refuses the multilink options itself, so nobody who
	 * asks for multilink goes unwarned.
	 */
	if (*compat_lacking(lacking, sizeof(lacking)) != '\0')
		dbglog(PFX "pppd %s was built without:%s",
		    COMPAT_PPPD_VERSION, lacking);
	compat_add_options(l2tp_options);
}
