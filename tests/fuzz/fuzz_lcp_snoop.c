/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target: any frame, either direction, any snoop state.  The
 * first byte picks the direction and whether to finish LCP afterwards; the
 * rest is the frame, in a buffer of exactly its size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lcp_snoop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct lcp_snoop s;
	unsigned char *frame;
	uint32_t send, recv;
	int both, reported;

	if (size == 0)
		return 0;
	frame = malloc(size - 1 ? size - 1 : 1);
	memcpy(frame, data + 1, size - 1);
	both = s.have_send && s.have_recv;
	send = s.send_accm;
	recv = s.recv_accm;
	reported = lcp_snoop_frame(&s, frame, size - 1, data[0] & 1);
	/* A report means both maps are known and something changed. */
	if (reported && !(s.have_send && s.have_recv))
		abort();
	if (reported && both && send == s.send_accm && recv == s.recv_accm)
		abort();
	if (data[0] & 2) {
		lcp_snoop_finish(&s);
		if (!s.have_send || !s.have_recv)
			abort();
	}
	if (data[0] & 4)
		lcp_snoop_reset(&s);
	free(frame);
	return 0;
}
