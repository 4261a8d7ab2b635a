/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lcppeer: a scripted LCP peer on the PPPoL2TP session socket fd 3 (from
 * l2tpsock), for what a real pppd never does on its own:
 *   1. acknowledge pppd's Configure-Request, then send a Configure-Ack with
 *      a stale id and ACCM 0x12345678 (pppd must discard it), then request
 *      ACCM 0 for pppd's sending;
 *   2. renegotiate LCP with the same request;
 *   3. renegotiate LCP asking for ACCM 0x000f0000;
 *   4. terminate.
 * Each step waits until LCP is open on both sides; "lcppeer: step N"
 * lines say how far it got.  Other protocols (IPCP) are ignored.  The
 * socket is never attached to a PPP channel, so frames queue on it.
 * Exits 0 when all steps were done, 1 otherwise.
 *
 * lcppeer chap: open LCP asking pppd to authenticate with CHAP, then send
 * no challenge, ever: pppd waits in its authentication phase, where it
 * has no timer of its own.  Runs until killed.
 *
 * lcppeer reneg: open LCP, answer pppd's first LCP Echo-Request, then
 * send a Configure-Request (pppd goes back to negotiating LCP and stops
 * its echoes) and answer nothing more.  Runs until killed.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#define FD		3
#define CONFREQ		1
#define CONFACK		2
#define CONFNAK		3
#define CONFREJ		4
#define TERMREQ		5
#define TERMACK		6
#define ECHOREQ		9
#define ECHOREP		10
#define BOGUS_ACCM	0x12345678U

static int ask_chap;

static int
lcp_send(int code, int id, const unsigned char *opt, size_t optlen)
{
	unsigned char f[1500];
	size_t len = 4 + optlen;

	/* The kernel adds FF 03. */
	f[0] = 0xc0;
	f[1] = 0x21;
	f[2] = (unsigned char)code;
	f[3] = (unsigned char)id;
	f[4] = (unsigned char)(len >> 8);
	f[5] = (unsigned char)len;
	memcpy(f + 6, opt, optlen);
	if (send(FD, f, 2 + len, 0) < 0) {
		perror("lcppeer: send");
		return -1;
	}
	return 0;
}

static size_t
accm_option(unsigned char *opt, uint32_t map)
{
	opt[0] = 2;
	opt[1] = 6;
	opt[2] = (unsigned char)(map >> 24);
	opt[3] = (unsigned char)(map >> 16);
	opt[4] = (unsigned char)(map >> 8);
	opt[5] = (unsigned char)map;
	return 6;
}

/*
 * One LCP packet from pppd within ms milliseconds: returns its code and
 * fills id, opt, optlen; 0 on timeout or a frame of another protocol.
 */
