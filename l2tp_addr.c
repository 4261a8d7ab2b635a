/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoding of the addresses the kernel returns for PPPoL2TP sockets.  The
 * four forms are told apart only by their length, so the length is checked
 * exactly and every field is copied out with memcpy: the kernel structures
 * are packed and the buffer may be unaligned.
 */
#include <stddef.h>
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

/*
 * The four forms differ in layout, not in meaning: each is described by
 * where its fields lie, and all are read the same way.
 */
struct form {
	size_t	len;
	int	version;
	int	ip_family;
	size_t	family_at;	/* the inner sockaddr's family field */
	size_t	id_at[4];	/* s_tunnel, s_session, d_tunnel, d_session */
	size_t	id_size;	/* 2 for L2TPv2, 4 for L2TPv3 */
};

#define FORM(type, version, ip_family, family_field) {			\
	sizeof(struct type), version, ip_family,			\
	offsetof(struct type, pppol2tp.addr.family_field),		\
	{ offsetof(struct type, pppol2tp.s_tunnel),			\
	  offsetof(struct type, pppol2tp.s_session),			\
	  offsetof(struct type, pppol2tp.d_tunnel),			\
	  offsetof(struct type, pppol2tp.d_session) },			\
	sizeof(((struct type *)0)->pppol2tp.s_tunnel) }

static const struct form forms[] = {
	FORM(sockaddr_pppol2tp, 2, AF_INET, sin_family),
	FORM(sockaddr_pppol2tpin6, 2, AF_INET6, sin6_family),
	FORM(sockaddr_pppol2tpv3, 3, AF_INET, sin_family),
	FORM(sockaddr_pppol2tpv3in6, 3, AF_INET6, sin6_family),
};

static uint32_t
get_id(const unsigned char *p, size_t size)
{
	uint16_t v16;
	uint32_t v32;

	if (size == sizeof(v16)) {
		memcpy(&v16, p, sizeof(v16));
		return v16;
	}
	memcpy(&v32, p, sizeof(v32));
	return v32;
}

enum l2tp_addr_status
l2tp_addr_decode(const void *addr, size_t len, struct l2tp_sockinfo *info)
{
	const unsigned char *p = addr;
	const struct form *f = NULL;
	sa_family_t ip_family;
	uint32_t id[4];
	size_t i;

	switch (l2tp_addr_family(addr, len)) {
	case -1:
		return L2TP_ADDR_SHORT;
	case AF_PPPOX:
		break;
	default:
		return L2TP_ADDR_NOT_PPPOX;
	}
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

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (forms[i].len == len)
			f = &forms[i];
	if (f == NULL)
		return L2TP_ADDR_BAD_LENGTH;
	memcpy(&ip_family, p + f->family_at, sizeof(ip_family));
	if (ip_family != f->ip_family)
		return L2TP_ADDR_BAD_FAMILY;
	for (i = 0; i < 4; i++)
		id[i] = get_id(p + f->id_at[i], f->id_size);

	memset(info, 0, sizeof(*info));
	info->version = f->version;
	info->ip_family = f->ip_family;
	info->tunnel_id = id[0];
	info->session_id = id[1];
	info->peer_tunnel_id = id[2];
	info->peer_session_id = id[3];
	return L2TP_ADDR_OK;
}
