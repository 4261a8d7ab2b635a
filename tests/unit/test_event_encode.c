/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Event messages against bytes written out by hand from the layout in
 * l2tp_event.h (little-endian host).
 */
#include <string.h>

#include "unit.h"
#include "../../event_encode.h"

static int
same(const unsigned char *got, size_t got_len, const unsigned char *want,
    size_t want_len)
{
	size_t i;

	if (got_len != want_len) {
		printf("  length %zu, wanted %zu\n", got_len, want_len);
		return 0;
	}
	for (i = 0; i < want_len; i++) {
		if (got[i] != want[i]) {
			printf("  byte %zu is 0x%02x, wanted 0x%02x\n", i,
			    got[i], want[i]);
			return 0;
		}
	}
	return 1;
}

static void
accm_indication(void)
{
	static const unsigned char want[] = {
		0x31, 0x78, 0x6c, 0x6b,	/* signature 0x6b6c7831 */
		0x02, 0x00,		/* PPP_ACCM_IND */
		0x1c, 0x00,		/* 28 bytes of TLVs */
		0x00, 0x00, 0x02, 0x00, 0x0a, 0x00, 0x00, 0x00,	/* tunnel 10 */
		0x01, 0x00, 0x02, 0x00, 0x0b, 0x00, 0x00, 0x00,	/* session 11 */
		0x02, 0x00, 0x08, 0x00,				/* accm */
		0x00, 0x00, 0x00, 0x00,				/* send 0 */
		0x00, 0x00, 0x0a, 0x00,				/* recv 0xa0000 */
	};
	unsigned char buf[512];
	size_t n = event_encode_accm(buf, sizeof(buf), 10, 11, 0, 0x000a0000);

	EXPECT(same(buf, n, want, sizeof(want)));
}

static void
updown_without_user(void)
{
	static const unsigned char want[] = {
		0x31, 0x78, 0x6c, 0x6b,
		0x01, 0x00,		/* PPP_UPDOWN_IND */
		0x2c, 0x00,		/* 44 bytes of TLVs */
		0x00, 0x00, 0x02, 0x00, 0x0a, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x02, 0x00, 0x0b, 0x00, 0x00, 0x00,
		0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00,	/* state up */
		0x03, 0x00, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00,	/* unit 2 */
		0x04, 0x00, 0x05, 0x00, 'p', 'p', 'p', '2',	/* ifname */
		0x00, 0x00, 0x00, 0x00,
	};
	unsigned char buf[512];
	size_t n;

	n = event_encode_updown(buf, sizeof(buf), 10, 11, 1, 2, "ppp2", NULL);
	EXPECT(same(buf, n, want, sizeof(want)));
	n = event_encode_updown(buf, sizeof(buf), 10, 11, 1, 2, "ppp2", "");
	EXPECT(same(buf, n, want, sizeof(want)));
}

static void
updown_down_with_user(void)
{
	static const unsigned char want[] = {
		0x31, 0x78, 0x6c, 0x6b,
		0x01, 0x00,
		0x38, 0x00,		/* 56 bytes of TLVs */
		0x00, 0x00, 0x02, 0x00, 0x0a, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x02, 0x00, 0x0b, 0x00, 0x00, 0x00,
		0x06, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,	/* state down */
		0x03, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,	/* unit 0 */
		0x04, 0x00, 0x05, 0x00, 'p', 'p', 'p', '0',
		0x00, 0x00, 0x00, 0x00,
		0x05, 0x00, 0x06, 0x00, 'a', 'l', 'i', 'c',	/* user */
		'e', 0x00, 0x00, 0x00,
	};
	unsigned char buf[512];
	size_t n;

	n = event_encode_updown(buf, sizeof(buf), 10, 11, 0, 0, "ppp0",
	    "alice");
	EXPECT(same(buf, n, want, sizeof(want)));
}

static void
long_user_name_is_cut_to_fit(void)
{
	unsigned char buf[600];
	char user[1000];
	size_t n;

	memset(user, 'u', sizeof(user) - 1);
	user[sizeof(user) - 1] = '\0';
	n = event_encode_updown(buf, sizeof(buf), 1, 2, 1, 0, "ppp0", user);
	EXPECT(n > 0 && n <= 512 && n % 4 == 0);
	EXPECT(buf[n - 1] == 0);	/* the cut name still ends in NUL */
	EXPECT(buf[n - 2] == 'u');
}

static void
buffer_too_small(void)
{
	unsigned char buf[64];
	size_t k;

	for (k = 0; k < 36; k++)
		EXPECT(event_encode_accm(buf, k, 1, 2, 3, 4) == 0);
	EXPECT(event_encode_accm(buf, 36, 1, 2, 3, 4) == 36);
	/* An interface name that cannot fit gives no message at all. */
	EXPECT(event_encode_updown(buf, 48, 1, 2, 1, 0, "ppp0", NULL) == 0);
}

int
main(void)
{
	RUN(accm_indication);
	RUN(updown_without_user);
	RUN(updown_down_with_user);
	RUN(long_user_name_is_cut_to_fit);
	RUN(buffer_too_small);
	UNIT_EXIT();
}
