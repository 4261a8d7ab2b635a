/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LCP_SNOOP_H
#define LCP_SNOOP_H

#include <stddef.h>
#include <stdint.h>

/*
 * The async control character maps agreed by LCP, learnt from the
 * Configure-Ack and Configure-Reject packets that pass through pppd.
 *   send_accm: what the peer asked us to escape when sending to it
 *              (its request, acknowledged by us: an outgoing Ack);
 *   recv_accm: what we asked the peer to escape when sending to us
 *              (our request, acknowledged by the peer: an incoming Ack).
 * A rejected ACCM option means the RFC 1662 default of 0xffffffff.
 */
struct lcp_snoop {
	uint32_t	send_accm;
	uint32_t	recv_accm;
	unsigned char	have_send;
	unsigned char	have_recv;
};

#define LCP_SNOOP_DEFAULT_ACCM	0xffffffffU

void lcp_snoop_reset(struct lcp_snoop *s);

/*
 * Look at one PPP frame as pppd reads or writes it (with or without the
 * FF 03 address and control bytes).  Returns 1 when this frame made both
 * maps known, or changed a map after both were known, so the caller
 * reports them; 0 otherwise.  Never reads outside pkt[0..len).
 */
int lcp_snoop_frame(struct lcp_snoop *s, const unsigned char *pkt, size_t len,
    int incoming);

/*
 * LCP is up: a direction whose ACCM was never negotiated uses the
 * default.  Returns 1 when that completed the pair (report it), 0 when
 * both were already known and so already reported.
 */
int lcp_snoop_finish(struct lcp_snoop *s);

#endif
