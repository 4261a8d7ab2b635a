/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "event_queue.h"

const char *
event_queue_push(struct event_queue *q, const unsigned char *msg, size_t len,
    const char *what)
{
	const char *dropped = NULL;
	struct event_slot *s;

	if (len == 0 || len > sizeof(s->msg))
		return what;
	if (q->count == EVENT_QUEUE_SLOTS) {
		dropped = q->slot[q->head].what;
		event_queue_pop(q);
	}
	s = &q->slot[(q->head + q->count) % EVENT_QUEUE_SLOTS];
	memcpy(s->msg, msg, len);
	s->len = len;
	s->what = what;
	q->count++;
	return dropped;
}

const struct event_slot *
event_queue_head(const struct event_queue *q)
{
	return q->count == 0 ? NULL : &q->slot[q->head];
}

void
event_queue_pop(struct event_queue *q)
{
	if (q->count == 0)
		return;
	q->head = (q->head + 1) % EVENT_QUEUE_SLOTS;
	q->count--;
}

unsigned int
event_retry_delay_ms(unsigned int tries)
{
	/* 10 << 7 is past the ceiling already; larger shifts would overflow. */
	if (tries >= 7)
		return 1000;
	return 10u << tries < 1000 ? 10u << tries : 1000;
}
