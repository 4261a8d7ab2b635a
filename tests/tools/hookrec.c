/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hookrec.so: a test-only helper plugin, loaded after pppol2tp.so, that
 * appends every call of the two pppol2tp hooks to the file named by the
 * HOOKREC environment variable, one line each:
 *   accm TUNNEL SESSION 0xSEND 0xRECV
 *   updown TUNNEL SESSION UP
 * It chains to whatever hook was installed before it.  With
 * HOOKREC_EXIT_PAUSE=SECS its exit notifier writes "exit" and then holds
 * pppd that long, as a helper waiting for its daemon does, so a test can
 * look at the kernel while pppd is still in its exit notifiers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../compat.h"
#include "../../pppol2tp.h"

char pppd_version[] = COMPAT_PPPD_VERSION;

static void (*prev_accm)(int, int, uint32_t, uint32_t);
static void (*prev_updown)(int, int, int);

static void
record(const char *line)
{
	const char *path = getenv("HOOKREC");
	FILE *f;

	if (path == NULL || (f = fopen(path, "a")) == NULL)
		return;
	fputs(line, f);
	fclose(f);
}

static void
on_accm(int tunnel, int session, uint32_t send_accm, uint32_t recv_accm)
{
	char line[80];

	snprintf(line, sizeof(line), "accm %d %d 0x%08x 0x%08x\n", tunnel,
	    session, (unsigned)send_accm, (unsigned)recv_accm);
	record(line);
	if (prev_accm != NULL)
		prev_accm(tunnel, session, send_accm, recv_accm);
}

static void
on_updown(int tunnel, int session, int up)
{
	char line[80];

	snprintf(line, sizeof(line), "updown %d %d %d\n", tunnel, session, up);
	record(line);
	if (prev_updown != NULL)
		prev_updown(tunnel, session, up);
}

static void
on_exit_pause(void *ctx, int status)
{
	const char *pause = getenv("HOOKREC_EXIT_PAUSE");

	(void)ctx;
	(void)status;
	record("exit\n");
	sleep((unsigned)atoi(pause));
}

void plugin_init(void);

void
plugin_init(void)
{
	prev_accm = pppol2tp_send_accm_hook;
	pppol2tp_send_accm_hook = on_accm;
	prev_updown = pppol2tp_ip_updown_hook;
	pppol2tp_ip_updown_hook = on_updown;
	if (getenv("HOOKREC_EXIT_PAUSE") != NULL)
		compat_notify(COMPAT_EV_EXIT, on_exit_pause, NULL);
}
