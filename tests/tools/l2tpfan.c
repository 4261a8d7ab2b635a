/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpfan: many sessions at once through one tunnel, for the benchmark.
 * Makes the tunnel (UDP and PPPoL2TP tunnel sockets) and COUNT session
 * sockets (ids SID..SID+COUNT-1, peer PEER_SID..), starts the command once
 * per session with its socket as fd 3, and writes to FILE for each
 *   start SESSION PID SECONDS
 * with SECONDS on the CLOCK_BOOTTIME clock that /proc/uptime shows, so
 * scripts run by pppd can time themselves against it.  The records go to a
 * file of their own: on the stdout the commands share, a thousand pppds
 * logging split them.  Holds the tunnel
 * until every command has exited.  In the command's arguments @HI@ and @LO@
 * become i / 250 and i % 250 + 1 for the session's index i (from 0), so
 * each pppd can be given addresses of its own.
 *
 *   l2tpfan -l ADDR:PORT -p ADDR:PORT -t TID -T PEER_TID -s SID -S PEER_SID
 *           -n COUNT -o FILE -- COMMAND [ARG...]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#include "l2tptool.h"

static void
usage(void)
{
	fprintf(stderr, "usage: l2tpfan -l ADDR:PORT -p ADDR:PORT -t TID "
	    "-T PEER_TID -s SID -S PEER_SID -n COUNT -o FILE -- CMD\n");
	exit(126);
}

/* argv with @HI@ and @LO@ replaced for session index i (static storage). */
static char **
session_argv(char **argv, int i)
{
	static char *out[64];
	static char buf[64][128];
	int k;

	for (k = 0; argv[k] != NULL && k < 63; k++) {
		const char *src = argv[k];
		char *dst = buf[k], *end = buf[k] + sizeof(buf[k]) - 4;

		while (*src != '\0' && dst < end) {
			if (strncmp(src, "@HI@", 4) == 0) {
				dst += sprintf(dst, "%d", i / 250);
				src += 4;
			} else if (strncmp(src, "@LO@", 4) == 0) {
				dst += sprintf(dst, "%d", i % 250 + 1);
				src += 4;
			} else
				*dst++ = *src++;
		}
		*dst = '\0';
		out[k] = buf[k];
	}
	out[k] = NULL;
	return out;
}

static double
boottime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *tool_name = "l2tpfan";

int
main(int argc, char **argv)
{
	struct tool_ends e = { 0 };
	struct rlimit rl = { 65536, 65536 };
	int c, udp, count = 0, i;
	const char *records = NULL;
	FILE *rec;

	while ((c = getopt(argc, argv, TOOL_ENDS_OPTS "n:o:")) != -1) {
		switch (tool_ends_option(&e, c, optarg)) {
		case 1:
			continue;
		case -1:
			usage();
		}
		switch (c) {
		case 'n': count = atoi(optarg); break;
		case 'o': records = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || !e.have_local || !e.have_peer || !records ||
	    !e.tid || !e.ptid || !e.sid || !e.psid || count < 1 ||
	    e.sid + (unsigned)count > 65536 || e.psid + (unsigned)count > 65536)
		usage();
	argv += optind;
	/* "e": the commands must not inherit it. */
	if ((rec = fopen(records, "we")) == NULL)
		tool_die(records);
	/* One session socket each is held only until its pppd has it. */
	setrlimit(RLIMIT_NOFILE, &rl);

	udp = tool_udp_connect(&e, SOCK_CLOEXEC);
	tool_pppol2tp_connect(udp, &e.peer, 0, e.tid, e.ptid, 0, 0);	/* the tunnel */

	for (i = 0; i < count; i++) {
		int fd = tool_pppol2tp_connect(udp, &e.peer, 0, e.tid, e.ptid,
		    e.sid + (unsigned)i, e.psid + (unsigned)i);
		double t = boottime();
		pid_t pid = fork();

		if (pid < 0)
			tool_die("fork");
		if (pid == 0) {
			/* dup2 clears FD_CLOEXEC on fd 3 only. */
			if (dup2(fd, 3) < 0)
				tool_die("dup2");
			execvp(argv[0], session_argv(argv, i));
			tool_die(argv[0]);
		}
		close(fd);
		fprintf(rec, "start %u %d %.3f\n", e.sid + (unsigned)i, (int)pid,
		    t);
	}
	if (fclose(rec) != 0)
		tool_die(records);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
