/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The watch's requests and its reading of the kernel's answers: answers
 * built here after what a 6.1 kernel sent, every truncation of one, and
 * the real answers captured in the guests (tests/fuzz/corpus/l2tp_watch,
 * make corpus), which the test reads from the top of the tree.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/l2tp.h>
#include <linux/netlink.h>

#include "unit.h"
#include "../../l2tp_watch.h"

/* A message under construction: headers, then attributes. */
struct msg {
	unsigned char	b[512];
	size_t		len;
};

static void
msg_start(struct msg *m, uint16_t type, uint32_t seq)
{
	struct nlmsghdr h = { .nlmsg_type = type, .nlmsg_seq = seq };

	memset(m, 0, sizeof(*m));
	memcpy(m->b, &h, sizeof(h));
	m->len = NLMSG_HDRLEN;
}

static void
msg_put(struct msg *m, const void *data, size_t len)
{
	memcpy(m->b + m->len, data, len);
	m->len += len;
}

static void
msg_attr(struct msg *m, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len),
	    .nla_type = type };

	msg_put(m, &a, sizeof(a));
	msg_put(m, data, len);
	m->len = NLA_ALIGN(m->len);
}

static void
msg_end(struct msg *m)
{
	uint32_t l = (uint32_t)m->len;

	memcpy(m->b, &l, sizeof(l));
}

static void
genl(struct msg *m, uint16_t type, uint32_t seq, uint8_t cmd)
{
	struct genlmsghdr g = { .cmd = cmd, .version = 1 };

	msg_start(m, type, seq);
	msg_put(m, &g, sizeof(g));
}

