/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nlcap: ask the kernel the watch's two questions with the watch's own
 * request builders and print each raw answer as one line
 *   REPLY: lookup|session HEX
 * for the fuzzing corpus and the unit test's cases.  With no l2tp family
 * it prints the error answer and stops.
 *
 *   nlcap TUNNEL_ID SESSION_ID
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "../../l2tp_watch.h"

static void
die(const char *what)
{
	fprintf(stderr, "nlcap: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Send one question and print its answer; returns the answer's length. */
static size_t
exchange(int fd, const char *what, const unsigned char *req, size_t len,
    unsigned char *buf, size_t size)
{
	ssize_t n, i;

	if (send(fd, req, len, 0) < 0)
		die("send");
	n = recv(fd, buf, size, 0);
	if (n < 0)
		die("recv");
	printf("REPLY: %s ", what);
	for (i = 0; i < n; i++)
		printf("%02x", buf[i]);
	printf("\n");
	return (size_t)n;
}

int
main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	unsigned char req[L2TP_WATCH_REQ_MAX], buf[8192];
	const unsigned char *payload;
	size_t len, plen;
	uint16_t family;
	int fd, err;

	if (argc != 3) {
		fprintf(stderr, "usage: nlcap TUNNEL_ID SESSION_ID\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("netlink socket");
	len = exchange(fd, "lookup", req, l2tp_watch_build_lookup(req, 1),
	    buf, sizeof(buf));
	if (l2tp_watch_reply(buf, len, 1, &payload, &plen, &err) !=
	    L2TP_REPLY_DATA || l2tp_watch_family_id(payload, plen, &family) < 0)
		return 1;
	exchange(fd, "session", req, l2tp_watch_build_session(req, 2, family,
	    (uint32_t)strtoul(argv[1], NULL, 10),
	    (uint32_t)strtoul(argv[2], NULL, 10)), buf, sizeof(buf));
	return 0;
}
