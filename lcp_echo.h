/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LCP_ECHO_H
#define LCP_ECHO_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether a frame pppd sends is an LCP Echo-Request.  pppd hands its
 * snoop hook the frame as it built it: address and control (ff 03),
 * then the protocol and the packet; a frame without them is accepted
 * too, in case a pppd ever strips them first.
 */
bool lcp_is_echo_request(const unsigned char *frame, size_t len);

#endif
