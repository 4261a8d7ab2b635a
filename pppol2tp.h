/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What pppol2tp.so offers a helper plugin loaded after it (openl2tp.so and
 * others).  These names and signatures are an ABI that helpers built
 * against other versions of this plugin rely on: never change them.
 */
#ifndef PPPOL2TP_H
#define PPPOL2TP_H

#include <stdint.h>

/*
 * LNS mode only: called once both directions' async control character
 * maps are known after LCP negotiation, and again if a renegotiation
 * changes them.  Values are in host byte order.  send_accm is the map
 * this end uses when sending, recv_accm the one the peer uses.
 */
extern void (*pppol2tp_send_accm_hook)(int tunnel_id, int session_id,
    uint32_t send_accm, uint32_t recv_accm);

/*
 * Called with up = 1 when the first network protocol (IPCP or IPv6CP)
 * comes up, or when the link joins an existing multilink bundle, and with
 * up = 0 when the last one goes down, the link ends or pppd exits; never
 * twice in a row with the same value.
 */
extern void (*pppol2tp_ip_updown_hook)(int tunnel_id, int session_id,
    int up);

/* The session's L2TP ids, as the kernel reports them for the socket. */
extern int pppol2tp_tunnel_id;
extern int pppol2tp_session_id;

#endif
