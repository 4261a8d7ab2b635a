/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Encoding of openl2tpd's event messages.  Fields are copied with memcpy
 * in host byte order, as openl2tpd reads them on the same host.
 */
#include <string.h>

#include "event_encode.h"
#include "l2tp_event.h"

struct msg {
	unsigned char	*buf;
	size_t		size;
	size_t		len;
	int		overflow;
};

static void
put(struct msg *m, uint16_t type, const void *value, size_t len)
{
	struct l2tp_event_tlv_hdr tlv = { type, (uint16_t)len };
	size_t padded = L2TP_EVENT_TLV_ALIGN(len);

	if (m->len + sizeof(tlv) + padded > m->size) {
		m->overflow = 1;
		return;
	}
	memcpy(m->buf + m->len, &tlv, sizeof(tlv));
	memcpy(m->buf + m->len + sizeof(tlv), value, len);
	memset(m->buf + m->len + sizeof(tlv) + len, 0, padded - len);
	m->len += sizeof(tlv) + padded;
}

static void
begin(struct msg *m, unsigned char *buf, size_t size, uint16_t tunnel,
    uint16_t session)
{
	m->buf = buf;
	m->size = size < L2TP_EVENT_MAX_LEN ? size : L2TP_EVENT_MAX_LEN;
	m->len = sizeof(struct l2tp_event_msg_hdr);
	m->overflow = m->len > m->size;
	put(m, L2TP_EVENT_TLV_TUNNEL_ID, &tunnel, sizeof(tunnel));
	put(m, L2TP_EVENT_TLV_SESSION_ID, &session, sizeof(session));
}

static size_t
end(struct msg *m, uint16_t type)
{
	struct l2tp_event_msg_hdr hdr;

	if (m->overflow)
		return 0;
	hdr.signature = L2TP_EVENT_SIGNATURE;
	hdr.type = type;
	hdr.len = (uint16_t)(m->len - sizeof(hdr));
	memcpy(m->buf, &hdr, sizeof(hdr));
	return m->len;
}

size_t
event_encode_accm(unsigned char *buf, size_t size, uint16_t tunnel,
    uint16_t session, uint32_t send_accm, uint32_t recv_accm)
{
	uint32_t accm[2] = { send_accm, recv_accm };
	struct msg m;

	begin(&m, buf, size, tunnel, session);
	put(&m, L2TP_EVENT_TLV_PPP_ACCM, accm, sizeof(accm));
	return end(&m, L2TP_EVENT_PPP_ACCM_IND);
}

size_t
event_encode_updown(unsigned char *buf, size_t size, uint16_t tunnel,
    uint16_t session, int up, uint32_t unit, const char *ifname,
    const char *user)
{
	uint8_t state = up ? 1 : 0;
	struct msg m;

	begin(&m, buf, size, tunnel, session);
	put(&m, L2TP_EVENT_TLV_PPP_STATE, &state, sizeof(state));
	put(&m, L2TP_EVENT_TLV_PPP_UNIT, &unit, sizeof(unit));
	put(&m, L2TP_EVENT_TLV_PPP_IFNAME, ifname, strlen(ifname) + 1);
	if (user != NULL && *user != '\0' && !m.overflow &&
	    m.size - m.len >= sizeof(struct l2tp_event_tlv_hdr) + 4) {
		size_t room = m.size - m.len - sizeof(struct l2tp_event_tlv_hdr);
		size_t len = strlen(user) + 1;
		char cut[L2TP_EVENT_MAX_LEN];

		/* Room is a multiple of 4 here, so the padded value fits. */
		room &= ~(size_t)3;
		if (len > room) {
			len = room;
			memcpy(cut, user, len - 1);
			cut[len - 1] = '\0';
			user = cut;
		}
		if (len > 1)
			put(&m, L2TP_EVENT_TLV_PPP_USER_NAME, user, len);
	}
	return end(&m, L2TP_EVENT_PPP_UPDOWN_IND);
}
