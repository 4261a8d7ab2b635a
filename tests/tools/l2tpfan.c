/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpfan: many sessions at once through one tunnel, for the benchmark.
 * Makes the tunnel (UDP and PPPoL2TP tunnel sockets) and COUNT session
 * sockets (ids SID..SID+COUNT-1, peer PEER_SID..), starts the command once
 * per session with its socket as fd 3, and holds the tunnel until every
 * command has exited.  In the command's arguments @HI@ and @LO@ become
 * i / 250 and i % 250 + 1 for the session's index i (from 0), so each pppd
 * can be given addresses of its own.
 *
 * It writes to FILE, for each command it starts and each that ends,
 *   start SESSION PID SECONDS
 *   exit SESSION PID STATUS SECONDS USER_MS SYSTEM_MS
 * with SECONDS on the CLOCK_BOOTTIME clock that /proc/uptime shows, so
 * scripts run by pppd can time themselves against it, and STATUS the exit
 * code, or 128 + the signal that ended it, so that a pppd that gave up is
 * told apart from one still negotiating.  USER_MS and SYSTEM_MS are the CPU
 * the command used over its whole life, with the children it waited for
 * (wait4's rusage): a pppd killed at the teardown has no other account of
 * it, and the system time holds the kernel's work for it, netlink included.
 * The records have a file of their own: on the stdout the commands share,
 * a thousand pppds logging split them.
 *
 * With -L DIR each command's stdout and stderr go to DIR/SESSION.log
 * instead, so that each pppd's own log (nodetach logs there) says why that
 * one ended.
 *
 * With -r RATE the commands start RATE a second, as sessions reach an LNS,
 * instead of all at once: thousands started together under TCG came up
 * ever more slowly, and pppd gives up after 30 s of unanswered LCP
 * Configure-Requests.
 *
 *   l2tpfan -l ADDR:PORT -p ADDR:PORT -t TID -T PEER_TID -s SID -S PEER_SID
 *           -n COUNT -o FILE [-r RATE] [-L DIR] -- COMMAND [ARG...]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
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
	    "-T PEER_TID -s SID -S PEER_SID -n COUNT -o FILE [-r RATE] "
	    "[-L DIR] -- CMD\n");
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
ms(const struct timeval *tv)
{
	return (double)tv->tv_sec * 1e3 + (double)tv->tv_usec / 1e3;
}

static double
boottime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Records the exit of each command that has ended; with "block", waits
 * for one.  Returns 0 once no command is left.
 */
static int
reap(FILE *rec, const pid_t *pids, int count, unsigned first_sid, int block)
{
	struct rusage ru;
	int status, i, code;
	pid_t pid;

	while ((pid = wait4(-1, &status, block ? 0 : WNOHANG, &ru)) != 0) {
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
		    WEXITSTATUS(status);
		for (i = 0; i < count && pids[i] != pid; i++)
			;
		if (i < count)
			fprintf(rec, "exit %u %d %d %.3f %.1f %.1f\n",
			    first_sid + (unsigned)i, (int)pid, code, boottime(),
			    ms(&ru.ru_utime), ms(&ru.ru_stime));
		if (block)
			return 1;
	}
	return 1;
}

/* Sleeps until START + SECS on the monotonic clock. */
static void
sleep_until(const struct timespec *start, double secs)
{
	struct timespec t = *start;
	long ns = (long)((secs - (double)(long)secs) * 1e9);

	t.tv_sec += (time_t)secs;
	t.tv_nsec += ns;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
}

/* In the child: stdout and stderr to DIR/SESSION.log. */
static void
session_log(const char *dir, unsigned sid)
{
	char path[4096];
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%u.log", dir, sid) >=
	    sizeof(path)) {
		fprintf(stderr, "l2tpfan: -L %s: directory name too long\n",
		    dir);
		exit(126);
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		tool_die(path);
	if (dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		tool_die("dup2");
	close(fd);
}

const char *tool_name = "l2tpfan";

int
main(int argc, char **argv)
{
	struct tool_ends e = { 0 };
	struct rlimit rl = { 65536, 65536 };
	struct timespec t0;
	int c, udp, count = 0, i;
	double rate = 0;
	char *end;
	const char *records = NULL, *logdir = NULL;
	pid_t *pids;
	FILE *rec;

	while ((c = getopt(argc, argv, TOOL_ENDS_OPTS "n:o:r:L:")) != -1) {
		switch (tool_ends_option(&e, c, optarg)) {
		case 1:
			continue;
		case -1:
			usage();
		}
		switch (c) {
		case 'n': count = atoi(optarg); break;
		case 'o': records = optarg; break;
		case 'L': logdir = optarg; break;
		case 'r':
			rate = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || !(rate >= 0))
				usage();
			break;
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
	/* Read while the commands run: a line is whole once written. */
	setvbuf(rec, NULL, _IOLBF, 0);
	if ((pids = calloc((size_t)count, sizeof(*pids))) == NULL)
		tool_die("calloc");
	/* One session socket each is held only until its pppd has it. */
	setrlimit(RLIMIT_NOFILE, &rl);

	udp = tool_udp_connect(&e, SOCK_CLOEXEC);
	tool_pppol2tp_connect(udp, &e.peer, 0, e.tid, e.ptid, 0, 0);	/* the tunnel */

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < count; i++) {
		int fd;
		double t;
		pid_t pid;

		if (rate > 0) {
			sleep_until(&t0, i / rate);
			reap(rec, pids, count, e.sid, 0);
		}
		fd = tool_pppol2tp_connect(udp, &e.peer, 0, e.tid, e.ptid,
		    e.sid + (unsigned)i, e.psid + (unsigned)i);
		t = boottime();
		pid = fork();

		if (pid < 0)
			tool_die("fork");
		if (pid == 0) {
			/* dup2 clears FD_CLOEXEC on fd 3 only. */
			if (dup2(fd, 3) < 0)
				tool_die("dup2");
			if (logdir != NULL)
				session_log(logdir, e.sid + (unsigned)i);
			execvp(argv[0], session_argv(argv, i));
			tool_die(argv[0]);
		}
		close(fd);
		pids[i] = pid;
		fprintf(rec, "start %u %d %.3f\n", e.sid + (unsigned)i, (int)pid,
		    t);
	}
	while (reap(rec, pids, count, e.sid, 1))
		;
	if (fclose(rec) != 0)
		tool_die(records);
	return 0;
}
