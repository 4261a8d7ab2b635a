/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef EVENT_ENCODE_H
#define EVENT_ENCODE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Build openl2tpd event messages (l2tp_event.h) in buf.  Each returns the
 * message length, or 0 when size is too small for the fixed part.  A user
 * name that would not fit in L2TP_EVENT_MAX_LEN is cut short, still ending
 * in NUL; an empty or NULL user name is left out.
 */
size_t event_encode_accm(unsigned char *buf, size_t size, uint16_t tunnel,
    uint16_t session, uint32_t send_accm, uint32_t recv_accm);

size_t event_encode_updown(unsigned char *buf, size_t size, uint16_t tunnel,
    uint16_t session, int up, uint32_t unit, const char *ifname,
    const char *user);

#endif
