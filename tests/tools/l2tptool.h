/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the test daemons (l2tpsock, l2tpfan) share. */
#ifndef L2TPTOOL_H
#define L2TPTOOL_H

#include <netinet/in.h>
#include <sys/socket.h>

/* The program's name, for messages; set by main. */
extern const char *tool_name;

/* Print "NAME: WHAT: strerror(errno)" and exit 126. */
void tool_die(const char *what) __attribute__((noreturn));

/* An IPv4 or IPv6 address with its port. */
union tool_addr {
	struct sockaddr		sa;
	struct sockaddr_in	v4;
	struct sockaddr_in6	v6;
};

/* ADDR:PORT or [ADDR6]:PORT into a; returns -1 when it is not one. */
int tool_parse_addr(const char *s, union tool_addr *a);

/* Both ends of one tunnel and its first session, from the shared options
 * -l ADDR:PORT -p ADDR:PORT -t TID -T PEER_TID -s SID -S PEER_SID. */
struct tool_ends {
	union tool_addr		local, peer;
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
 * The tunnel's L2TP/IP socket (IP protocol 115, L2TPv3 only), bound to
 * the local tunnel id and connected to the peer's; the ports are unused.
 */
int tool_ip_connect(const struct tool_ends *e, int flags);

/*
 * A PPPoL2TP socket connected to (tunnel, session) over the tunnel socket
 * fd: session 0 makes the tunnel's management socket.  L2TPv3 ids with
 * v3; the address form (IPv4 or IPv6) follows the peer's family.
 */
int tool_pppol2tp_connect(int fd, const union tool_addr *peer, int v3,
    unsigned tid, unsigned ptid, unsigned sid, unsigned psid);

#endif
