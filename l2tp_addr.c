/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoding of the addresses the kernel returns for PPPoL2TP sockets.  The
 * four forms are told apart only by their length, so the length is checked
 * exactly and every field is copied out with memcpy: the kernel structures
 * are packed and the buffer may be unaligned.
 */
#include <string.h>
#include <sys/socket.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#include "l2tp_addr.h"

/* sa_family (2 bytes) + sa_protocol (4 bytes) open every PPPoX address. */
#define PPPOX_HEAD	(sizeof(sa_family_t) + sizeof(unsigned int))

int
l2tp_addr_family(const void *addr, size_t len)
{
	sa_family_t family;

	if (len < sizeof(family))
		return -1;
	memcpy(&family, addr, sizeof(family));
	return family;
}

int
l2tp_addr_protocol(const void *addr, size_t len)
{
	unsigned int protocol;

	if (len < PPPOX_HEAD)
		return -1;
	memcpy(&protocol, (const unsigned char *)addr + sizeof(sa_family_t),
	    sizeof(protocol));
	return (int)protocol;
}

enum l2tp_addr_status
l2tp_addr_decode(const void *addr, size_t len, struct l2tp_sockinfo *info)
{
	int family = l2tp_addr_family(addr, len);

	if (family < 0)
		return L2TP_ADDR_SHORT;
	if (family != AF_PPPOX)
		return L2TP_ADDR_NOT_PPPOX;
	switch (l2tp_addr_protocol(addr, len)) {
	case PX_PROTO_OL2TP:
		break;
	case PX_PROTO_OE:
		return L2TP_ADDR_PPPOE;
	case -1:
		return L2TP_ADDR_SHORT;
	default:
		return L2TP_ADDR_OTHER_PPPOX;
	}

	memset(info, 0, sizeof(*info));
	if (len == sizeof(struct sockaddr_pppol2tp)) {
		struct sockaddr_pppol2tp sa;

		memcpy(&sa, addr, sizeof(sa));
		if (sa.pppol2tp.addr.sin_family != AF_INET)
			return L2TP_ADDR_BAD_FAMILY;
		info->version = 2;
		info->ip_family = AF_INET;
		info->tunnel_id = sa.pppol2tp.s_tunnel;
		info->session_id = sa.pppol2tp.s_session;
		info->peer_tunnel_id = sa.pppol2tp.d_tunnel;
		info->peer_session_id = sa.pppol2tp.d_session;
	} else if (len == sizeof(struct sockaddr_pppol2tpin6)) {
		struct sockaddr_pppol2tpin6 sa;

		memcpy(&sa, addr, sizeof(sa));
		if (sa.pppol2tp.addr.sin6_family != AF_INET6)
			return L2TP_ADDR_BAD_FAMILY;
		info->version = 2;
		info->ip_family = AF_INET6;
		info->tunnel_id = sa.pppol2tp.s_tunnel;
		info->session_id = sa.pppol2tp.s_session;
		info->peer_tunnel_id = sa.pppol2tp.d_tunnel;
		info->peer_session_id = sa.pppol2tp.d_session;
	} else if (len == sizeof(struct sockaddr_pppol2tpv3)) {
		struct sockaddr_pppol2tpv3 sa;

		memcpy(&sa, addr, sizeof(sa));
		if (sa.pppol2tp.addr.sin_family != AF_INET)
			return L2TP_ADDR_BAD_FAMILY;
		info->version = 3;
		info->ip_family = AF_INET;
		info->tunnel_id = sa.pppol2tp.s_tunnel;
		info->session_id = sa.pppol2tp.s_session;
		info->peer_tunnel_id = sa.pppol2tp.d_tunnel;
		info->peer_session_id = sa.pppol2tp.d_session;
	} else if (len == sizeof(struct sockaddr_pppol2tpv3in6)) {
		struct sockaddr_pppol2tpv3in6 sa;

		memcpy(&sa, addr, sizeof(sa));
		if (sa.pppol2tp.addr.sin6_family != AF_INET6)
			return L2TP_ADDR_BAD_FAMILY;
		info->version = 3;
		info->ip_family = AF_INET6;
		info->tunnel_id = sa.pppol2tp.s_tunnel;
		info->session_id = sa.pppol2tp.s_session;
		info->peer_tunnel_id = sa.pppol2tp.d_tunnel;
		info->peer_session_id = sa.pppol2tp.d_session;
	} else {
		return L2TP_ADDR_BAD_LENGTH;
	}
	return L2TP_ADDR_OK;
}
