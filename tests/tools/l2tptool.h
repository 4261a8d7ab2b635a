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

/* Both ends of one tunnel and its first session, from the shared options
 * -l ADDR:PORT -p ADDR:PORT -t TID -T PEER_TID -s SID -S PEER_SID. */
struct tool_ends {
	struct sockaddr_in	local, peer;
	int			have_local, have_peer;
	unsigned		tid, ptid, sid, psid;
};

/* The options the daemons share, in getopt's form. */
#define TOOL_ENDS_OPTS	"l:p:t:T:s:S:"

/*
 * Take getopt's option c if it is one of TOOL_ENDS_OPTS: returns 1 when
 * taken, 0 when c is another option, -1 when its address is not one.
 */
int tool_ends_option(struct tool_ends *e, int c, const char *arg);

/* The tunnel's UDP socket, bound and connected; flags for socket(2). */
int tool_udp_connect(const struct tool_ends *e, int flags);

/*
 * A PPPoL2TP socket connected to (tunnel, session) over the UDP socket:
 * session 0 makes the tunnel's management socket.  L2TPv3 ids with v3.
 */
int tool_pppol2tp_connect(int udp, const struct sockaddr_in *peer, int v3,
    unsigned tid, unsigned ptid, unsigned sid, unsigned psid);

#endif
