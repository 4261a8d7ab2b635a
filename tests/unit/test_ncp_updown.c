/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "unit.h"
#include "../../ncp_updown.h"

static void
ipv4_only(void)
{
	struct ncp_updown s;

	ncp_updown_init(&s);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == 1);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 0) == 0);
	EXPECT(ncp_updown_exit(&s) == NCP_NO_REPORT);
}

static void
ipv6_down_while_ipv4_up_is_not_down(void)
{
	struct ncp_updown s;

	ncp_updown_init(&s);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == 1);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 1) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 0) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 0) == 0);
}

static void
never_the_same_value_twice(void)
{
	struct ncp_updown s;

	ncp_updown_init(&s);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 0) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 1) == 1);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 1) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 0) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 0) == 0);
	EXPECT(ncp_updown_event(&s, NCP_IPV6, 0) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == 1);
}

static void
exit_while_up_reports_down_once(void)
{
	struct ncp_updown s;

	ncp_updown_init(&s);
	EXPECT(ncp_updown_exit(&s) == NCP_NO_REPORT);
	ncp_updown_init(&s);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == 1);
	EXPECT(ncp_updown_exit(&s) == 0);
	EXPECT(ncp_updown_exit(&s) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 0) == NCP_NO_REPORT);
}

/* A link that joined a bundle: up when it joins, down when it ends. */
static void
joined_link_up_then_down_at_its_end(void)
{
	struct ncp_updown s;

	ncp_updown_init(&s);
	EXPECT(ncp_updown_event(&s, NCP_BUNDLE, 1) == 1);
	EXPECT(ncp_updown_event(&s, NCP_BUNDLE, 1) == NCP_NO_REPORT);
	EXPECT(ncp_updown_exit(&s) == 0);
	EXPECT(ncp_updown_exit(&s) == NCP_NO_REPORT);
}

/*
 * A master whose own link ended keeps IPCP up for the other links: its
 * session is down at the link's end and stays so whatever IPCP does.
 */
static void
master_link_ends_while_bundle_runs(void)
{
	struct ncp_updown s;

	ncp_updown_init(&s);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == 1);
	EXPECT(ncp_updown_exit(&s) == 0);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 0) == NCP_NO_REPORT);
	EXPECT(ncp_updown_event(&s, NCP_IPV4, 1) == NCP_NO_REPORT);
}

int
main(void)
{
	RUN(ipv4_only);
	RUN(ipv6_down_while_ipv4_up_is_not_down);
	RUN(never_the_same_value_twice);
	RUN(exit_while_up_reports_down_once);
	RUN(joined_link_up_then_down_at_its_end);
	RUN(master_link_ends_while_bundle_runs);
	UNIT_EXIT();
}
