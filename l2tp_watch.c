/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A generic netlink client just large enough for two questions: the l2tp
 * family's id, and whether one session exists.  Replies are read with a
 * bounded buffer and every attribute length is checked before use.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/l2tp.h>
#include <linux/netlink.h>

#include "l2tp_watch.h"

#define REPLY_TIMEOUT_MS	1000

struct request {
	struct nlmsghdr		nlh;
	struct genlmsghdr	genl;
	unsigned char		attrs[64];
};

static void
put_attr(struct request *r, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)((unsigned char *)r +
	    NLMSG_ALIGN(r->nlh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((unsigned char *)a + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void
start(struct l2tp_watch *w, struct request *r, uint16_t type, uint8_t cmd,
    uint8_t version)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = type;
	r->nlh.nlmsg_flags = NLM_F_REQUEST;
	r->nlh.nlmsg_seq = ++w->seq;
	r->genl.cmd = cmd;
	r->genl.version = version;
}

/*
 * Send a request and wait for its answer.  Returns 0 with the reply's
 * payload in buf (*len bytes, from the genl header on), a negative errno
 * from the kernel's error reply, or -EIO/-ETIMEDOUT.
 */
static int
transact(struct l2tp_watch *w, struct request *r, unsigned char *buf,
    size_t *len)
{
	struct pollfd p = { .fd = w->fd, .events = POLLIN };
	unsigned char reply[4096];

	if (send(w->fd, r, r->nlh.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *h = (struct nlmsghdr *)reply;
		ssize_t n;

		if (poll(&p, 1, REPLY_TIMEOUT_MS) <= 0)
			return -ETIMEDOUT;
		n = recv(w->fd, reply, sizeof(reply), 0);
		if (n < 0)
			return -errno;
		if ((size_t)n < sizeof(*h) || h->nlmsg_len > (size_t)n ||
		    h->nlmsg_len < sizeof(*h))
			return -EIO;
		if (h->nlmsg_seq != r->nlh.nlmsg_seq)
			continue;	/* a late answer to an earlier question */
		if (h->nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr e;

			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(e)))
				return -EIO;
			memcpy(&e, NLMSG_DATA(h), sizeof(e));
			return e.error;
		}
		*len = h->nlmsg_len - NLMSG_HDRLEN;
		if (*len > sizeof(reply))
			return -EIO;
		memcpy(buf, NLMSG_DATA(h), *len);
		return 0;
	}
}

/* The l2tp family's id, from the controller's reply attributes. */
static int
family_id(const unsigned char *buf, size_t len, uint16_t *id)
{
	size_t off = GENL_HDRLEN;

	while (off + NLA_HDRLEN <= len) {
		struct nlattr a;

		memcpy(&a, buf + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || off + a.nla_len > len)
			return -1;
		if ((a.nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID &&
		    a.nla_len >= NLA_HDRLEN + sizeof(*id)) {
			memcpy(id, buf + off + NLA_HDRLEN, sizeof(*id));
			return 0;
		}
		off += NLA_ALIGN(a.nla_len);
	}
	return -1;
}

int
l2tp_watch_open(struct l2tp_watch *w)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct request r;
	unsigned char buf[4096];
	size_t len;
	int err;

	w->seq = 0;
	w->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (w->fd < 0)
		return -1;
	if (bind(w->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	start(w, &r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	put_attr(&r, CTRL_ATTR_FAMILY_NAME, L2TP_GENL_NAME,
	    sizeof(L2TP_GENL_NAME));
	err = transact(w, &r, buf, &len);
	if (err < 0) {
		errno = -err;
		goto fail;
	}
	if (family_id(buf, len, &w->family) < 0) {
		errno = EPROTO;
		goto fail;
	}
	return 0;
fail:
	err = errno;
	close(w->fd);
	w->fd = -1;
	errno = err;
	return -1;
}

void
l2tp_watch_close(struct l2tp_watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

int
l2tp_watch_session(struct l2tp_watch *w, uint32_t tunnel_id,
    uint32_t session_id)
{
	struct request r;
	unsigned char buf[4096];
	size_t len;
	int err;

	start(w, &r, w->family, L2TP_CMD_SESSION_GET, L2TP_GENL_VERSION);
	put_attr(&r, L2TP_ATTR_CONN_ID, &tunnel_id, sizeof(tunnel_id));
	put_attr(&r, L2TP_ATTR_SESSION_ID, &session_id, sizeof(session_id));
	err = transact(w, &r, buf, &len);
	if (err == 0)
		return 1;
	/* The kernel answers ENODEV when the tunnel or session is gone. */
	if (err == -ENODEV)
		return 0;
	errno = -err;
	return -1;
}
