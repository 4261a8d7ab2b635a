/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * openl2tp.so: tell openl2tpd what PPP negotiated and when the session's
 * network layer goes up or down.  Loaded after pppol2tp.so, it chains into
 * that plugin's hooks and sends one unix datagram per event, in the format
 * of l2tp_event.h.  A link that joins a multilink bundle comes through the
 * up/down hook like any other (pppol2tp.so reports it up when it joins
 * and down when it ends).
 *
 * The daemon may be down or restart: the socket is (re)connected on the
 * next event, and a lost event is logged once per outage, never fatal.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "compat.h"
#include "pppol2tp.h"
#include "l2tp_event.h"
#include "event_encode.h"

char pppd_version[] = COMPAT_PPPD_VERSION;

static char socket_path[sizeof(((struct sockaddr_un *)0)->sun_path)] =
    L2TP_EVENT_SOCKET_PATH;
static int event_fd = -1;
static bool loss_logged;

static void (*prev_accm_hook)(int, int, uint32_t, uint32_t);
static void (*prev_updown_hook)(int, int, int);

static option_t helper_options[] = {
	{ .name = "openl2tp_event_socket", .type = o_string,
	  .addr = socket_path,
	  .description = "unix socket where the L2TP daemon takes events",
	  .flags = OPT_PRIV | OPT_STATIC,
	  .upper_limit = sizeof(socket_path) },
	{ .name = NULL }
};

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

/*
 * One retry on a fresh socket covers a daemon that restarted since the
 * last event: the old socket's peer is gone even if the path is back.
 */
static void
event_send(const unsigned char *msg, size_t len, const char *what)
{
	int attempt;

	if (len == 0) {
		error("openl2tp: %s event does not fit in a message", what);
		return;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		if (event_fd < 0 && event_connect() < 0)
			continue;
		if (send(event_fd, msg, len, MSG_DONTWAIT) == (ssize_t)len) {
			if (loss_logged)
				info("openl2tp: events reach %s again",
				    socket_path);
			loss_logged = 0;
			return;
		}
		close(event_fd);
		event_fd = -1;
	}
	if (!loss_logged)
		warn("openl2tp: %s event lost: no L2TP daemon takes events "
		    "on %s (%m)", what, socket_path);
	loss_logged = 1;
}

static void
on_accm(int tunnel, int session, uint32_t send_accm, uint32_t recv_accm)
{
	unsigned char msg[L2TP_EVENT_MAX_LEN];

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
	compat_add_options(helper_options);
	prev_accm_hook = pppol2tp_send_accm_hook;
	pppol2tp_send_accm_hook = on_accm;
	prev_updown_hook = pppol2tp_ip_updown_hook;
	pppol2tp_ip_updown_hook = on_updown;
}
