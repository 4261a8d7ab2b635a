/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ncp_updown.h"

void
ncp_updown_init(struct ncp_updown *s)
{
	s->up_mask = 0;
	s->reported = NCP_NO_REPORT;
	s->gone = 0;
}

static int
report(struct ncp_updown *s, int up)
{
	if (s->reported == up)
		return NCP_NO_REPORT;
	s->reported = up;
	return up;
}

int
ncp_updown_event(struct ncp_updown *s, enum ncp ncp, int up)
{
	if (s->gone)
		return NCP_NO_REPORT;
	if (up)
		s->up_mask |= (unsigned int)ncp;
	else
		s->up_mask &= ~(unsigned int)ncp;
	/* A down before any up tells the daemon nothing new. */
	if (!up && s->reported == NCP_NO_REPORT)
		return NCP_NO_REPORT;
	return report(s, s->up_mask != 0);
}

int
ncp_updown_exit(struct ncp_updown *s)
{
	s->up_mask = 0;
	s->gone = 1;
	if (s->reported != 1)
		return NCP_NO_REPORT;
	return report(s, 0);
}
