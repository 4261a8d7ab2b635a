/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ACCM report decision.  pppd's own negotiation is exercised in the
 * guests (accm.sh); here every path of the decision.
 */
#include "unit.h"
#include "../../accm_report.h"

static void
first_lcp_up_reports_in_host_order(void)
{
	struct accm_report r;

	accm_report_init(&r);
	EXPECT(accm_report_lcp_up(&r, 1, 0, 1, 0x000a0000) == 1);
	EXPECT(r.send_accm == 0 && r.recv_accm == 0x000a0000);
}

static void
not_negotiated_means_default(void)
{
	struct accm_report r;

	accm_report_init(&r);
	/* The map fields hold leftovers when not negotiated: ignored. */
	EXPECT(accm_report_lcp_up(&r, 0, 0x1234, 1, 0) == 1);
	EXPECT(r.send_accm == ACCM_DEFAULT && r.recv_accm == 0);
	accm_report_init(&r);
	EXPECT(accm_report_lcp_up(&r, 0, 0, 0, 0) == 1);
	EXPECT(r.send_accm == ACCM_DEFAULT && r.recv_accm == ACCM_DEFAULT);
}

/* Even the default pair is worth one report: the daemon learns it. */
static void
default_pair_reported_once(void)
{
	struct accm_report r;

	accm_report_init(&r);
	EXPECT(accm_report_lcp_up(&r, 0, 0, 0, 0) == 1);
	EXPECT(accm_report_lcp_up(&r, 1, ACCM_DEFAULT, 1, ACCM_DEFAULT) == 0);
}

static void
renegotiation_reports_only_a_change(void)
{
	struct accm_report r;

	accm_report_init(&r);
	EXPECT(accm_report_lcp_up(&r, 1, 0, 1, 0x000a0000) == 1);
	EXPECT(accm_report_lcp_up(&r, 1, 0, 1, 0x000a0000) == 0);
	EXPECT(accm_report_lcp_up(&r, 1, 0x000f0000, 1, 0x000a0000) == 1);
	EXPECT(r.send_accm == 0x000f0000 && r.recv_accm == 0x000a0000);
	EXPECT(accm_report_lcp_up(&r, 1, 0x000f0000, 0, 0x000a0000) == 1);
	EXPECT(r.recv_accm == ACCM_DEFAULT);
	/* Back to an earlier pair: a change from the last report. */
	EXPECT(accm_report_lcp_up(&r, 1, 0, 1, 0x000a0000) == 1);
}

int
main(void)
{
	RUN(first_lcp_up_reports_in_host_order);
	RUN(not_negotiated_means_default);
	RUN(default_pair_reported_once);
	RUN(renegotiation_reports_only_a_change);
	UNIT_EXIT();
}
