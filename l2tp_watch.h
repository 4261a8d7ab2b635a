/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_WATCH_H
#define L2TP_WATCH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Ask the kernel, over generic netlink, whether an L2TP session still
 * exists.  The kernel does not tell a PPPoL2TP socket's owner when the
 * session under it is deleted (ip l2tp del tunnel, a daemon's netlink
 * delete): its data and LCP frames just vanish.
 *
 * Nothing here ever waits: each step reads what the kernel has already
 * answered and sends the next question, so pppd's loop is never held up.
 */
struct l2tp_watch {
	int		fd;
	uint16_t	family;		/* 0 until the lookup is answered */
	uint32_t	seq;
	uint32_t	asked;		/* seq of the open question, or 0 */
	unsigned	lookups;	/* family lookups sent so far */
};

/* Family lookups before giving up (l2tp_netlink missing or silent). */
#define L2TP_WATCH_LOOKUPS	3

enum l2tp_watch_state {
	L2TP_WATCH_ASKED,	/* a question is out: step again soon */
	L2TP_WATCH_ALIVE,	/* the kernel has the session */
	L2TP_WATCH_GONE,	/* the kernel says it has not */
	L2TP_WATCH_FAILED,	/* no answer this time (errno): try later */
	L2TP_WATCH_LOOKING,	/* no l2tp family yet (errno): try later */
	L2TP_WATCH_UNAVAILABLE	/* no l2tp family (errno): stop watching */
};

/* Returns 0, or -1 with errno when no netlink socket can be had. */
int l2tp_watch_open(struct l2tp_watch *w);
void l2tp_watch_close(struct l2tp_watch *w);

/*
 * One step: take the answer to the open question, if any, else send the
 * next one.  FAILED, LOOKING and UNAVAILABLE set errno.
 */
enum l2tp_watch_state l2tp_watch_step(struct l2tp_watch *w,
    uint32_t tunnel_id, uint32_t session_id);

/* The pure parts, apart for the unit test and the fuzz target. */

/* Room for either question. */
#define L2TP_WATCH_REQ_MAX	64

/* Build a question into buf; returns its length. */
size_t l2tp_watch_build_lookup(unsigned char *buf, uint32_t seq);
size_t l2tp_watch_build_session(unsigned char *buf, uint32_t seq,
    uint16_t family, uint32_t tunnel_id, uint32_t session_id);

enum l2tp_watch_reply {
	L2TP_REPLY_NONE,	/* nothing in it answers seq */
	L2TP_REPLY_DATA,	/* an answer: its genl payload is returned */
	L2TP_REPLY_ERROR,	/* the kernel's error answer (*err > 0) */
	L2TP_REPLY_ACK,		/* an error message with error 0 */
	L2TP_REPLY_BAD		/* malformed */
};

/*
 * What one datagram read from the socket says about question seq.  For
 * DATA, *payload and *plen point into buf at the genl header and what
 * follows; for ERROR, *err is the positive errno.
 */
enum l2tp_watch_reply l2tp_watch_reply(const unsigned char *buf, size_t len,
    uint32_t seq, const unsigned char **payload, size_t *plen, int *err);

/* The family id from a CTRL_CMD_GETFAMILY answer's payload: 0 or -1. */
int l2tp_watch_family_id(const unsigned char *payload, size_t len,
    uint16_t *id);

#endif
