/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NCP_UPDOWN_H
#define NCP_UPDOWN_H

/*
 * The session is "up" for the daemon while at least one network protocol
 * (IPCP or IPv6CP) is up on it, or while it is a link that joined an
 * existing multilink bundle (whose master runs those protocols).  This
 * folds pppd's events into one up/down signal that never repeats a value.
 */
enum ncp { NCP_IPV4 = 1, NCP_IPV6 = 2, NCP_BUNDLE = 4 };

struct ncp_updown {
	unsigned int	up_mask;
	int		reported;	/* -1 nothing yet, else last value sent */
	int		gone;		/* the link ended: nothing more to say */
};

#define NCP_NO_REPORT	(-1)

void ncp_updown_init(struct ncp_updown *s);

/* Returns 1 or 0 to report, NCP_NO_REPORT when nothing changed. */
int ncp_updown_event(struct ncp_updown *s, enum ncp ncp, int up);

/*
 * The link has ended (LCP terminated it, or pppd exits): returns 0 when an
 * up was reported without its down.  Nothing is reported after this: a
 * multilink master whose own link ended keeps the bundle's protocols up
 * for the other links, but this session carries none of it.
 */
int ncp_updown_exit(struct ncp_updown *s);

#endif
