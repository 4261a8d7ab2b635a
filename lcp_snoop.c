/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LCP snooping for the async control character maps.  The frames come from
 * the network, so every length is checked against what is really there
 * before a byte is read; a frame that lies about its length is ignored
 * whole, the way pppd's own LCP code discards it.
 */
#include <string.h>

#include "lcp_snoop.h"

#define PPP_ADDRESS_BYTE	0xff
#define PPP_CONTROL_BYTE	0x03
#define PROTO_LCP		0xc021
#define LCP_CONFACK		2
#define LCP_CONFREJ		4
#define LCP_HEADER_LEN		4	/* code, id, 16-bit length */
#define LCP_OPT_ACCM		2
#define LCP_OPT_ACCM_LEN	6	/* type, length, 32-bit map */

void
lcp_snoop_reset(struct lcp_snoop *s)
{
	memset(s, 0, sizeof(*s));
}

static uint32_t
get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/*
 * Find the ACCM option among the options of a Configure packet.  Returns
 * 1 and stores the map when one well-formed ACCM option is there.  A
 * malformed option list (an option length under 2 or past the end) stops
 * the search: the rest of the list cannot be trusted.
 */
static int
find_accm(const unsigned char *opt, size_t len, uint32_t *accm)
{
	while (len >= 2) {
		size_t optlen = opt[1];

		if (optlen < 2 || optlen > len)
			return 0;
		if (opt[0] == LCP_OPT_ACCM && optlen == LCP_OPT_ACCM_LEN) {
			*accm = get_be32(opt + 2);
			return 1;
		}
		opt += optlen;
		len -= optlen;
	}
	return 0;
}

int
lcp_snoop_frame(struct lcp_snoop *s, const unsigned char *pkt, size_t len,
    int incoming)
{
	size_t lcp_len;
	uint32_t accm, *slot;
	unsigned char *have;

	if (len >= 2 && pkt[0] == PPP_ADDRESS_BYTE && pkt[1] == PPP_CONTROL_BYTE) {
		pkt += 2;
		len -= 2;
	}
	/* LCP never uses a compressed (one byte) protocol field. */
	if (len < 2 || ((unsigned)pkt[0] << 8 | pkt[1]) != PROTO_LCP)
		return 0;
	pkt += 2;
	len -= 2;

	if (len < LCP_HEADER_LEN)
		return 0;
	if (pkt[0] != LCP_CONFACK && pkt[0] != LCP_CONFREJ)
		return 0;
	lcp_len = (size_t)pkt[2] << 8 | pkt[3];
	if (lcp_len < LCP_HEADER_LEN || lcp_len > len)
		return 0;
	/* Bytes past the LCP length are link padding, not options. */
	if (!find_accm(pkt + LCP_HEADER_LEN, lcp_len - LCP_HEADER_LEN, &accm))
		return 0;
	if (pkt[0] == LCP_CONFREJ)
		accm = LCP_SNOOP_DEFAULT_ACCM;

	slot = incoming ? &s->recv_accm : &s->send_accm;
	have = incoming ? &s->have_recv : &s->have_send;
	if (*have && *slot == accm)
		return 0;
	*slot = accm;
	*have = 1;
	return s->have_send && s->have_recv;
}

int
lcp_snoop_finish(struct lcp_snoop *s)
{
	if (s->have_send && s->have_recv)
		return 0;
	if (!s->have_send)
		s->send_accm = LCP_SNOOP_DEFAULT_ACCM;
	if (!s->have_recv)
		s->recv_accm = LCP_SNOOP_DEFAULT_ACCM;
	s->have_send = s->have_recv = 1;
	return 1;
}
