/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "unit.h"
#include "../../lcp_snoop.h"

/*
 * Frames laid out as pppd hands them to its snoop hooks: FF 03, protocol
 * C021, then the LCP packet.  The guest scenarios check the same logic on
 * the frames real pppd exchanges.
 */
static const unsigned char ack_accm_a0000[] = {
	0xff, 0x03, 0xc0, 0x21,
	0x02, 0x01, 0x00, 0x0e,			/* ConfAck id 1 len 14 */
	0x02, 0x06, 0x00, 0x0a, 0x00, 0x00,	/* ACCM 0x000a0000 */
	0x05, 0x06, 0x12, 0x34, 0x56, 0x78,	/* magic */
};
static const unsigned char ack_accm_0[] = {
	0xff, 0x03, 0xc0, 0x21,
	0x02, 0x07, 0x00, 0x14,			/* ConfAck id 7 len 20 */
	0x01, 0x04, 0x05, 0xdc,			/* MRU 1500 */
	0x02, 0x06, 0x00, 0x00, 0x00, 0x00,	/* ACCM 0 */
	0x05, 0x06, 0xde, 0xad, 0xbe, 0xef,
};
static const unsigned char rej_accm[] = {
	0xff, 0x03, 0xc0, 0x21,
	0x04, 0x02, 0x00, 0x0a,			/* ConfRej id 2 len 10 */
	0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
};
static const unsigned char req_accm[] = {
	0xff, 0x03, 0xc0, 0x21,
	0x01, 0x01, 0x00, 0x0a,			/* ConfReq: not a verdict */
	0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
};
static const unsigned char ack_no_accm[] = {
	0xff, 0x03, 0xc0, 0x21,
	0x02, 0x03, 0x00, 0x0a,
	0x05, 0x06, 0x01, 0x02, 0x03, 0x04,
};

static void
both_directions_reported_in_host_order(void)
{
	struct lcp_snoop s;

	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, ack_accm_a0000, sizeof(ack_accm_a0000), 1) == 0);
	EXPECT(s.have_recv && s.recv_accm == 0x000a0000);
	EXPECT(lcp_snoop_frame(&s, ack_accm_0, sizeof(ack_accm_0), 0) == 1);
	EXPECT(s.send_accm == 0 && s.recv_accm == 0x000a0000);
	/* The same Ack again (a retransmission) reports nothing new. */
	EXPECT(lcp_snoop_frame(&s, ack_accm_0, sizeof(ack_accm_0), 0) == 0);
}

static void
without_address_and_control_bytes(void)
{
	struct lcp_snoop s;

	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, ack_accm_a0000 + 2,
	    sizeof(ack_accm_a0000) - 2, 0) == 0);
	EXPECT(s.have_send && s.send_accm == 0x000a0000);
}

static void
reject_means_default_map(void)
{
	struct lcp_snoop s;

	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, rej_accm, sizeof(rej_accm), 1) == 0);
	EXPECT(s.have_recv && s.recv_accm == LCP_SNOOP_DEFAULT_ACCM);
}

static void
requests_and_acks_without_accm_ignored(void)
{
	struct lcp_snoop s;

	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, req_accm, sizeof(req_accm), 1) == 0);
	EXPECT(lcp_snoop_frame(&s, ack_no_accm, sizeof(ack_no_accm), 1) == 0);
	EXPECT(!s.have_recv && !s.have_send);
}

static void
finish_fills_defaults_once(void)
{
	struct lcp_snoop s;

	lcp_snoop_reset(&s);
	lcp_snoop_frame(&s, ack_accm_0, sizeof(ack_accm_0), 1);
	EXPECT(lcp_snoop_finish(&s) == 1);
	EXPECT(s.recv_accm == 0 && s.send_accm == LCP_SNOOP_DEFAULT_ACCM);
	EXPECT(lcp_snoop_finish(&s) == 0);
}

/*
 * Every truncation of a valid frame, copied to a buffer of exactly that
 * size so a sanitizer or valgrind sees any read past it.
 */
static void
every_truncation_is_safe(void)
{
	size_t n;

	for (n = 0; n <= sizeof(ack_accm_0); n++) {
		struct lcp_snoop s;
		unsigned char *buf = malloc(n ? n : 1);

		memcpy(buf, ack_accm_0, n);
		lcp_snoop_reset(&s);
		/* Short of the LCP length, the frame must be ignored. */
		EXPECT(lcp_snoop_frame(&s, buf, n, 1) == 0);
		if (s.have_recv != (n == sizeof(ack_accm_0)))
			printf("  truncated to %zu bytes\n", n);
		EXPECT(s.have_recv == (n == sizeof(ack_accm_0)));
		free(buf);
	}
}

static void
lying_lengths_ignored(void)
{
	unsigned char f[sizeof(ack_accm_0)];
	struct lcp_snoop s;

	/* LCP length larger than the frame. */
	memcpy(f, ack_accm_0, sizeof(f));
	f[7] = 0x40;
	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);

	/* LCP length under its own header. */
	memcpy(f, ack_accm_0, sizeof(f));
	f[7] = 0x03;
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);

	/* An option of length 0 before the ACCM must not loop or skip. */
	memcpy(f, ack_accm_0, sizeof(f));
	f[9] = 0x00;
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);

	/* An option of length 1. */
	f[9] = 0x01;
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);

	/* The ACCM option claims to run past the LCP length. */
	memcpy(f, ack_accm_0, sizeof(f));
	f[7] = 0x0d;			/* LCP ends inside the ACCM option */
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);

	/* An ACCM option of the wrong size is not an ACCM. */
	memcpy(f, ack_accm_0, sizeof(f));
	f[13] = 0x04;
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);
}

static void
one_byte_after_address_and_control(void)
{
	/* The case the upstream fix still over-read. */
	static const unsigned char f[] = { 0xff, 0x03, 0xc0 };
	unsigned char *buf = malloc(sizeof(f));
	struct lcp_snoop s;

	memcpy(buf, f, sizeof(f));
	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, buf, sizeof(f), 1) == 0);
	EXPECT(lcp_snoop_frame(&s, buf, 0, 1) == 0);
	free(buf);
}

static void
other_protocols_ignored(void)
{
	unsigned char f[sizeof(ack_accm_0)];
	struct lcp_snoop s;

	memcpy(f, ack_accm_0, sizeof(f));
	f[2] = 0x80;			/* IPCP 0x8021 */
	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);
}

static void
padding_after_lcp_length_ignored(void)
{
	unsigned char f[sizeof(ack_no_accm) + 6];
	struct lcp_snoop s;

	/* An ACCM in the link padding is not part of the packet. */
	memcpy(f, ack_no_accm, sizeof(ack_no_accm));
	memcpy(f + sizeof(ack_no_accm), "\x02\x06\x00\x00\x00\x00", 6);
	lcp_snoop_reset(&s);
	EXPECT(lcp_snoop_frame(&s, f, sizeof(f), 1) == 0 && !s.have_recv);
}

int
main(void)
{
	RUN(both_directions_reported_in_host_order);
	RUN(without_address_and_control_bytes);
	RUN(reject_means_default_map);
	RUN(requests_and_acks_without_accm_ignored);
	RUN(finish_fills_defaults_once);
	RUN(every_truncation_is_safe);
	RUN(lying_lengths_ignored);
	RUN(one_byte_after_address_and_control);
	RUN(other_protocols_ignored);
	RUN(padding_after_lcp_length_ignored);
	UNIT_EXIT();
}
