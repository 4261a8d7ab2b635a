/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The event messages a helper plugin sends to openl2tpd.  The layout is
 * openl2tpd's, so it must not change: one unix datagram per message,
 *
 *	u32 signature  u16 type  u16 length-of-what-follows  TLVs...
 *
 * and each TLV is u16 type, u16 length of the value, the value, then
 * padding to a 4-byte boundary.  Everything is in host byte order (both
 * ends are on one host) and a message is at most 512 bytes.
 */
#ifndef L2TP_EVENT_H
#define L2TP_EVENT_H

#include <stdint.h>

#define L2TP_EVENT_SOCKET_PATH	"/tmp/openl2tp-event.sock"
#define L2TP_EVENT_SIGNATURE	0x6b6c7831U
#define L2TP_EVENT_MAX_LEN	512

/* Message types */
#define L2TP_EVENT_PPP_UPDOWN_IND	1
#define L2TP_EVENT_PPP_ACCM_IND		2

/* TLV types, in openl2tpd's order */
#define L2TP_EVENT_TLV_TUNNEL_ID	0	/* u16 */
#define L2TP_EVENT_TLV_SESSION_ID	1	/* u16 */
#define L2TP_EVENT_TLV_PPP_ACCM		2	/* u32 send, u32 recv */
#define L2TP_EVENT_TLV_PPP_UNIT		3	/* u32 */
#define L2TP_EVENT_TLV_PPP_IFNAME	4	/* string with its NUL */
#define L2TP_EVENT_TLV_PPP_USER_NAME	5	/* string with its NUL */
#define L2TP_EVENT_TLV_PPP_STATE	6	/* u8: 1 up, 0 down */

struct l2tp_event_msg_hdr {
	uint32_t	signature;
	uint16_t	type;
	uint16_t	len;		/* bytes of TLVs after this header */
};

struct l2tp_event_tlv_hdr {
	uint16_t	type;
	uint16_t	len;		/* bytes of value, before padding */
};

#define L2TP_EVENT_TLV_ALIGN(n)	(((n) + 3U) & ~3U)

#endif
