/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A generic netlink client just large enough for two questions: the l2tp
 * family's id, and whether one session exists.  The socket is
 * non-blocking and a question's answer is read by the next step: the
 * kernel answers a generic netlink request while the request is being
 * sent, so a step taken right after the one that asked finds the answer
 * waiting, and when it does not, it says so instead of waiting.  Replies
 * are read into a bounded buffer and every length is checked before use.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/l2tp.h>
#include <linux/netlink.h>

#include "l2tp_watch.h"

/* Stale answers to drain in one step before giving up on the open one. */
#define READS_PER_STEP	16

/* Largest errno a kernel error reply may carry (MAX_ERRNO). */
#define MAX_ERRNO	4095

static size_t
put_attr(unsigned char *buf, size_t off, uint16_t type, const void *data,
    uint16_t len)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len),
	    .nla_type = type };

	memcpy(buf + off, &a, sizeof(a));
	memcpy(buf + off + NLA_HDRLEN, data, len);
	return off + NLA_ALIGN(a.nla_len);
}

/* The netlink and genl headers; returns where the attributes start. */
static size_t
put_headers(unsigned char *buf, uint16_t type, uint32_t seq, uint8_t cmd,
    uint8_t version)
{
	struct nlmsghdr h = { .nlmsg_type = type, .nlmsg_flags = NLM_F_REQUEST,
	    .nlmsg_seq = seq };
	struct genlmsghdr g = { .cmd = cmd, .version = version };

	memset(buf, 0, L2TP_WATCH_REQ_MAX);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + NLMSG_HDRLEN, &g, sizeof(g));
	return NLMSG_HDRLEN + GENL_HDRLEN;
}

static size_t
set_length(unsigned char *buf, size_t len)
{
	uint32_t l = (uint32_t)len;

	memcpy(buf + offsetof(struct nlmsghdr, nlmsg_len), &l, sizeof(l));
	return len;
}

size_t
l2tp_watch_build_lookup(unsigned char *buf, uint32_t seq)
{
	size_t off = put_headers(buf, GENL_ID_CTRL, seq, CTRL_CMD_GETFAMILY, 1);

	off = put_attr(buf, off, CTRL_ATTR_FAMILY_NAME, L2TP_GENL_NAME,
	    sizeof(L2TP_GENL_NAME));
	return set_length(buf, off);
}

size_t
l2tp_watch_build_session(unsigned char *buf, uint32_t seq, uint16_t family,
    uint32_t tunnel_id, uint32_t session_id)
{
	size_t off = put_headers(buf, family, seq, L2TP_CMD_SESSION_GET,
	    L2TP_GENL_VERSION);

	off = put_attr(buf, off, L2TP_ATTR_CONN_ID, &tunnel_id,
	    sizeof(tunnel_id));
	off = put_attr(buf, off, L2TP_ATTR_SESSION_ID, &session_id,
	    sizeof(session_id));
	return set_length(buf, off);
}

enum l2tp_watch_reply
l2tp_watch_reply(const unsigned char *buf, size_t len, uint32_t seq,
    const unsigned char **payload, size_t *plen, int *err)
{
	size_t off = 0;

	while (len - off >= NLMSG_HDRLEN) {
		struct nlmsghdr h;
		int32_t e;

		memcpy(&h, buf + off, sizeof(h));
		if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > len - off)
			return L2TP_REPLY_BAD;
		if (h.nlmsg_seq != seq || h.nlmsg_type == NLMSG_NOOP) {
			/* An answer to an earlier question, or padding. */
			if (NLMSG_ALIGN(h.nlmsg_len) >= len - off)
				break;
			off += NLMSG_ALIGN(h.nlmsg_len);
			continue;
		}
		if (h.nlmsg_type == NLMSG_ERROR) {
			if (h.nlmsg_len < NLMSG_HDRLEN + sizeof(e))
				return L2TP_REPLY_BAD;
			memcpy(&e, buf + off + NLMSG_HDRLEN, sizeof(e));
			if (e == 0)
				return L2TP_REPLY_ACK;
			if (e > 0 || e < -MAX_ERRNO)
				return L2TP_REPLY_BAD;
			*err = -e;
			return L2TP_REPLY_ERROR;
		}
		if (h.nlmsg_type < NLMSG_MIN_TYPE ||
		    h.nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
			return L2TP_REPLY_BAD;
		*payload = buf + off + NLMSG_HDRLEN;
		*plen = h.nlmsg_len - NLMSG_HDRLEN;
		return L2TP_REPLY_DATA;
	}
	return L2TP_REPLY_NONE;
}

