/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * blast: a bounded bulk TCP transfer for the benchmark's data path.
 *   blast recv PORT          accept one connection, read to its end, print
 *                            "received BYTES in SECONDS s"
 *   blast send ADDR PORT MB  send MB megabytes of zeros, then close
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
fail(const char *what)
{
	perror(what);
	return 1;
}

int
main(int argc, char **argv)
{
	static char buf[65536];
	struct sockaddr_in sin;
	int s, c, one = 1;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (argc == 3 && strcmp(argv[1], "recv") == 0) {
		long long total = 0;
		double t0;
		ssize_t n;

		sin.sin_port = htons((unsigned short)atoi(argv[2]));
		s = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
		    listen(s, 1) < 0)
			return fail("blast: listen");
		if ((c = accept(s, NULL, NULL)) < 0)
			return fail("blast: accept");
		t0 = now();
		while ((n = read(c, buf, sizeof(buf))) > 0)
			total += n;
		printf("received %lld in %.3f s\n", total, now() - t0);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "send") == 0) {
		long long left = atoll(argv[4]) * 1000000LL;

		sin.sin_port = htons((unsigned short)atoi(argv[3]));
		if (inet_pton(AF_INET, argv[2], &sin.sin_addr) != 1)
			return fail("blast: address");
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) < 0)
			return fail("blast: connect");
		while (left > 0) {
			ssize_t n = write(s, buf, left < (long long)sizeof(buf) ?
			    (size_t)left : sizeof(buf));

			if (n <= 0)
				return fail("blast: write");
			left -= n;
		}
		close(s);
		return 0;
	}
	fprintf(stderr, "usage: blast recv PORT | blast send ADDR PORT MB\n");
	return 2;
}
