/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef ACCM_REPORT_H
#define ACCM_REPORT_H

#include <stdint.h>

/*
 * Which async control character maps to report, decided from what pppd
 * itself negotiated (its LCP options) each time LCP comes up:
 *   send_accm: the map the peer asked for and we acknowledged, i.e. the
 *              one this end escapes with when sending;
 *   recv_accm: the map we asked for and the peer acknowledged, i.e. the
 *              one the peer escapes with when sending to us.
 * A map not negotiated (rejected, or never asked for) is the RFC 1662
 * default.  A pair is reported once, and again only when it changes.
 */
#define ACCM_DEFAULT	0xffffffffU

struct accm_report {
	int		reported;	/* a pair was reported */
	uint32_t	send_accm;
	uint32_t	recv_accm;
};

void accm_report_init(struct accm_report *r);

/*
 * LCP is up with these options.  Returns 1, with the pair in r->send_accm
 * and r->recv_accm, when it is to be reported; 0 when it is the pair
 * reported last.
 */
int accm_report_lcp_up(struct accm_report *r, int his_neg, uint32_t his_map,
    int our_neg, uint32_t our_map);

#endif
