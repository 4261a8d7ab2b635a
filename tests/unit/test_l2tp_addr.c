/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include <sys/socket.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#include "unit.h"
#include "../../l2tp_addr.h"

/* Decode from a heap buffer of exactly len bytes, so over-reads show. */
static enum l2tp_addr_status
decode(const void *addr, size_t len, struct l2tp_sockinfo *info)
{
	unsigned char *buf = malloc(len ? len : 1);
	enum l2tp_addr_status st;

	memcpy(buf, addr, len);
	st = l2tp_addr_decode(buf, len, info);
	free(buf);
	return st;
}

static void
v2_over_ipv4(void)
{
	struct sockaddr_pppol2tp sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin_family = AF_INET;
	sa.pppol2tp.s_tunnel = 4;
	sa.pppol2tp.s_session = 9;
	sa.pppol2tp.d_tunnel = 40;
	sa.pppol2tp.d_session = 65535;
	EXPECT(sizeof(sa) == 38);
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_OK);
	EXPECT(info.version == 2 && info.ip_family == AF_INET);
	EXPECT(info.tunnel_id == 4 && info.session_id == 9);
	EXPECT(info.peer_tunnel_id == 40 && info.peer_session_id == 65535);
}

static void
v2_over_ipv6(void)
{
	struct sockaddr_pppol2tpin6 sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin6_family = AF_INET6;
	sa.pppol2tp.s_tunnel = 1;
	sa.pppol2tp.s_session = 2;
	sa.pppol2tp.d_tunnel = 3;
	sa.pppol2tp.d_session = 4;
	EXPECT(sizeof(sa) == 50);
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_OK);
	EXPECT(info.version == 2 && info.ip_family == AF_INET6);
	EXPECT(info.tunnel_id == 1 && info.session_id == 2);
	EXPECT(info.peer_tunnel_id == 3 && info.peer_session_id == 4);
}

static void
v3_over_ipv4(void)
{
	struct sockaddr_pppol2tpv3 sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin_family = AF_INET;
	sa.pppol2tp.s_tunnel = 0x12345678;
	sa.pppol2tp.s_session = 0xfffffffe;
	sa.pppol2tp.d_tunnel = 7;
	sa.pppol2tp.d_session = 0x80000000;
	EXPECT(sizeof(sa) == 46);
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_OK);
	EXPECT(info.version == 3 && info.ip_family == AF_INET);
	EXPECT(info.tunnel_id == 0x12345678 && info.session_id == 0xfffffffe);
	EXPECT(info.peer_tunnel_id == 7 && info.peer_session_id == 0x80000000);
}

static void
v3_over_ipv6(void)
{
	struct sockaddr_pppol2tpv3in6 sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin6_family = AF_INET6;
	sa.pppol2tp.s_tunnel = 100000;
	sa.pppol2tp.s_session = 200000;
	sa.pppol2tp.d_tunnel = 300000;
	sa.pppol2tp.d_session = 400000;
	EXPECT(sizeof(sa) == 58);
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_OK);
	EXPECT(info.version == 3 && info.ip_family == AF_INET6);
	EXPECT(info.tunnel_id == 100000 && info.session_id == 200000);
	EXPECT(info.peer_tunnel_id == 300000 && info.peer_session_id == 400000);
}

static void
tunnel_socket_decodes_with_session_zero(void)
{
	struct sockaddr_pppol2tp sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin_family = AF_INET;
	sa.pppol2tp.s_tunnel = 4;
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_OK);
	EXPECT(info.tunnel_id == 4 && info.session_id == 0);
}

static void
pppoe_and_other_pppox_refused(void)
{
	struct sockaddr_pppox sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OE;
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_PPPOE);
	sa.sa_protocol = PX_PROTO_PPTP;
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_OTHER_PPPOX);
	EXPECT(l2tp_addr_protocol(&sa, sizeof(sa)) == PX_PROTO_PPTP);
}

static void
other_families_refused(void)
{
	struct sockaddr_in sin;
	struct l2tp_sockinfo info;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	EXPECT(decode(&sin, sizeof(sin), &info) == L2TP_ADDR_NOT_PPPOX);
	EXPECT(l2tp_addr_family(&sin, sizeof(sin)) == AF_INET);
}

static void
every_length_of_every_form(void)
{
	struct sockaddr_pppol2tpv3in6 sa;	/* the largest form */
	unsigned char buf[sizeof(sa) + 4];
	struct l2tp_sockinfo info;
	size_t n;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin6_family = AF_INET6;
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &sa, sizeof(sa));
	for (n = 0; n <= sizeof(buf); n++) {
		enum l2tp_addr_status st = decode(buf, n, &info);

		if (n < 6)
			EXPECT(st == L2TP_ADDR_SHORT);
		else if (n == 38 || n == 46 || n == 50)
			/* The other forms find no matching family where
			 * they keep theirs. */
			EXPECT(st == L2TP_ADDR_BAD_FAMILY);
		else if (n == 58)
			EXPECT(st == L2TP_ADDR_OK);
		else
			EXPECT(st == L2TP_ADDR_BAD_LENGTH);
	}
}

static void
inner_family_must_match_form(void)
{
	struct sockaddr_pppol2tpin6 sa;
	struct l2tp_sockinfo info;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.addr.sin6_family = AF_INET;
	EXPECT(decode(&sa, sizeof(sa), &info) == L2TP_ADDR_BAD_FAMILY);
}

int
main(void)
{
	RUN(v2_over_ipv4);
	RUN(v2_over_ipv6);
	RUN(v3_over_ipv4);
	RUN(v3_over_ipv6);
	RUN(tunnel_socket_decodes_with_session_zero);
	RUN(pppoe_and_other_pppox_refused);
	RUN(other_families_refused);
	RUN(every_length_of_every_form);
	RUN(inner_family_must_match_form);
	UNIT_EXIT();
}
