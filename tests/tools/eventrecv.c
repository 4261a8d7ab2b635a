/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * eventrecv PATH OUT [GATE]: listen where openl2tpd would (a unix datagram
 * socket at PATH) and append each event received to OUT as one decoded
 * line with the raw bytes in hex.  With OUT "-n" it binds and never reads,
 * as a daemon that is stuck: its queue fills.  With GATE it reads nothing
 * until a file GATE exists, as a daemon busy for a while.  Decodes the
 * wire format on its own, without the plugin's encoder, so the two check
 * each other.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

static uint16_t
u16(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t
u32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void
decode(FILE *out, const unsigned char *m, size_t n)
{
	size_t off = 8, i;

	if (n < 8) {
		fprintf(out, "short message of %zu bytes", n);
		return;
	}
	fprintf(out, "sig=0x%08x type=%u len=%u", u32(m), u16(m + 4),
	    u16(m + 6));
	if ((size_t)u16(m + 6) + 8 != n)
		fprintf(out, " BADLEN");
	while (off + 4 <= n) {
		unsigned type = u16(m + off), len = u16(m + off + 2);
		const unsigned char *v = m + off + 4;

		if (off + 4 + len > n) {
			fprintf(out, " BADTLV");
			break;
		}
		switch (type) {
		case 0: fprintf(out, " tunnel=%u", u16(v)); break;
		case 1: fprintf(out, " session=%u", u16(v)); break;
		case 2: fprintf(out, " accm=0x%08x/0x%08x", u32(v), u32(v + 4)); break;
		case 3: fprintf(out, " unit=%u", u32(v)); break;
		case 4: fprintf(out, " ifname=%.*s", (int)len, (const char *)v); break;
		case 5: fprintf(out, " user=%.*s", (int)len, (const char *)v); break;
		case 6: fprintf(out, " state=%u", v[0]); break;
		default: fprintf(out, " tlv%u", type); break;
		}
		off += 4 + ((len + 3u) & ~3u);
	}
	fprintf(out, " hex=");
	for (i = 0; i < n; i++)
		fprintf(out, "%02x", m[i]);
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	unsigned char buf[4096];
	int fd;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: eventrecv PATH OUT [GATE]\n");
		return 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[1]);
	unlink(argv[1]);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		perror("eventrecv");
		return 1;
	}
	if (strcmp(argv[2], "-n") == 0)
		for (;;)
			pause();
	while (argc == 4 && access(argv[3], F_OK) != 0)
		usleep(100000);
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		FILE *out;

		if (n < 0)
			continue;
		if ((out = fopen(argv[2], "a")) == NULL)
			return 1;
		decode(out, buf, (size_t)n);
		fputc('\n', out);
		fclose(out);
	}
}
