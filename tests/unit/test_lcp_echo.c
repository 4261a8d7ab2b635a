/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "unit.h"
#include <string.h>

#include "../../lcp_echo.h"

/* An Echo-Request with id 7, length 8 and magic number 0x01020304. */
static const unsigned char echo_req[] = {
	0xff, 0x03, 0xc0, 0x21, 0x09, 0x07, 0x00, 0x08, 1, 2, 3, 4
};

static void
echo_request_as_pppd_sends_it(void)
{
	EXPECT(lcp_is_echo_request(echo_req, sizeof(echo_req)));
}

static void
echo_request_without_address_and_control(void)
{
	EXPECT(lcp_is_echo_request(echo_req + 2, sizeof(echo_req) - 2));
}

static void
other_lcp_codes_are_not(void)
{
	unsigned char f[sizeof(echo_req)];
	int code;

	for (code = 0; code < 256; code++) {
		memcpy(f, echo_req, sizeof(f));
		f[4] = (unsigned char)code;
		EXPECT(lcp_is_echo_request(f, sizeof(f)) == (code == 9));
	}
}

static void
other_protocols_are_not(void)
{
	/* IPCP (8021) and CHAP (c223) with code 9 in the same place. */
	static const unsigned char ipcp[] = { 0xff, 0x03, 0x80, 0x21, 0x09,
	    0x07, 0x00, 0x08, 1, 2, 3, 4 };
	static const unsigned char chap[] = { 0xff, 0x03, 0xc2, 0x23, 0x09,
	    0x07, 0x00, 0x08, 1, 2, 3, 4 };

	EXPECT(!lcp_is_echo_request(ipcp, sizeof(ipcp)));
	EXPECT(!lcp_is_echo_request(chap, sizeof(chap)));
}

static void
short_frames_are_not(void)
{
	size_t len;

	/* Too short for an LCP header, with or without ff 03. */
	for (len = 0; len < 8; len++)
		EXPECT(!lcp_is_echo_request(echo_req, len));
	EXPECT(lcp_is_echo_request(echo_req, 8));
	for (len = 0; len < 6; len++)
		EXPECT(!lcp_is_echo_request(echo_req + 2, len));
}

int
main(void)
{
	RUN(echo_request_as_pppd_sends_it);
	RUN(echo_request_without_address_and_control);
	RUN(other_lcp_codes_are_not);
	RUN(other_protocols_are_not);
	RUN(short_frames_are_not);
	UNIT_EXIT();
}
