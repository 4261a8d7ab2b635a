/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_ADDR_H
#define L2TP_ADDR_H

#include <stddef.h>
#include <stdint.h>

/*
 * What getsockname() tells about a PPPoL2TP socket, whichever of the four
 * address forms (L2TPv2/v3 over IPv4/IPv6) the kernel used.
 */
struct l2tp_sockinfo {
	int		version;	/* 2 or 3 */
	int		ip_family;	/* AF_INET or AF_INET6 */
	uint32_t	tunnel_id;
	uint32_t	session_id;	/* 0: the tunnel's management socket */
	uint32_t	peer_tunnel_id;
	uint32_t	peer_session_id;
};

enum l2tp_addr_status {
	L2TP_ADDR_OK = 0,
	L2TP_ADDR_SHORT,	/* too short to hold a family */
	L2TP_ADDR_NOT_PPPOX,	/* another address family */
	L2TP_ADDR_PPPOE,	/* PPPoX, but PPPoE */
	L2TP_ADDR_OTHER_PPPOX,	/* PPPoX, another protocol */
	L2TP_ADDR_BAD_LENGTH,	/* PPPoL2TP, but none of the four sizes */
	L2TP_ADDR_BAD_FAMILY,	/* the inner IP address family disagrees with the form */
};

/*
 * Decode a socket address of len bytes.  On L2TP_ADDR_OK *info is filled;
 * a session id of 0 is reported as decoded, as telling a tunnel socket
 * from a session socket is the caller's policy.
 */
enum l2tp_addr_status l2tp_addr_decode(const void *addr, size_t len,
    struct l2tp_sockinfo *info);

/* The sa_family (and for PPPoX sa_protocol) seen, for error messages. */
int l2tp_addr_family(const void *addr, size_t len);
int l2tp_addr_protocol(const void *addr, size_t len);

#endif
