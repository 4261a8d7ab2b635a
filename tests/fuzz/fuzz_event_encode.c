/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target: the event encoder with any user and interface names
 * (the user name comes from the peer's authentication) and any buffer
 * size.  A message must fit the buffer and 512 bytes, say its own length
 * and end on a 4-byte boundary.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../event_encode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf;
	char *text;
	size_t bufsize, split, n;
	uint16_t len;

	if (size < 3)
		return 0;
	bufsize = (size_t)data[0] << 2 | (data[1] & 3);
	split = data[2];
	data += 3;
	size -= 3;
	if (split > size)
		split = size;
	text = malloc(size + 2);
	memcpy(text, data, split);
	text[split] = '\0';
	memcpy(text + split + 1, data + split, size - split);
	text[size + 1] = '\0';

	buf = malloc(bufsize ? bufsize : 1);
	n = event_encode_updown(buf, bufsize, 1, 2, 1, 3, text,
	    text + split + 1);
	if (n > bufsize || n > 512 || n % 4 != 0)
		abort();
	if (n) {
		memcpy(&len, buf + 6, sizeof(len));
		if ((size_t)len + 8 != n)
			abort();
	}
	n = event_encode_accm(buf, bufsize, 1, 2, 3, 4);
	if (n != 0 && n != 36)
		abort();
	free(buf);
	free(text);
	return 0;
}
