/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>
#include <linux/l2tp.h>

#include "l2tptool.h"

/* L2TPv3 straight over IP (RFC 3931); glibc's netinet/in.h lacks it. */
#ifndef IPPROTO_L2TP
#define IPPROTO_L2TP	115
#endif

void
tool_die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", tool_name, what, strerror(errno));
	exit(126);
}

int
tool_parse_addr(const char *s, union tool_addr *a)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	size_t n;
	unsigned short port;

	if (colon == NULL)
		return -1;
	port = htons((unsigned short)atoi(colon + 1));
	n = (size_t)(colon - s);
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n >= sizeof(host))
		return -1;
	memcpy(host, s, n);
	host[n] = '\0';
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, host, &a->v4.sin_addr) == 1) {
		a->v4.sin_family = AF_INET;
		a->v4.sin_port = port;
		return 0;
	}
	if (inet_pton(AF_INET6, host, &a->v6.sin6_addr) == 1) {
		a->v6.sin6_family = AF_INET6;
		a->v6.sin6_port = port;
		return 0;
	}
	return -1;
}

int
tool_ends_option(struct tool_ends *e, int c, const char *arg)
{
	switch (c) {
	case 'l':
		e->have_local = 1;
		return tool_parse_addr(arg, &e->local) < 0 ? -1 : 1;
	case 'p':
		e->have_peer = 1;
		return tool_parse_addr(arg, &e->peer) < 0 ? -1 : 1;
	case 't': e->tid = (unsigned)strtoul(arg, NULL, 10); return 1;
	case 'T': e->ptid = (unsigned)strtoul(arg, NULL, 10); return 1;
	case 's': e->sid = (unsigned)strtoul(arg, NULL, 10); return 1;
	case 'S': e->psid = (unsigned)strtoul(arg, NULL, 10); return 1;
	default: return 0;
	}
}

static socklen_t
addr_len(const union tool_addr *a)
{
	return a->sa.sa_family == AF_INET6 ? sizeof(a->v6) : sizeof(a->v4);
}

int
tool_udp_connect(const struct tool_ends *e, int flags)
{
	int udp = socket(e->local.sa.sa_family, SOCK_DGRAM | flags, 0);

	if (udp < 0)
		tool_die("socket(SOCK_DGRAM)");
	if (bind(udp, &e->local.sa, addr_len(&e->local)) < 0)
		tool_die("bind");
	if (connect(udp, &e->peer.sa, addr_len(&e->peer)) < 0)
		tool_die("connect UDP");
	return udp;
}

/* An L2TP/IP address: the host of a and a tunnel (connection) id. */
static socklen_t
l2tpip_addr(const union tool_addr *a, unsigned conn_id, void *out)
{
	if (a->sa.sa_family == AF_INET6) {
		struct sockaddr_l2tpip6 *ip6 = out;

		memset(ip6, 0, sizeof(*ip6));
		ip6->l2tp_family = AF_INET6;
		ip6->l2tp_addr = a->v6.sin6_addr;
		ip6->l2tp_conn_id = conn_id;
		return sizeof(*ip6);
	} else {
		struct sockaddr_l2tpip *ip = out;

		memset(ip, 0, sizeof(*ip));
		ip->l2tp_family = AF_INET;
		ip->l2tp_addr = a->v4.sin_addr;
		ip->l2tp_conn_id = conn_id;
		return sizeof(*ip);
	}
}

int
tool_ip_connect(const struct tool_ends *e, int flags)
{
	union {
		struct sockaddr_l2tpip	v4;
		struct sockaddr_l2tpip6	v6;
	} u;
	socklen_t len;
	int s = socket(e->local.sa.sa_family, SOCK_DGRAM | flags,
	    IPPROTO_L2TP);

	if (s < 0)
		tool_die("socket(SOCK_DGRAM, IPPROTO_L2TP)");
	len = l2tpip_addr(&e->local, e->tid, &u);
	if (bind(s, (struct sockaddr *)&u, len) < 0)
		tool_die("bind L2TP/IP");
	len = l2tpip_addr(&e->peer, e->ptid, &u);
	if (connect(s, (struct sockaddr *)&u, len) < 0)
		tool_die("connect L2TP/IP");
	return s;
}

int
tool_pppol2tp_connect(int fd, const union tool_addr *peer, int v3,
    unsigned tid, unsigned ptid, unsigned sid, unsigned psid)
{
	union {
		struct sockaddr sa;
		struct sockaddr_pppol2tp v2;
		struct sockaddr_pppol2tpin6 v2in6;
		struct sockaddr_pppol2tpv3 v3;
		struct sockaddr_pppol2tpv3in6 v3in6;
	} u;
	socklen_t len;
	int s = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC, PX_PROTO_OL2TP);
	int six = peer->sa.sa_family == AF_INET6;

	if (s < 0)
		tool_die("socket(AF_PPPOX, PX_PROTO_OL2TP)");
	memset(&u, 0, sizeof(u));
	u.sa.sa_family = AF_PPPOX;
	if (v3 && six) {
		u.v3in6.sa_protocol = PX_PROTO_OL2TP;
		u.v3in6.pppol2tp.fd = fd;
		u.v3in6.pppol2tp.addr = peer->v6;
		u.v3in6.pppol2tp.s_tunnel = tid;
		u.v3in6.pppol2tp.d_tunnel = ptid;
		u.v3in6.pppol2tp.s_session = sid;
		u.v3in6.pppol2tp.d_session = psid;
		len = sizeof(u.v3in6);
	} else if (v3) {
		u.v3.sa_protocol = PX_PROTO_OL2TP;
		u.v3.pppol2tp.fd = fd;
		u.v3.pppol2tp.addr = peer->v4;
		u.v3.pppol2tp.s_tunnel = tid;
		u.v3.pppol2tp.d_tunnel = ptid;
		u.v3.pppol2tp.s_session = sid;
		u.v3.pppol2tp.d_session = psid;
		len = sizeof(u.v3);
	} else if (six) {
		u.v2in6.sa_protocol = PX_PROTO_OL2TP;
		u.v2in6.pppol2tp.fd = fd;
		u.v2in6.pppol2tp.addr = peer->v6;
		u.v2in6.pppol2tp.s_tunnel = (unsigned short)tid;
		u.v2in6.pppol2tp.d_tunnel = (unsigned short)ptid;
		u.v2in6.pppol2tp.s_session = (unsigned short)sid;
		u.v2in6.pppol2tp.d_session = (unsigned short)psid;
		len = sizeof(u.v2in6);
	} else {
		u.v2.sa_protocol = PX_PROTO_OL2TP;
		u.v2.pppol2tp.fd = fd;
		u.v2.pppol2tp.addr = peer->v4;
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