static int
lcp_recv(int ms, int *id, unsigned char *opt, size_t *optlen)
{
	unsigned char f[1500], *p = f;
	struct pollfd pfd = { .fd = FD, .events = POLLIN };
	ssize_t n;
	size_t len;

	if (poll(&pfd, 1, ms) <= 0)
		return 0;
	n = recv(FD, f, sizeof(f), 0);
	if (n < 0)
		return 0;
	if (n >= 2 && f[0] == 0xff && f[1] == 0x03) {
		p += 2;
		n -= 2;
	}
	if (n < 6 || p[0] != 0xc0 || p[1] != 0x21)
		return 0;
	len = (size_t)p[4] << 8 | p[5];
	if (len < 4 || len > (size_t)n - 2)
		return 0;
	*id = p[3];
	*optlen = len - 4;
	memcpy(opt, p + 6, *optlen);
	return p[2];
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Negotiate until both our request (ACCM map, id) and pppd's are
 * acknowledged.  With first, our request goes out only once pppd's has
 * been acknowledged (and the stale Ack sent); otherwise at once, which
 * makes pppd renegotiate.  Returns 0, or -1 after 30 s.
 */
static int
negotiate(int id, uint32_t map, int first)
{
	/* Authentication-Protocol CHAP with MD5 (RFC 1994). */
	static const unsigned char chap_md5[] = { 3, 5, 0xc2, 0x23, 5 };
	unsigned char req[6 + sizeof(chap_md5)], opt[1500];
	size_t reqlen = accm_option(req, map), optlen;
	int code, rid, acked = 0, theirs = 0, sent = 0;
	long start = now_ms(), last = 0;

	if (ask_chap) {
		memcpy(req + reqlen, chap_md5, sizeof(chap_md5));
		reqlen += sizeof(chap_md5);
	}
	while (!(acked && theirs)) {
		if (now_ms() - start > 30000)
			return -1;
		if ((!first || theirs) && !acked && now_ms() - last > 3000) {
			if (lcp_send(CONFREQ, id, req, reqlen) < 0)
				return -1;
			last = now_ms();
			sent = 1;
		}
		code = lcp_recv(200, &rid, opt, &optlen);
		if (code == CONFREQ) {
			if (lcp_send(CONFACK, rid, opt, optlen) < 0)
				return -1;
			if (first && !theirs) {
				unsigned char bogus[6];

				accm_option(bogus, BOGUS_ACCM);
				lcp_send(CONFACK, (rid + 100) & 0xff, bogus, 6);
			}
			theirs = 1;
		} else if (code == CONFACK && sent && rid == id) {
			acked = 1;
		} else if (code == CONFNAK || code == CONFREJ) {
			fprintf(stderr, "lcppeer: pppd refused our ACCM request "
			    "(code %d)\n", code);
			return -1;
		}
	}
	return 0;
}

/* Let pppd settle (phase changes, IPCP starts), dropping what it sends. */
static void
idle(int ms)
{
	unsigned char opt[1500];
	size_t optlen;
	int id;
	long start = now_ms();

	while (now_ms() - start < ms)
		lcp_recv(200, &id, opt, &optlen);
}

int
main(int argc, char **argv)
{
	unsigned char opt[1500];
	size_t optlen;
	int id, code;
	long start;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && strcmp(argv[1], "chap") == 0) {
		ask_chap = 1;
		if (negotiate(1, 0, 1) < 0)
			return 1;
		printf("lcppeer: open, CHAP asked for, no challenge coming\n");
		for (;;)
			idle(60000);
	}
	if (argc == 2 && strcmp(argv[1], "reneg") == 0) {
		static const unsigned char magic0[4];

		if (negotiate(1, 0, 1) < 0)
			return 1;
		printf("lcppeer: open, waiting for an echo\n");
		start = now_ms();
		while ((code = lcp_recv(200, &id, opt, &optlen)) != ECHOREQ)
			if (now_ms() - start > 60000)
				return 1;
		/* Our magic number is 0: we negotiated none. */
		lcp_send(ECHOREP, id, magic0, sizeof(magic0));
		lcp_send(CONFREQ, 2, NULL, 0);
		printf("lcppeer: echo answered, renegotiating\n");
		for (;;)
			idle(60000);
	}
	if (negotiate(1, 0, 1) < 0)
		return 1;
	printf("lcppeer: step 1: open, after a stale Ack with ACCM 0x%08x\n",
	    BOGUS_ACCM);
	idle(2000);
	if (negotiate(2, 0, 0) < 0)
		return 1;
	printf("lcppeer: step 2: renegotiated, same maps\n");
	idle(2000);
	if (negotiate(3, 0x000f0000, 0) < 0)
		return 1;
	printf("lcppeer: step 3: renegotiated, ACCM 0x000f0000\n");
	idle(2000);
	lcp_send(TERMREQ, 4, NULL, 0);
	start = now_ms();
	while (now_ms() - start < 10000) {
		code = lcp_recv(200, &id, opt, &optlen);
		if (code == TERMACK) {
			printf("lcppeer: step 4: terminated\n");
			return 0;
		}
		if (code == TERMREQ)
			lcp_send(TERMACK, id, NULL, 0);
	}
	return 1;
}
