/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>

#include "optcheck.h"

const char *
opt_parse_number(const char *arg, int base, long long min, long long max,
    long long *out)
{
	char *end;
	long long v;

	/* strtoll would skip leading blanks and accept a sign before them. */
	if (*arg == '\0' || isspace((unsigned char)*arg))
		return "is not a number";
	/* What README.pppol2tp says: decimal, or hex after 0x; never octal. */
	if (base == 0)
		base = arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X') ? 16 : 10;
	errno = 0;
	v = strtoll(arg, &end, base);
	if (*end != '\0')
		return "is not a number";
	if (errno == ERANGE || v < min || v > max)
		return "is out of range";
	*out = v;
	return NULL;
}

const char *
opt_ifname_problem(const char *name)
{
	const char *p;

	if (*name == '\0')
		return "is empty";
	if (strlen(name) >= IFNAMSIZ)
		return "is longer than 15 characters";
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return "cannot be . or ..";
	/* The kernel's dev_valid_name() refuses these characters. */
	for (p = name; *p != '\0'; p++) {
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			return "contains '/', ':' or white space";
	}
	/*
	 * The kernel would take it as a template ("l2tp%d" -> "l2tp0"), but
	 * pppd keeps the template as the name for its ioctls, IFNAME, the pid
	 * file and ip-up, and IPCP setup fails.
	 */
	if (strchr(name, '%') != NULL)
		return "contains '%', which the kernel would expand to a name "
		    "pppd never learns (pppd numbers pppN itself)";
	return NULL;
}
