/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The helper's queue of undelivered events: order kept across the ring's
 * wrap, the oldest giving way when full, bad lengths refused, and the
 * retry delay's doubling and ceiling.
 */
#include <string.h>

#include "unit.h"
#include "../../event_queue.h"

static struct event_queue q;

static const char *names[] = { "e0", "e1", "e2", "e3", "e4", "e5", "e6",
	"e7", "e8", "e9", "e10", "e11", "e12", "e13", "e14", "e15", "e16",
	"e17", "e18", "e19", "e20", "e21", "e22", "e23", "e24" };

/* Message i is i+1 bytes, each of value i. */
static const char *
push(unsigned int i)
{
	unsigned char msg[L2TP_EVENT_MAX_LEN];

	memset(msg, (int)i, i + 1);
	return event_queue_push(&q, msg, i + 1, names[i]);
}

/* The head is message i, whole. */
static int
head_is(unsigned int i)
{
	const struct event_slot *s = event_queue_head(&q);
	unsigned int b;

	if (s == NULL || s->len != i + 1 || strcmp(s->what, names[i]) != 0)
		return 0;
	for (b = 0; b <= i; b++)
		if (s->msg[b] != i)
			return 0;
	return 1;
}

static void
empty_queue_has_no_head(void)
{
	memset(&q, 0, sizeof(q));
	EXPECT(event_queue_head(&q) == NULL);
	event_queue_pop(&q);
	EXPECT(q.count == 0 && event_queue_head(&q) == NULL);
}

static void
order_kept_across_the_wrap(void)
{
	unsigned int i, next = 0;

	memset(&q, 0, sizeof(q));
	/* Push two, pop one, 24 times: the ring wraps once. */
	for (i = 0; i < 24; i += 2) {
		EXPECT(push(i) == NULL);
		EXPECT(push(i + 1) == NULL);
		EXPECT(head_is(next));
		event_queue_pop(&q);
		next++;
	}
	EXPECT(q.count == 12);
	while (event_queue_head(&q) != NULL) {
		EXPECT(head_is(next));
		event_queue_pop(&q);
		next++;
	}
	EXPECT(next == 24);
}

static void
full_queue_drops_the_oldest(void)
{
	unsigned int i;
	const char *dropped;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < EVENT_QUEUE_SLOTS; i++)
		EXPECT(push(i) == NULL);
	dropped = push(EVENT_QUEUE_SLOTS);
	EXPECT(dropped != NULL && strcmp(dropped, "e0") == 0);
	dropped = push(EVENT_QUEUE_SLOTS + 1);
	EXPECT(dropped != NULL && strcmp(dropped, "e1") == 0);
	EXPECT(q.count == EVENT_QUEUE_SLOTS);
	for (i = 2; i < EVENT_QUEUE_SLOTS + 2; i++) {
		EXPECT(head_is(i));
		event_queue_pop(&q);
	}
	EXPECT(event_queue_head(&q) == NULL);
}

static void
bad_lengths_refused(void)
{
	unsigned char big[L2TP_EVENT_MAX_LEN + 1];
	const char *dropped;

	memset(&q, 0, sizeof(q));
	memset(big, 7, sizeof(big));
	dropped = event_queue_push(&q, big, 0, "empty");
	EXPECT(dropped != NULL && strcmp(dropped, "empty") == 0);
	dropped = event_queue_push(&q, big, sizeof(big), "big");
	EXPECT(dropped != NULL && strcmp(dropped, "big") == 0);
	EXPECT(q.count == 0);
	EXPECT(event_queue_push(&q, big, L2TP_EVENT_MAX_LEN, "max") == NULL);
	EXPECT(q.count == 1 && event_queue_head(&q)->len == L2TP_EVENT_MAX_LEN);
}

static void
retry_delay_doubles_to_a_second(void)
{
	static const unsigned int want[] = { 10, 20, 40, 80, 160, 320, 640,
		1000, 1000 };
	unsigned int i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		EXPECT(event_retry_delay_ms(i) == want[i]);
	EXPECT(event_retry_delay_ms(31) == 1000);
	EXPECT(event_retry_delay_ms(32) == 1000);
	EXPECT(event_retry_delay_ms(~0u) == 1000);
}

int
main(void)
{
	RUN(empty_queue_has_no_head);
	RUN(order_kept_across_the_wrap);
	RUN(full_queue_drops_the_oldest);
	RUN(bad_lengths_refused);
	RUN(retry_delay_doubles_to_a_second);
	UNIT_EXIT();
}