int
l2tp_watch_family_id(const unsigned char *payload, size_t len, uint16_t *id)
{
	size_t off = GENL_HDRLEN;

	while (off < len && len - off >= NLA_HDRLEN) {
		struct nlattr a;

		memcpy(&a, payload + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || a.nla_len > len - off)
			return -1;
		if ((a.nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID) {
			if (a.nla_len < NLA_HDRLEN + sizeof(*id))
				return -1;
			memcpy(id, payload + off + NLA_HDRLEN, sizeof(*id));
			/* Lower ids are netlink's own message types. */
			return *id >= GENL_MIN_ID ? 0 : -1;
		}
		off += NLA_ALIGN(a.nla_len);
	}
	return -1;
}

int
l2tp_watch_open(struct l2tp_watch *w)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int err;

	memset(w, 0, sizeof(*w));
	w->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    NETLINK_GENERIC);
	if (w->fd < 0)
		return -1;
	if (bind(w->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = errno;
		close(w->fd);
		w->fd = -1;
		errno = err;
		return -1;
	}
	return 0;
}

void
l2tp_watch_close(struct l2tp_watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->asked = 0;
}

static enum l2tp_watch_state
ask(struct l2tp_watch *w, uint32_t tunnel_id, uint32_t session_id)
{
	unsigned char req[L2TP_WATCH_REQ_MAX];
	size_t len;

	if (++w->seq == 0)
		w->seq = 1;	/* 0 means no open question */
	if (w->family == 0) {
		w->lookups++;
		len = l2tp_watch_build_lookup(req, w->seq);
	} else
		len = l2tp_watch_build_session(req, w->seq, w->family,
		    tunnel_id, session_id);
	if (send(w->fd, req, len, MSG_DONTWAIT) < 0) {
		if (w->family != 0)
			return L2TP_WATCH_FAILED;
		return w->lookups >= L2TP_WATCH_LOOKUPS ?
		    L2TP_WATCH_UNAVAILABLE : L2TP_WATCH_LOOKING;
	}
	w->asked = w->seq;
	return L2TP_WATCH_ASKED;
}

/*
 * Read what has arrived for the open question, without waiting.  Returns
 * the reply's kind; NONE when nothing answers it (yet), with errno set.
 */
static enum l2tp_watch_reply
collect(struct l2tp_watch *w, unsigned char *buf, size_t size,
    const unsigned char **payload, size_t *plen, int *err)
{
	int i;

	for (i = 0; i < READS_PER_STEP; i++) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		enum l2tp_watch_reply r;
		ssize_t n;

		n = recvfrom(w->fd, buf, size, MSG_DONTWAIT,
		    (struct sockaddr *)&from, &fromlen);
		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;	/* ENOBUFS: lost some, read on */
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				errno = ETIMEDOUT;
			return L2TP_REPLY_NONE;
		}
		/* Only the kernel answers; anything else is not ours. */
		if (fromlen < sizeof(from) || from.nl_pid != 0)
			continue;
		r = l2tp_watch_reply(buf, (size_t)n, w->asked, payload, plen,
		    err);
		if (r != L2TP_REPLY_NONE)
			return r;
	}
	errno = ETIMEDOUT;
	return L2TP_REPLY_NONE;
}

enum l2tp_watch_state
l2tp_watch_step(struct l2tp_watch *w, uint32_t tunnel_id, uint32_t session_id)
{
	unsigned char buf[8192];
	const unsigned char *payload = NULL;
	size_t plen = 0;
	int err = 0;
	enum l2tp_watch_reply r;

	if (w->asked == 0)
		return ask(w, tunnel_id, session_id);

	r = collect(w, buf, sizeof(buf), &payload, &plen, &err);
	w->asked = 0;	/* answered or not, the next step asks afresh */
	if (r == L2TP_REPLY_ERROR)
		errno = err;
	else if (r == L2TP_REPLY_ACK || r == L2TP_REPLY_BAD)
		errno = EPROTO;

	if (w->family == 0) {
		if (r == L2TP_REPLY_DATA &&
		    l2tp_watch_family_id(payload, plen, &w->family) == 0)
			return ask(w, tunnel_id, session_id);
		w->family = 0;
		if (r == L2TP_REPLY_DATA)
			errno = EPROTO;
		return w->lookups >= L2TP_WATCH_LOOKUPS ?
		    L2TP_WATCH_UNAVAILABLE : L2TP_WATCH_LOOKING;
	}
	if (r == L2TP_REPLY_DATA)
		return L2TP_WATCH_ALIVE;
	/* The kernel answers ENODEV when the tunnel or session is gone. */
	if (r == L2TP_REPLY_ERROR && err == ENODEV)
		return L2TP_WATCH_GONE;
	return L2TP_WATCH_FAILED;
}
