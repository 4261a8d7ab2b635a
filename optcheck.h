/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef OPTCHECK_H
#define OPTCHECK_H

/*
 * Checks of option values, kept apart from pppd so they can be tested on
 * their own.  Each returns NULL when the value is good, else a short
 * phrase saying what is wrong with it ("is not a number").
 */

/* A whole integer in [min, max]; base 10, or 0 for decimal or 0x hex. */
const char *opt_parse_number(const char *arg, int base, long long min,
    long long max, long long *out);

/* A name the kernel accepts for a network interface. */
const char *opt_ifname_problem(const char *name);

#endif
