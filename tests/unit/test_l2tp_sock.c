/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the fd check says about things that are not PPPoL2TP sockets.  The
 * host kernel has no PPPoX, so PPPoL2TP sockets themselves are tested in
 * the guests.
 */
/* AT_EMPTY_PATH */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "unit.h"
#include "../../l2tp_sock.h"

/*
 * An fstat that fails on an open fd cannot be arranged with real files:
 * this one, which l2tp_sock.c links against here instead of libc's,
 * fails on request and leaves the buffer as it was (unset).
 */
static int fstat_fails;

int fstat(int fd, struct stat *st);

int
fstat(int fd, struct stat *st)
{
	if (fstat_fails) {
		errno = EIO;
		return -1;
	}
	return fstatat(fd, "", st, AT_EMPTY_PATH);
}

static int
says(int fd, const char *expected)
{
	struct l2tp_sockinfo info;
	char why[200] = "";

	if (l2tp_sock_identify(fd, &info, why, sizeof(why)) != -1)
		return 0;
	if (strcmp(why, expected) != 0) {
		printf("  said: %s\n", why);
		return 0;
	}
	return 1;
}

static void
closed_fd(void)
{
	EXPECT(says(99, "fd 99 is not open (pppd must be started by the L2TP "
	    "daemon that holds the session socket)"));
}

static void
regular_file_and_pipe(void)
{
	int fd = open("/dev/null", O_RDONLY), p[2];

	EXPECT(says(fd, "fd 3 is a character device, not a PPPoL2TP socket"));
	close(fd);
	EXPECT(pipe(p) == 0);
	EXPECT(says(p[0], "fd 3 is a pipe, not a PPPoL2TP socket"));
	close(p[0]);
	close(p[1]);
}

static void
udp_and_unix_sockets(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0), sv[2];

	EXPECT(says(fd, "fd 3 is a UDP/IPv4 socket, not PPPoL2TP (the "
	    "tunnel's UDP socket?)"));
	close(fd);
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	EXPECT(says(fd, "fd 3 is an IPv6 socket of protocol 6, not PPPoL2TP"));
	close(fd);
	EXPECT(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	EXPECT(says(sv[0], "fd 3 is a unix-domain socket, not PPPoL2TP"));
	close(sv[0]);
	close(sv[1]);
}

/* The reason fstat gave, not a guess from a stat buffer never filled. */
static void
failed_fstat(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	fstat_fails = 1;
	EXPECT(says(fd, "cannot ask fd 3 what it is (fstat): Input/output "
	    "error"));
	fstat_fails = 0;
	close(fd);
}

static int
is_dev_null(int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 &&
	    S_ISCHR(a.st_mode) && a.st_rdev == b.st_rdev;
}

static int
domain_of(int fd)
{
	int domain = -1;
	socklen_t len = sizeof(domain);

	getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len);
	return domain;
}

/*
 * A socket on fd 0, 1 or 2 moves above 2, close-on-exec, and /dev/null
 * takes its place; one already above 2 stays and becomes close-on-exec.
 */
static void
settle_low_and_high_fds(void)
{
	int low, saved, s, fd;

	for (low = 0; low <= 2; low++) {
		saved = dup(low);
		s = socket(AF_INET, SOCK_DGRAM, 0);
		EXPECT(dup2(s, low) == low);
		close(s);
		fd = l2tp_sock_settle(low);
		EXPECT(fd > 2);
		EXPECT(fcntl(fd, F_GETFD) == FD_CLOEXEC);
		EXPECT(domain_of(fd) == AF_INET);
		EXPECT(is_dev_null(low));
		close(fd);
		dup2(saved, low);
		close(saved);
	}
	s = socket(AF_INET, SOCK_DGRAM, 0);
	EXPECT(s > 2 && fcntl(s, F_GETFD) == 0);
	EXPECT(l2tp_sock_settle(s) == s);
	EXPECT(fcntl(s, F_GETFD) == FD_CLOEXEC);
	close(s);
}

int
main(void)
{
	/* The messages name fd numbers: start from a known table. */
	for (int fd = 3; fd < 64; fd++)
		close(fd);
	RUN(closed_fd);
	RUN(regular_file_and_pipe);
	RUN(udp_and_unix_sockets);
	RUN(failed_fstat);
	RUN(settle_low_and_high_fds);
	UNIT_EXIT();
}
