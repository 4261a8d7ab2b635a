/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpsock: be a minimal L2TP daemon for tests.  Makes the kernel tunnel
 * (a UDP socket and a PPPoL2TP tunnel socket) and one session socket, or
 * on request some other kind of socket, then runs a command with that
 * socket as fd N, holding the tunnel open until the command exits.
 *
 *   l2tpsock [-3] [-e ip] [-x] -l ADDR:PORT -p ADDR:PORT -t TID -T PEER_TID
 *            -s SID -S PEER_SID [-k KIND] [-f N] [-w] -- COMMAND [ARG...]
 *
 * Addresses are IPv4 (192.0.2.1:1701) or IPv6 ([2001:db8::1]:1701); the
 * session socket takes the matching form.  -3: L2TPv3 ids (32 bits).
 * -e ip: L2TPv3 straight over IP (an L2TP/IP socket, ports unused)
 * instead of UDP.  -x: the kernel tunnel exists already (made with
 * ip l2tp add tunnel): only the session is connected, with no tunnel
 * socket of ours.
 * KIND: session (default), tunnel (the tunnel's session-0 socket), udp,
 * pppoe, unconnected (a PPPoL2TP socket never connected), file (/dev/null).
 * -q turns on send and receive sequencing on the session first, as a
 * daemon that configures the session itself would.
 * -w keeps the tunnel after the command exits, until a signal ends
 * l2tpsock: for a command that detaches (pppd without nodetach).
 * -n COUNT runs COUNT sessions one after another through the one tunnel
 * (session ids SID+i, PEER_SID+i), each with its own run of the command,
 * and prints "l2tpsock: session N: status S, fds open F, rss_kb R" after
 * each: its own open fds and resident memory.
 * Exits with the command's status, or 126 when the setup failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>

#include "l2tptool.h"

#ifndef SOL_PPPOL2TP
#define SOL_PPPOL2TP	273
#endif

static void
usage(void)
{
	fprintf(stderr, "usage: l2tpsock [-3] [-e ip] [-x] -l ADDR:PORT "
	    "-p ADDR:PORT -t TID -T PEER_TID -s SID -S PEER_SID [-k KIND] "
	    "[-f N] [-w] -- CMD\n");
	exit(126);
}

static int
open_fds(void)
{
	int n = 0, fd;

	for (fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	return n;
}

/* Our resident set, from /proc/self/statm (pages). */
static long
rss_kb(void)
{
	long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f != NULL) {
		if (fscanf(f, "%ld %ld", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Run the command with fd as its fd target; returns its exit status. */
static int
run(int fd, int udp, int tunnel, int target, char **argv)
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		tool_die("fork");
	if (pid == 0) {
		/* The command gets the one socket asked for, as from a daemon. */
		if (udp >= 0 && udp != fd)
			close(udp);
		if (tunnel >= 0 && tunnel != fd)
			close(tunnel);
		if (fd != target) {
			if (dup2(fd, target) < 0)
				tool_die("dup2");
			close(fd);
		} else if (fcntl(fd, F_SETFD, 0) < 0)	/* made close-on-exec */
			tool_die("fcntl F_SETFD");
		execvp(argv[0], argv);
		tool_die(argv[0]);
	}
	/* The child holds the session now; our copy would keep it alive. */
	if (fd != udp && fd != tunnel)
		close(fd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			tool_die("waitpid");
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

const char *tool_name = "l2tpsock";

int
main(int argc, char **argv)
{
	struct tool_ends e = { 0 };
	const char *kind = "session";
	int v3 = 0, target = 3, preseq = 0, stay = 0, ipencap = 0, existing = 0;
	int c, udp = -1, tunnel = -1, fd, status, count = 1, i;

	while ((c = getopt(argc, argv, TOOL_ENDS_OPTS "3qwxe:n:k:f:")) != -1) {
		switch (tool_ends_option(&e, c, optarg)) {
		case 1:
			continue;
		case -1:
			usage();
		}
		switch (c) {
		case '3': v3 = 1; break;
		case 'q': preseq = 1; break;
		case 'w': stay = 1; break;
		case 'x': existing = 1; break;
		case 'e':
			if (strcmp(optarg, "ip") == 0)
				ipencap = 1;
			else if (strcmp(optarg, "udp") != 0)
				usage();
			break;
		case 'n': count = atoi(optarg); break;
		case 'k': kind = optarg; break;
		case 'f': target = atoi(optarg); break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	argv += optind;

	if (strcmp(kind, "file") == 0) {
		if ((fd = open("/dev/null", O_RDWR)) < 0)
			tool_die("open /dev/null");
	} else if (strcmp(kind, "pppoe") == 0) {
		if ((fd = socket(AF_PPPOX, SOCK_STREAM, PX_PROTO_OE)) < 0)
			tool_die("socket(AF_PPPOX, PX_PROTO_OE)");
	} else if (strcmp(kind, "unconnected") == 0) {
		if ((fd = socket(AF_PPPOX, SOCK_DGRAM, PX_PROTO_OL2TP)) < 0)
			tool_die("socket(AF_PPPOX, PX_PROTO_OL2TP)");
	} else {
		if (!e.have_local || !e.have_peer || e.tid == 0 || e.ptid == 0)
			usage();
		/* Not close-on-exec: kind "udp" hands this very socket on. */
		if (existing)
			udp = -1;
		else if (ipencap)
			udp = tool_ip_connect(&e, 0);
		else
			udp = tool_udp_connect(&e, 0);
		if (!existing)
			tunnel = tool_pppol2tp_connect(udp, &e.peer, v3, e.tid,
			    e.ptid, 0, 0);
		if (strcmp(kind, "udp") == 0)
			fd = udp;
		else if (strcmp(kind, "tunnel") == 0)
			fd = tunnel;
		else if (strcmp(kind, "session") == 0) {
			if (e.sid == 0 || e.psid == 0)
				usage();
			fd = tool_pppol2tp_connect(udp, &e.peer, v3, e.tid,
			    e.ptid, e.sid, e.psid);
			if (preseq && (setsockopt(fd, SOL_PPPOL2TP,
			    PPPOL2TP_SO_SENDSEQ, &preseq, sizeof(preseq)) < 0 ||
			    setsockopt(fd, SOL_PPPOL2TP, PPPOL2TP_SO_RECVSEQ,
			    &preseq, sizeof(preseq)) < 0))
				tool_die("setsockopt SENDSEQ/RECVSEQ");
		} else
			usage();
	}

	if (count <= 1) {
		status = run(fd, udp, tunnel, target, argv);
		while (stay)
			pause();
		return status;
	}
	for (i = 0; i < count; i++) {
		if (i > 0)
			fd = tool_pppol2tp_connect(udp, &e.peer, v3, e.tid,
			    e.ptid, e.sid + (unsigned)i, e.psid + (unsigned)i);
		status = run(fd, udp, tunnel, target, argv);
		printf("l2tpsock: session %u: status %d, fds open %d, "
		    "rss_kb %ld\n", e.sid + (unsigned)i, status, open_fds(),
		    rss_kb());
		fflush(stdout);
	}
	return 0;
}
