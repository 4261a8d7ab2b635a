/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpget PID FD: borrow fd FD from process PID (pidfd_getfd) and print
 * the session's kernel settings as getsockopt returns them, so a test can
 * see what pppd's plugin set without asking pppd.
 * l2tpget -p PID FD: print what poll and getsockname say of the socket.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#ifndef SOL_PPPOL2TP
#define SOL_PPPOL2TP	273
#endif

static int
get(int fd, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, SOL_PPPOL2TP, opt, &v, &len) < 0) {
		fprintf(stderr, "l2tpget: getsockopt %d: %s\n", opt,
		    strerror(errno));
		exit(1);
	}
	return v;
}

int
main(int argc, char **argv)
{
	int pidfd, fd, probe = 0;

	if (argc == 4 && strcmp(argv[1], "-p") == 0) {
		probe = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: l2tpget [-p] PID FD\n");
		return 2;
	}
	pidfd = (int)syscall(SYS_pidfd_open, atoi(argv[1]), 0);
	if (pidfd < 0) {
		perror("l2tpget: pidfd_open");
		return 1;
	}
	fd = (int)syscall(SYS_pidfd_getfd, pidfd, atoi(argv[2]), 0);
	if (fd < 0) {
		perror("l2tpget: pidfd_getfd");
		return 1;
	}
	if (probe) {
		struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP };
		unsigned char ss[128];
		socklen_t len = sizeof(ss);
		int rc = getsockname(fd, (struct sockaddr *)ss, &len);

		printf("getsockname=%d (%s) ", rc, rc < 0 ? strerror(errno) : "ok");
		rc = poll(&p, 1, 0);
		printf("poll=%d revents=0x%x\n", rc, (unsigned)p.revents);
		return 0;
	}
	printf("lnsmode=%d sendseq=%d recvseq=%d reorderto=%d debug=%d\n",
	    get(fd, PPPOL2TP_SO_LNSMODE), get(fd, PPPOL2TP_SO_SENDSEQ),
	    get(fd, PPPOL2TP_SO_RECVSEQ), get(fd, PPPOL2TP_SO_REORDERTO),
	    get(fd, PPPOL2TP_SO_DEBUG));
	return 0;
}
