/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Recognising the LCP Echo-Requests pppd sends, so the session watch can
 * ask the kernel at the moment pppd is awake for its echo anyway.
 */
#include "lcp_echo.h"

#define PPP_ADDRESS	0xff
#define PPP_CONTROL	0x03
#define LCP_PROTO_HI	0xc0
#define LCP_PROTO_LO	0x21
#define LCP_ECHO_REQUEST 9
#define LCP_HEADER_LEN	4	/* code, id, length */

bool
lcp_is_echo_request(const unsigned char *frame, size_t len)
{
	if (len >= 2 && frame[0] == PPP_ADDRESS && frame[1] == PPP_CONTROL) {
		frame += 2;
		len -= 2;
	}
	return len >= 2 + LCP_HEADER_LEN && frame[0] == LCP_PROTO_HI &&
	    frame[1] == LCP_PROTO_LO && frame[2] == LCP_ECHO_REQUEST;
}
