/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "accm_report.h"

void
accm_report_init(struct accm_report *r)
{
	r->reported = 0;
	r->send_accm = r->recv_accm = ACCM_DEFAULT;
}

int
accm_report_lcp_up(struct accm_report *r, int his_neg, uint32_t his_map,
    int our_neg, uint32_t our_map)
{
	uint32_t send_accm = his_neg ? his_map : ACCM_DEFAULT;
	uint32_t recv_accm = our_neg ? our_map : ACCM_DEFAULT;

	if (r->reported && r->send_accm == send_accm &&
	    r->recv_accm == recv_accm)
		return 0;
	r->reported = 1;
	r->send_accm = send_accm;
	r->recv_accm = recv_accm;
	return 1;
}
