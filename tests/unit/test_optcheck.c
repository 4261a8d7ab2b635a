/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <limits.h>
#include <string.h>

#include "unit.h"
#include "../../optcheck.h"

static void
numbers(void)
{
	long long v = -7;

	EXPECT(opt_parse_number("250", 10, 0, INT_MAX, &v) == NULL && v == 250);
	EXPECT(opt_parse_number("0", 10, 0, INT_MAX, &v) == NULL && v == 0);
	EXPECT(opt_parse_number("2147483647", 10, 0, INT_MAX, &v) == NULL);
	EXPECT(opt_parse_number("0xf", 0, 0, INT_MAX, &v) == NULL && v == 15);
	/* A leading 0 is not octal: "010" is ten, as the README says. */
	EXPECT(opt_parse_number("010", 0, 0, INT_MAX, &v) == NULL && v == 10);
	EXPECT(opt_parse_number("0X1F", 0, 0, INT_MAX, &v) == NULL && v == 31);
	EXPECT(opt_parse_number("08", 0, 0, INT_MAX, &v) == NULL && v == 8);
	EXPECT(opt_parse_number("4294967295", 10, 1, 4294967295LL, &v) == NULL);
}

static void
bad_numbers(void)
{
	long long v = 42;

	EXPECT(strcmp(opt_parse_number("", 10, 0, 9, &v), "is not a number") == 0);
	EXPECT(strcmp(opt_parse_number("abc", 10, 0, 9, &v), "is not a number") == 0);
	EXPECT(strcmp(opt_parse_number("7x", 10, 0, 9, &v), "is not a number") == 0);
	EXPECT(strcmp(opt_parse_number(" 7", 10, 0, 9, &v), "is not a number") == 0);
	EXPECT(strcmp(opt_parse_number("0x10", 10, 0, 99, &v), "is not a number") == 0);
	EXPECT(strcmp(opt_parse_number("-5", 10, 0, INT_MAX, &v), "is out of range") == 0);
	EXPECT(strcmp(opt_parse_number("2147483648", 10, 0, INT_MAX, &v), "is out of range") == 0);
	EXPECT(strcmp(opt_parse_number("99999999999999999999", 10, 0, INT_MAX, &v), "is out of range") == 0);
	EXPECT(strcmp(opt_parse_number("0", 10, 1, 9, &v), "is out of range") == 0);
	EXPECT(v == 42);	/* untouched on error */
}

static void
interface_names(void)
{
	EXPECT(opt_ifname_problem("l2tp0") == NULL);
	EXPECT(opt_ifname_problem("ppp-lns-000001") == NULL);
	EXPECT(opt_ifname_problem("a23456789012345") == NULL);	/* 15 */
	EXPECT(opt_ifname_problem("") != NULL);
	EXPECT(opt_ifname_problem("a234567890123456") != NULL);	/* 16 */
	EXPECT(opt_ifname_problem(".") != NULL);
	EXPECT(opt_ifname_problem("..") != NULL);
	EXPECT(opt_ifname_problem("...") == NULL);
	EXPECT(opt_ifname_problem("a/b") != NULL);
	EXPECT(opt_ifname_problem("a b") != NULL);
	EXPECT(opt_ifname_problem("a\tb") != NULL);
	EXPECT(opt_ifname_problem("eth0:1") != NULL);
	EXPECT(opt_ifname_problem("l2tp%d") != NULL);
	EXPECT(opt_ifname_problem("%") != NULL);
	EXPECT(opt_ifname_problem("a%%b") != NULL);
}

int
main(void)
{
	RUN(numbers);
	RUN(bad_numbers);
	RUN(interface_names);
	UNIT_EXIT();
}
