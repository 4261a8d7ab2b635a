/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef EVENT_QUEUE_H
#define EVENT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "l2tp_event.h"

/*
 * The events a helper could not hand to the daemon yet, oldest first.  A
 * unix datagram receiver queues only net.unix.max_dgram_qlen messages,
 * so a daemon busy for a moment refuses some: they wait here, in order,
 * rather than being lost.  One session makes a handful of events; the
 * slots only run out when the daemon reads nothing for a long time, and
 * then the oldest gives way (a newer state matters more).
 */
#define EVENT_QUEUE_SLOTS	16

struct event_queue {
	struct event_slot {
		unsigned char msg[L2TP_EVENT_MAX_LEN];
		size_t len;
		const char *what;
	} slot[EVENT_QUEUE_SLOTS];
	unsigned int head;
	unsigned int count;
};

/*
 * Append a message of len bytes (what names it in messages and must
 * outlive the queue).  Returns the name of the event dropped, or NULL
 * when none was: the oldest when the queue is full, this one when it is
 * empty or longer than L2TP_EVENT_MAX_LEN.
 */
const char *event_queue_push(struct event_queue *q, const unsigned char *msg,
    size_t len, const char *what);

/* The oldest message, or NULL when the queue is empty. */
const struct event_slot *event_queue_head(const struct event_queue *q);

void event_queue_pop(struct event_queue *q);

/*
 * Milliseconds to wait before the retry after `tries' refused sends in a
 * row: 10 ms doubling to a ceiling of one second, so a daemon that is
 * back soon gets its events soon and one that stays stuck costs pppd a
 * timer a second.
 */
unsigned int event_retry_delay_ms(unsigned int tries);

#endif
