/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#include "l2tptool.h"

void
tool_die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", tool_name, what, strerror(errno));
	exit(126);
}

int
tool_parse_inet(const char *s, struct sockaddr_in *sin)
{
	char host[64];
	const char *colon = strrchr(s, ':');

	if (colon == NULL || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((unsigned short)atoi(colon + 1));
	return inet_pton(AF_INET, host, &sin->sin_addr) == 1 ? 0 : -1;
}

int
tool_ends_option(struct tool_ends *e, int c, const char *arg)
{
	switch (c) {
	case 'l':
		e->have_local = 1;
		return tool_parse_inet(arg, &e->local) < 0 ? -1 : 1;
	case 'p':
		e->have_peer = 1;
		return tool_parse_inet(arg, &e->peer) < 0 ? -1 : 1;
	case 't': e->tid = (unsigned)strtoul(arg, NULL, 10); return 1;
	case 'T': e->ptid = (unsigned)strtoul(arg, NULL, 10); return 1;
	case 's': e->sid = (unsigned)strtoul(arg, NULL, 10); return 1;
	case 'S': e->psid = (unsigned)strtoul(arg, NULL, 10); return 1;
	default: return 0;
	}
}

int
tool_udp_connect(const struct tool_ends *e, int flags)
{
	int udp = socket(AF_INET, SOCK_DGRAM | flags, 0);

	if (udp < 0)
		tool_die("socket(AF_INET, SOCK_DGRAM)");
	if (bind(udp, (const struct sockaddr *)&e->local, sizeof(e->local)) < 0)
		tool_die("bind");
	if (connect(udp, (const struct sockaddr *)&e->peer, sizeof(e->peer)) < 0)
		tool_die("connect UDP");
	return udp;
}

int
tool_pppol2tp_connect(int udp, const struct sockaddr_in *peer, int v3,
    unsigned tid, unsigned ptid, unsigned sid, unsigned psid)
{
	union {
		struct sockaddr sa;
		struct sockaddr_pppol2tp v2;
		struct sockaddr_pppol2tpv3 v3;
	} u;
	socklen_t len;
	int s = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC, PX_PROTO_OL2TP);

	if (s < 0)
		tool_die("socket(AF_PPPOX, PX_PROTO_OL2TP)");
	memset(&u, 0, sizeof(u));
	if (v3) {
		u.v3.sa_family = AF_PPPOX;
		u.v3.sa_protocol = PX_PROTO_OL2TP;
		u.v3.pppol2tp.fd = udp;
		u.v3.pppol2tp.addr = *peer;
		u.v3.pppol2tp.s_tunnel = tid;
		u.v3.pppol2tp.d_tunnel = ptid;
		u.v3.pppol2tp.s_session = sid;
		u.v3.pppol2tp.d_session = psid;
		len = sizeof(u.v3);
	} else {
		u.v2.sa_family = AF_PPPOX;
		u.v2.sa_protocol = PX_PROTO_OL2TP;
		u.v2.pppol2tp.fd = udp;
		u.v2.pppol2tp.addr = *peer;
		u.v2.pppol2tp.s_tunnel = (unsigned short)tid;
		u.v2.pppol2tp.d_tunnel = (unsigned short)ptid;
		u.v2.pppol2tp.s_session = (unsigned short)sid;
		u.v2.pppol2tp.d_session = (unsigned short)psid;
		len = sizeof(u.v2);
	}
	if (connect(s, &u.sa, len) < 0)
		tool_die("connect PPPoL2TP");
	return s;
}
