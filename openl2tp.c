/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * openl2tp.so: tell openl2tpd what PPP negotiated and when the session's
 * network layer goes up or down.  Loaded after pppol2tp.so, it chains into
 * that plugin's hooks and sends one unix datagram per event, in the format
 * of l2tp_event.h.  A link that joins a multilink bundle comes through the
 * up/down hook like any other (pppol2tp.so reports it up when it joins
 * and down when it ends).
 *
 * The daemon may be busy, down or restart.  Busy (its queue full): the
 * events wait in order and are offered again from a pppd timeout, and at
 * exit for up to 3 s.  Down or restarted: the socket is (re)connected on
 * the next event, and a lost event is logged once per outage, never
 * fatal.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "compat.h"
#include "pppol2tp.h"
#include "l2tp_event.h"
#include "event_encode.h"
#include "event_queue.h"

#define PFX	"openl2tp: "	/* how every message of ours starts */

char pppd_version[] = COMPAT_PPPD_VERSION;

static char socket_path[sizeof(((struct sockaddr_un *)0)->sun_path)] =
    L2TP_EVENT_SOCKET_PATH;
static int event_fd = -1;
static bool loss_logged;
/* What the daemon could not take yet, and when to offer it again. */
static struct event_queue pending;
static bool retry_armed;
static unsigned int refused_in_a_row;
#define EXIT_WAIT_MS	3000

static void (*prev_accm_hook)(int, int, uint32_t, uint32_t);
static void (*prev_updown_hook)(int, int, int);

static int set_event_socket(char **);

static option_t helper_options[] = {
	{ .name = "openl2tp_event_socket", .type = o_special,
	  .addr = (void *)set_event_socket,
	  .description = "unix socket where the L2TP daemon takes events",
	  .flags = OPT_PRIV | OPT_A2STRVAL | OPT_STATIC, .addr2 = socket_path },
	{ .name = NULL }
};

/* Refused here: a path cut to fit, or none, would fail at the first event. */
static int
set_event_socket(char **argv)
{
	size_t len = strlen(*argv);

	if (len == 0) {
		compat_option_error("openl2tp_event_socket '' is empty: give "
		    "the path of the L2TP daemon's event socket (openl2tpd's "
		    "is %s)", L2TP_EVENT_SOCKET_PATH);
		return 0;
	}
	if (len >= sizeof(socket_path)) {
		compat_option_error("openl2tp_event_socket '%.40s...' is %u "
		    "bytes long, and a unix socket address holds at most %u: "
		    "give a shorter path", *argv, (unsigned)len,
		    (unsigned)sizeof(socket_path) - 1);
		return 0;
	}
	memcpy(socket_path, *argv, len + 1);
	return 1;
}

static int
event_connect(void)
{
	struct sockaddr_un sun;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", socket_path);
	event_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (event_fd < 0)
		return -1;
	if (connect(event_fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		close(event_fd);
		event_fd = -1;
		return -1;
	}
	return 0;
}

enum send_result { SENT, REFUSED, GONE };

/*
 * REFUSED: the daemon's queue is full, it is busy; try again later.  One
 * retry on a fresh socket covers a daemon that restarted since the last
 * event: the old socket's peer is gone even if the path is back.
 */
static enum send_result
send_one(const struct event_slot *s)
{
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (event_fd < 0 && event_connect() < 0)
			continue;
		if (send(event_fd, s->msg, s->len, MSG_DONTWAIT) == (ssize_t)s->len)
			return SENT;
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS ||
		    errno == EINTR)
			return REFUSED;
		close(event_fd);
		event_fd = -1;
	}
	return GONE;
}

/* Oldest first, until the daemon refuses one or nothing waits. */
static void
flush_pending(void)
{
	const struct event_slot *s;

	while ((s = event_queue_head(&pending)) != NULL) {
		switch (send_one(s)) {
		case REFUSED:
			return;
		case SENT:
			if (loss_logged)
				info(PFX "events reach %s again",
				    socket_path);
			loss_logged = 0;
			refused_in_a_row = 0;
			break;
		case GONE:
			if (!loss_logged)
				warn(PFX "%s event lost: no L2TP daemon "
				    "takes events on %s (%m)", s->what,
				    socket_path);
			loss_logged = 1;
			break;
		}
		event_queue_pop(&pending);
	}
}

static void retry_pending(void *unused);

/*
 * Retrying from a pppd timeout, never by waiting, keeps pppd answering
 * LCP while the daemon is busy.
 */
static void
arm_retry(void)
{
	unsigned int ms;

	if (retry_armed || event_queue_head(&pending) == NULL)
		return;
	ms = event_retry_delay_ms(refused_in_a_row++);
	compat_timeout(retry_pending, NULL, (int)(ms / 1000),
	    (int)(ms % 1000) * 1000);
	retry_armed = 1;
}

