/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session socket as the kernel sees it.  pppd inherits an fd from
 * the daemon and trusts nothing about it: what it is, whether it is
 * connected and which session it carries all come from the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#include "l2tp_sock.h"

#ifndef SOL_PPPOL2TP
#define SOL_PPPOL2TP	273
#endif

static const int sockopt_of[] = {
	[L2TP_SET_RECVSEQ] = PPPOL2TP_SO_RECVSEQ,
	[L2TP_SET_SENDSEQ] = PPPOL2TP_SO_SENDSEQ,
	[L2TP_SET_LNSMODE] = PPPOL2TP_SO_LNSMODE,
	[L2TP_SET_REORDERTO] = PPPOL2TP_SO_REORDERTO,
	[L2TP_SET_DEBUG] = PPPOL2TP_SO_DEBUG,
};

static const char *const name_of[] = {
	[L2TP_SET_RECVSEQ] = "PPPOL2TP_SO_RECVSEQ",
	[L2TP_SET_SENDSEQ] = "PPPOL2TP_SO_SENDSEQ",
	[L2TP_SET_LNSMODE] = "PPPOL2TP_SO_LNSMODE",
	[L2TP_SET_REORDERTO] = "PPPOL2TP_SO_REORDERTO",
	[L2TP_SET_DEBUG] = "PPPOL2TP_SO_DEBUG",
};

const char *
l2tp_setting_name(enum l2tp_setting which)
{
	return name_of[which];
}

int
l2tp_sock_set(int fd, enum l2tp_setting which, int value)
{
	if (setsockopt(fd, SOL_PPPOL2TP, sockopt_of[which], &value,
	    sizeof(value)) < 0)
		return errno;
	return 0;
}

int
l2tp_sock_settle(int fd)
{
	int moved, null, err;

	if (fd > STDERR_FILENO)
		return fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ? -1 : fd;
	moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	if (moved < 0)
		return -1;
	null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(null, fd) < 0) {
		err = errno;
		if (null >= 0)
			close(null);
		close(moved);
		errno = err;
		return -1;
	}
	close(null);
	return moved;
}

static const char *
file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISFIFO(mode))
		return "a pipe";
	return "not a socket";
}

static void
describe_foreign(int fd, int domain, int protocol, char *why, size_t whylen)
{
	const char *ip = domain == AF_INET ? "IPv4" : "IPv6";

	if (domain == AF_INET || domain == AF_INET6) {
		if (protocol == IPPROTO_UDP)
			snprintf(why, whylen, "fd %d is a UDP/%s socket, not "
			    "PPPoL2TP (the tunnel's UDP socket?)", fd, ip);
		else if (protocol == IPPROTO_L2TP)
			snprintf(why, whylen, "fd %d is an L2TP/IP socket, not "
			    "PPPoL2TP (the tunnel's socket?)", fd);
		else
			snprintf(why, whylen, "fd %d is an %s socket of "
			    "protocol %d, not PPPoL2TP", fd, ip, protocol);
	} else if (domain == AF_UNIX) {
		snprintf(why, whylen, "fd %d is a unix-domain socket, not "
		    "PPPoL2TP", fd);
	} else {
		snprintf(why, whylen, "fd %d is a socket of address family %d, "
		    "not PPPoL2TP", fd, domain);
	}
}

static void
describe_pppox(int fd, int protocol, char *why, size_t whylen)
{
	if (protocol == PX_PROTO_OE)
		snprintf(why, whylen, "fd %d is a PPPoE socket, not PPPoL2TP",
		    fd);
	else if (protocol == PX_PROTO_PPTP)
		snprintf(why, whylen, "fd %d is a PPTP socket, not PPPoL2TP",
		    fd);
	else
		snprintf(why, whylen, "fd %d is a PPPoX socket of protocol %d, "
		    "not PPPoL2TP", fd, protocol);
}

static int
getint(int fd, int name, int *value)
{
	socklen_t len = sizeof(*value);

	return getsockopt(fd, SOL_SOCKET, name, value, &len);
}

int
l2tp_sock_identify(int fd, struct l2tp_sockinfo *info, char *why,
    size_t whylen)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	struct stat st;
	int domain, protocol;

	if (fcntl(fd, F_GETFD) < 0) {
		snprintf(why, whylen, "fd %d is not open (pppd must be started "
		    "by the L2TP daemon that holds the session socket)", fd);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(why, whylen, "cannot ask fd %d what it is (fstat): %s",
		    fd, strerror(errno));
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(why, whylen, "fd %d is %s, not a PPPoL2TP socket", fd,
		    file_kind(st.st_mode));
		return -1;
	}
	if (getint(fd, SO_DOMAIN, &domain) < 0 ||
	    getint(fd, SO_PROTOCOL, &protocol) < 0) {
		snprintf(why, whylen, "cannot ask fd %d what socket it is: %s",
		    fd, strerror(errno));
		return -1;
	}
	if (domain != AF_PPPOX) {
		describe_foreign(fd, domain, protocol, why, whylen);
		return -1;
	}
	if (protocol != PX_PROTO_OL2TP) {
		describe_pppox(fd, protocol, why, whylen);
		return -1;
	}
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) < 0) {
		if (errno == ENOTCONN)
			snprintf(why, whylen, "fd %d is a PPPoL2TP socket that "
			    "is not connected to a tunnel and session", fd);
		else
			snprintf(why, whylen, "getsockname on fd %d failed: %s",
			    fd, strerror(errno));
		return -1;
	}

	switch (l2tp_addr_decode(&ss, sslen, info)) {
	case L2TP_ADDR_OK:
		break;
	case L2TP_ADDR_PPPOE:
		describe_pppox(fd, PX_PROTO_OE, why, whylen);
		return -1;
	case L2TP_ADDR_OTHER_PPPOX:
		describe_pppox(fd, l2tp_addr_protocol(&ss, sslen), why, whylen);
		return -1;
	default:
		snprintf(why, whylen, "fd %d has a PPPoL2TP address of %u bytes "
		    "that this plugin cannot read", fd, (unsigned)sslen);
		return -1;
	}
	if (info->session_id == 0) {
		snprintf(why, whylen, "fd %d is the management socket of tunnel "
		    "%u (session 0), not a session socket", fd,
		    (unsigned)info->tunnel_id);
		return -1;
	}
	return 0;
}
