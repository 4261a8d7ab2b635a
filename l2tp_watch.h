/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_WATCH_H
#define L2TP_WATCH_H

#include <stdint.h>

/*
 * Ask the kernel, over generic netlink, whether an L2TP session still
 * exists.  The kernel does not tell a PPPoL2TP socket's owner when the
 * session under it is deleted (ip l2tp del tunnel, a daemon's netlink
 * delete): its data and LCP frames just vanish.
 */
struct l2tp_watch {
	int		fd;
	uint16_t	family;
	uint32_t	seq;
};

/* Returns 0, or -1 with errno when generic netlink or l2tp is missing. */
int l2tp_watch_open(struct l2tp_watch *w);
void l2tp_watch_close(struct l2tp_watch *w);

/* Returns 1 if the session exists, 0 if the kernel says it does not, and
 * -1 with errno when the question could not be asked or answered. */
int l2tp_watch_session(struct l2tp_watch *w, uint32_t tunnel_id,
    uint32_t session_id);

#endif
