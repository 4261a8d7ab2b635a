/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_SOCK_H
#define L2TP_SOCK_H

#include <stddef.h>

#include "l2tp_addr.h"

/*
 * Make sure fd is a connected PPPoL2TP session socket and read its ids.
 * Returns 0, or -1 with a sentence about fd in why ("fd 7 is a PPPoE
 * socket, not PPPoL2TP").
 */
int l2tp_sock_identify(int fd, struct l2tp_sockinfo *info, char *why,
    size_t whylen);

/*
 * Keep the socket on a descriptor of ours: 3 or above, close-on-exec.
 * pppd puts /dev/null over fds 0-2 when it detaches, so a socket there is
 * moved and /dev/null takes its place (pppd expects 0-2 open).  Returns
 * the fd to use from now on, or -1 with errno set.
 */
int l2tp_sock_settle(int fd);

/* The session's kernel settings, as PPPOL2TP_SO_* socket options. */
enum l2tp_setting {
	L2TP_SET_RECVSEQ,
	L2TP_SET_SENDSEQ,
	L2TP_SET_LNSMODE,
	L2TP_SET_REORDERTO,
	L2TP_SET_DEBUG,
};

/* Returns 0 or an errno value. */
int l2tp_sock_set(int fd, enum l2tp_setting which, int value);

/* The kernel's name for a setting, for messages. */
const char *l2tp_setting_name(enum l2tp_setting which);

#endif
