/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the test daemons (l2tpsock, l2tpfan) share. */
#ifndef L2TPTOOL_H
#define L2TPTOOL_H

#include <netinet/in.h>

/* The program's name, for messages; set by main. */
extern const char *tool_name;

/* Print "NAME: WHAT: strerror(errno)" and exit 126. */
void tool_die(const char *what) __attribute__((noreturn));

/* ADDR:PORT into sin; returns -1 when it is not one. */
int tool_parse_inet(const char *s, struct sockaddr_in *sin);

/*
 * A PPPoL2TP socket connected to (tunnel, session) over the UDP socket:
 * session 0 makes the tunnel's management socket.  L2TPv3 ids with v3.
 */
int tool_pppol2tp_connect(int udp, const struct sockaddr_in *peer, int v3,
    unsigned tid, unsigned ptid, unsigned sid, unsigned psid);

#endif
