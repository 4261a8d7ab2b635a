/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target: any bytes as one datagram read from the generic
 * netlink socket.  The question's seq is taken from the first message
 * header when there is one, so real answers (the seeds) reach the payload
 * and attribute parsing.  What is returned must lie inside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "../../l2tp_watch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	const unsigned char *p = NULL;
	size_t plen = 0;
	uint32_t seq = 0;
	uint16_t id;
	int err = 0;

	memcpy(buf, data, size);
	if (size >= sizeof(struct nlmsghdr))
		memcpy(&seq, buf + offsetof(struct nlmsghdr, nlmsg_seq),
		    sizeof(seq));
	switch (l2tp_watch_reply(buf, size, seq, &p, &plen, &err)) {
	case L2TP_REPLY_DATA:
		if (p < buf || plen > size || (size_t)(p - buf) > size - plen)
			abort();
		(void)l2tp_watch_family_id(p, plen, &id);
		break;
	case L2TP_REPLY_ERROR:
		if (err <= 0 || err > 4095)
			abort();
		break;
	default:
		break;
	}
	/* The payload parser on its own, on the raw bytes too. */
	(void)l2tp_watch_family_id(buf, size, &id);
	free(buf);
	return 0;
}
