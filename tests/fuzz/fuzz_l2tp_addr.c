/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target: any bytes as a socket address of any length.  A
 * decoded address must be one of the four forms, with a sane version and
 * family.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../l2tp_addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2tp_sockinfo info;
	unsigned char *addr = malloc(size ? size : 1);

	memcpy(addr, data, size);
	if (l2tp_addr_decode(addr, size, &info) == L2TP_ADDR_OK) {
		if (size != 38 && size != 46 && size != 50 && size != 58)
			abort();
		if (info.version != 2 && info.version != 3)
			abort();
		if (info.ip_family != AF_INET && info.ip_family != AF_INET6)
			abort();
		if (info.version == 2 && (info.tunnel_id > 0xffff ||
		    info.session_id > 0xffff))
			abort();
	}
	(void)l2tp_addr_family(addr, size);
	(void)l2tp_addr_protocol(addr, size);
	free(addr);
	return 0;
}