static void
retry_pending(void *unused)
{
	(void)unused;
	retry_armed = 0;
	flush_pending();
	arm_retry();
}

static void
event_send(const unsigned char *msg, size_t len, const char *what)
{
	const char *dropped;

	if (len == 0) {
		error(PFX "%s event does not fit in a message", what);
		return;
	}
	dropped = event_queue_push(&pending, msg, len, what);
	if (dropped != NULL)
		warn(PFX "%s event lost: the L2TP daemon on %s has read "
		    "none of the last %d", dropped, socket_path,
		    EVENT_QUEUE_SLOTS);
	if (!retry_armed) {
		flush_pending();
		arm_retry();
	}
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * The session's down event is made as pppd ends: it would be lost if
 * the daemon was busy then.  Wait for room in its queue, a bounded time,
 * as the one place where pppd has nothing else to do.
 */
static void
flush_at_exit(void *unused, int status)
{
	const struct event_slot *s;
	struct timespec t0;
	struct pollfd pfd;
	long left;

	(void)unused;
	(void)status;
	if (retry_armed)
		compat_untimeout(retry_pending, NULL);
	retry_armed = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	flush_pending();
	while (event_queue_head(&pending) != NULL && event_fd >= 0 &&
	    (left = EXIT_WAIT_MS - ms_since(&t0)) > 0) {
		pfd.fd = event_fd;
		pfd.events = POLLOUT;
		(void)poll(&pfd, 1, (int)left);
		flush_pending();
	}
	if ((s = event_queue_head(&pending)) != NULL)
		warn(PFX "%s event lost with %u after it: the L2TP daemon "
		    "on %s read nothing in the %d s pppd waits at exit",
		    s->what, pending.count - 1, socket_path, EXIT_WAIT_MS / 1000);
	if (event_fd >= 0)
		close(event_fd);
	event_fd = -1;
}

/*
 * openl2tpd's events carry 16-bit ids; L2TPv3 ids are 32 bits.  Said
 * once: each event of the session would say the same.
 */
static void
check_ids_fit(int tunnel, int session)
{
	static bool said;
	uint32_t t = (uint32_t)tunnel, s = (uint32_t)session;

	if (said || (t <= UINT16_MAX && s <= UINT16_MAX))
		return;
	said = 1;
	warn(PFX "tunnel %u session %u do not fit the events: openl2tpd's "
	    "carry 16-bit ids, so they report tunnel %u session %u",
	    (unsigned)t, (unsigned)s, (unsigned)(t & UINT16_MAX),
	    (unsigned)(s & UINT16_MAX));
}

static void
on_accm(int tunnel, int session, uint32_t send_accm, uint32_t recv_accm)
{
	unsigned char msg[L2TP_EVENT_MAX_LEN];

	check_ids_fit(tunnel, session);
	event_send(msg, event_encode_accm(msg, sizeof(msg), (uint16_t)tunnel,
	    (uint16_t)session, send_accm, recv_accm), "ACCM");
	if (prev_accm_hook != NULL)
		prev_accm_hook(tunnel, session, send_accm, recv_accm);
}

static void
send_updown(int tunnel, int session, int up)
{
	unsigned char msg[L2TP_EVENT_MAX_LEN];
	char user[MAXNAMELEN];

	check_ids_fit(tunnel, session);
	compat_peer_authname(user, sizeof(user));
	event_send(msg, event_encode_updown(msg, sizeof(msg), (uint16_t)tunnel,
	    (uint16_t)session, up, (uint32_t)compat_ifunit(), compat_ifname(),
	    user), up ? "session up" : "session down");
}

static void
on_updown(int tunnel, int session, int up)
{
	send_updown(tunnel, session, up);
	if (prev_updown_hook != NULL)
		prev_updown_hook(tunnel, session, up);
}

void plugin_init(void);

void
plugin_init(void)
{
	static bool loaded;

	/*
	 * pppd runs this for each `plugin openl2tp.so' it reads, in the one
	 * copy its loader keeps: a second run would save our own hooks as
	 * the ones to chain, and each would call itself until the stack ran
	 * out.
	 */
	if (loaded) {
		dbglog(PFX "named as a plugin again: loaded once, ignored");
		return;
	}
	loaded = 1;
	compat_add_options(helper_options);
	prev_accm_hook = pppol2tp_send_accm_hook;
	pppol2tp_send_accm_hook = on_accm;
	prev_updown_hook = pppol2tp_ip_updown_hook;
	pppol2tp_ip_updown_hook = on_updown;
	compat_notify(COMPAT_EV_EXIT, flush_at_exit, NULL);
}