/* The controller's answer naming family id 30 for "l2tp". */
static void
family_answer(struct msg *m, uint32_t seq)
{
	uint16_t id = 30;
	uint32_t version = 1;

	genl(m, GENL_ID_CTRL, seq, CTRL_CMD_NEWFAMILY);
	msg_attr(m, CTRL_ATTR_FAMILY_NAME, "l2tp", 5);
	msg_attr(m, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	msg_attr(m, CTRL_ATTR_VERSION, &version, sizeof(version));
	msg_end(m);
}

static void
error_answer(struct msg *m, uint32_t seq, int32_t error)
{
	msg_start(m, NLMSG_ERROR, seq);
	msg_put(m, &error, sizeof(error));
	msg_put(m, (unsigned char [16]){ 0 }, 16);	/* the request echoed */
	msg_end(m);
}

static void
requests_are_well_formed(void)
{
	unsigned char b[L2TP_WATCH_REQ_MAX];
	struct nlmsghdr h;
	struct genlmsghdr g;
	struct nlattr a;
	uint32_t v;
	size_t len;

	len = l2tp_watch_build_lookup(b, 7);
	memcpy(&h, b, sizeof(h));
	memcpy(&g, b + NLMSG_HDRLEN, sizeof(g));
	EXPECT(h.nlmsg_len == len && h.nlmsg_type == GENL_ID_CTRL);
	EXPECT(h.nlmsg_seq == 7 && h.nlmsg_flags == NLM_F_REQUEST);
	EXPECT(g.cmd == CTRL_CMD_GETFAMILY);
	memcpy(&a, b + NLMSG_HDRLEN + GENL_HDRLEN, sizeof(a));
	EXPECT(a.nla_type == CTRL_ATTR_FAMILY_NAME && a.nla_len == NLA_HDRLEN + 5);
	EXPECT(memcmp(b + NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN, "l2tp", 5) == 0);

	/* v3 ids use all 32 bits. */
	len = l2tp_watch_build_session(b, 8, 30, 4000000000u, 70011);
	memcpy(&h, b, sizeof(h));
	memcpy(&g, b + NLMSG_HDRLEN, sizeof(g));
	EXPECT(h.nlmsg_len == len && len <= L2TP_WATCH_REQ_MAX);
	EXPECT(h.nlmsg_type == 30 && h.nlmsg_seq == 8);
	EXPECT(g.cmd == L2TP_CMD_SESSION_GET && g.version == L2TP_GENL_VERSION);
	memcpy(&a, b + NLMSG_HDRLEN + GENL_HDRLEN, sizeof(a));
	memcpy(&v, b + NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN, sizeof(v));
	EXPECT(a.nla_type == L2TP_ATTR_CONN_ID && v == 4000000000u);
	memcpy(&a, b + NLMSG_HDRLEN + GENL_HDRLEN + 8, sizeof(a));
	memcpy(&v, b + NLMSG_HDRLEN + GENL_HDRLEN + 8 + NLA_HDRLEN, sizeof(v));
	EXPECT(a.nla_type == L2TP_ATTR_SESSION_ID && v == 70011);
}

static void
family_id_is_read(void)
{
	struct msg m;
	const unsigned char *p = NULL;
	size_t plen = 0;
	uint16_t id = 0;
	int err = 0;

	family_answer(&m, 5);
	EXPECT(l2tp_watch_reply(m.b, m.len, 5, &p, &plen, &err) ==
	    L2TP_REPLY_DATA);
	EXPECT(p == m.b + NLMSG_HDRLEN && plen == m.len - NLMSG_HDRLEN);
	EXPECT(l2tp_watch_family_id(p, plen, &id) == 0 && id == 30);
}

static void
family_id_missing_or_short(void)
{
	struct msg m;
	uint16_t id, zero = 0;
	unsigned char one = 1;

	genl(&m, GENL_ID_CTRL, 1, CTRL_CMD_NEWFAMILY);
	msg_attr(&m, CTRL_ATTR_FAMILY_NAME, "l2tp", 5);
	msg_end(&m);
	EXPECT(l2tp_watch_family_id(m.b + NLMSG_HDRLEN, m.len - NLMSG_HDRLEN,
	    &id) == -1);

	genl(&m, GENL_ID_CTRL, 1, CTRL_CMD_NEWFAMILY);
	msg_attr(&m, CTRL_ATTR_FAMILY_ID, &one, 1);
	msg_end(&m);
	EXPECT(l2tp_watch_family_id(m.b + NLMSG_HDRLEN, m.len - NLMSG_HDRLEN,
	    &id) == -1);

	/* An id that is one of netlink's own message types. */
	genl(&m, GENL_ID_CTRL, 1, CTRL_CMD_NEWFAMILY);
	msg_attr(&m, CTRL_ATTR_FAMILY_ID, &zero, sizeof(zero));
	msg_end(&m);
	EXPECT(l2tp_watch_family_id(m.b + NLMSG_HDRLEN, m.len - NLMSG_HDRLEN,
	    &id) == -1);
}

static void
kernel_errors(void)
{
	struct msg m;
	const unsigned char *p;
	size_t plen;
	int err = 0;

	error_answer(&m, 9, -ENODEV);	/* session or tunnel gone */
	EXPECT(l2tp_watch_reply(m.b, m.len, 9, &p, &plen, &err) ==
	    L2TP_REPLY_ERROR && err == ENODEV);
	error_answer(&m, 9, -ENOENT);	/* no such family */
	EXPECT(l2tp_watch_reply(m.b, m.len, 9, &p, &plen, &err) ==
	    L2TP_REPLY_ERROR && err == ENOENT);
	error_answer(&m, 9, 0);
	EXPECT(l2tp_watch_reply(m.b, m.len, 9, &p, &plen, &err) ==
	    L2TP_REPLY_ACK);
	error_answer(&m, 9, 5);
	EXPECT(l2tp_watch_reply(m.b, m.len, 9, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	error_answer(&m, 9, -100000);
	EXPECT(l2tp_watch_reply(m.b, m.len, 9, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	error_answer(&m, 9, (int32_t)0x80000000);
	EXPECT(l2tp_watch_reply(m.b, m.len, 9, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
}

/* An answer to an earlier question is passed over, in any position. */
static void
stale_answers_are_skipped(void)
{
	struct msg a, b;
	unsigned char two[1024];
	const unsigned char *p;
	size_t plen;
	int err = 0;

	error_answer(&a, 3, -ENODEV);
	EXPECT(l2tp_watch_reply(a.b, a.len, 4, &p, &plen, &err) ==
	    L2TP_REPLY_NONE);
	family_answer(&b, 4);
	memcpy(two, a.b, a.len);
	memcpy(two + a.len, b.b, b.len);
	EXPECT(l2tp_watch_reply(two, a.len + b.len, 4, &p, &plen, &err) ==
	    L2TP_REPLY_DATA && p == two + a.len + NLMSG_HDRLEN);
	EXPECT(l2tp_watch_reply(two, a.len + b.len, 3, &p, &plen, &err) ==
	    L2TP_REPLY_ERROR && err == ENODEV);
	EXPECT(l2tp_watch_reply(two, a.len + b.len, 5, &p, &plen, &err) ==
	    L2TP_REPLY_NONE);
}

static void
malformed_lengths(void)
{
	struct msg m;
	const unsigned char *p;
	size_t plen;
	int err;
	uint32_t l;
	uint16_t id;

	family_answer(&m, 1);
	l = (uint32_t)m.len + 1;	/* longer than what was read */
	memcpy(m.b, &l, sizeof(l));
	EXPECT(l2tp_watch_reply(m.b, m.len, 1, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	l = 4;				/* shorter than its own header */
	memcpy(m.b, &l, sizeof(l));
	EXPECT(l2tp_watch_reply(m.b, m.len, 1, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	/* A data message without room for the genl header. */
	msg_start(&m, 30, 1);
	msg_end(&m);
	EXPECT(l2tp_watch_reply(m.b, m.len, 1, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	/* NLMSG_DONE and friends are no answer to a single request. */
	msg_start(&m, NLMSG_DONE, 1);
	msg_put(&m, &l, sizeof(l));
	msg_end(&m);
	EXPECT(l2tp_watch_reply(m.b, m.len, 1, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	/* An error message cut before its error field. */
	msg_start(&m, NLMSG_ERROR, 1);
	msg_put(&m, &l, 2);
	msg_end(&m);
	EXPECT(l2tp_watch_reply(m.b, m.len, 1, &p, &plen, &err) ==
	    L2TP_REPLY_BAD);
	/* An attribute running past the payload. */
	family_answer(&m, 1);
	m.b[NLMSG_HDRLEN + GENL_HDRLEN] = 200;
	EXPECT(l2tp_watch_family_id(m.b + NLMSG_HDRLEN, m.len - NLMSG_HDRLEN,
	    &id) == -1);
}

/*
 * Every prefix of a good answer is read without going past it: a prefix
 * is never taken as the answer unless it is the whole message.
 */
static void
every_truncation(void)
{
	struct msg m;
	size_t n;

	/* Where the family name (5 bytes) and id (2) attributes end. */
	const size_t id_whole = NLMSG_HDRLEN + GENL_HDRLEN +
	    NLA_ALIGN(NLA_HDRLEN + 5) + NLA_HDRLEN + 2;

	family_answer(&m, 2);
	for (n = 0; n < m.len; n++) {
		unsigned char *copy = malloc(n ? n : 1);
		const unsigned char *p;
		size_t plen;
		uint16_t id;
		int err;
		enum l2tp_watch_reply r;

		memcpy(copy, m.b, n);
		r = l2tp_watch_reply(copy, n, 2, &p, &plen, &err);
		EXPECT(r == L2TP_REPLY_NONE || r == L2TP_REPLY_BAD);
		/*
		 * The payload cut short: no id before the id attribute is
		 * whole, and never one other than the answer's after.
		 */
		if (n >= NLMSG_HDRLEN) {
			id = 0;
			err = l2tp_watch_family_id(copy + NLMSG_HDRLEN,
			    n - NLMSG_HDRLEN, &id);
			if (n < id_whole)
				EXPECT(err == -1);
			else
				EXPECT(err == -1 || (err == 0 && id == 30));
		}
		free(copy);
	}
}

#define CORPUS	"tests/fuzz/corpus/l2tp_watch"

/* What each captured answer must say, by the end of its name. */
static void
check_real_answer(const char *name, const unsigned char *b, size_t len)
{
	const unsigned char *p;
	size_t plen;
	uint16_t id = 0;
	int err = 0;
	enum l2tp_watch_reply r;
	const char *kind = strrchr(name, '-');

	kind = kind != NULL ? kind + 1 : name;
	/* nlcap asks the lookup with seq 1 and the session with seq 2. */
	r = l2tp_watch_reply(b, len, strcmp(kind, "lookup") ? 2 : 1, &p,
	    &plen, &err);
	if (strcmp(kind, "lookup") == 0) {
		EXPECT(r == L2TP_REPLY_DATA);
		EXPECT(r == L2TP_REPLY_DATA &&
		    l2tp_watch_family_id(p, plen, &id) == 0 && id >= GENL_MIN_ID);
	} else if (strcmp(kind, "alive") == 0) {
		EXPECT(r == L2TP_REPLY_DATA);
	} else {
		EXPECT(r == L2TP_REPLY_ERROR && err == ENODEV);
	}
	/* A stale answer is never taken for the open question. */
	EXPECT(l2tp_watch_reply(b, len, 3, &p, &plen, &err) == L2TP_REPLY_NONE);
	if (unit_case_failed)
		printf("  in %s\n", name);
}

static void
real_kernel_answers(void)
{
	DIR *d = opendir(CORPUS);
	struct dirent *e;
	int seen = 0;

	EXPECT(d != NULL);
	while (d != NULL && (e = readdir(d)) != NULL) {
		char path[512];
		unsigned char b[8192];
		size_t len;
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", CORPUS, e->d_name);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		len = fread(b, 1, sizeof(b), f);
		fclose(f);
		check_real_answer(e->d_name, b, len);
		seen++;
	}
	if (d != NULL)
		closedir(d);
	printf("  %d captured answers\n", seen);
	EXPECT(seen >= 4);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Against this machine's own kernel: no step may wait.  A kernel without
 * the l2tp family (the build host, usually) answers the lookup ENOENT, so
 * the watch gives up after L2TP_WATCH_LOOKUPS lookups; one with it
 * answers that tunnel 4294967295 has no session 1.  An open question
 * with no answer queued (a seq never sent) must come back at once too:
 * the old watch waited a second in poll() there.  alarm() turns a step
 * that blocks into a failure instead of a hang.
 */
static void
steps_never_wait(void)
{
	struct l2tp_watch w;
	enum l2tp_watch_state st;
	double t, worst = 0;
	int steps = 0;

	alarm(10);
	EXPECT(l2tp_watch_open(&w) == 0);
	EXPECT(fcntl(w.fd, F_GETFL) & O_NONBLOCK);
	do {
		t = now();
		st = l2tp_watch_step(&w, 4294967295u, 1);
		t = now() - t;
		worst = t > worst ? t : worst;
		steps++;
	} while ((st == L2TP_WATCH_ASKED || st == L2TP_WATCH_LOOKING) &&
	    steps < 20);
	printf("  %d steps, last %d (errno %d), slowest %.6f s\n", steps,
	    (int)st, errno, worst);
	EXPECT(st == L2TP_WATCH_UNAVAILABLE || st == L2TP_WATCH_GONE);
	if (st == L2TP_WATCH_UNAVAILABLE)
		EXPECT(w.lookups == L2TP_WATCH_LOOKUPS && steps ==
		    2 * L2TP_WATCH_LOOKUPS);

	/*
	 * A session question open, but never sent: nothing will come.  The
	 * family is made known (a host without l2tp has none), or the step
	 * would report the lookup's state whatever it read.
	 */
	if (w.family == 0)
		w.family = 0x7fff;
	w.asked = 12345;
	errno = 0;
	t = now();
	st = l2tp_watch_step(&w, 1, 1);
	t = now() - t;
	printf("  unanswered question: %d (errno %d) after %.6f s\n", (int)st,
	    errno, t);
	EXPECT(st == L2TP_WATCH_FAILED && errno == ETIMEDOUT);
	/*
	 * The old watch waited 1 s here.  A step is a few syscalls; half a
	 * second leaves room for a step descheduled on a loaded machine or
	 * slowed by valgrind, and still tells a wait from none.
	 */
	EXPECT(worst < 0.5 && t < 0.5);
	l2tp_watch_close(&w);
	alarm(0);
}

int
main(void)
{
	RUN(requests_are_well_formed);
	RUN(family_id_is_read);
	RUN(family_id_missing_or_short);
	RUN(kernel_errors);
	RUN(stale_answers_are_skipped);
	RUN(malformed_lengths);
	RUN(every_truncation);
	RUN(real_kernel_answers);
	RUN(steps_never_wait);
	UNIT_EXIT();
}
