/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A few lines of test harness: each case prints one PASS: or FAIL: line,
 * and a failed expectation says where and what.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>

static int unit_failed_cases;
static int unit_case_failed;

#define EXPECT(cond) do {						\
	if (!(cond)) {							\
		printf("  %s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
		unit_case_failed = 1;					\
	}								\
} while (0)

#define RUN(fn) do {							\
	unit_case_failed = 0;						\
	fn();								\
	printf("%s: unit %s\n", unit_case_failed ? "FAIL" : "PASS", #fn); \
	unit_failed_cases += unit_case_failed;				\
} while (0)

#define UNIT_EXIT()	return unit_failed_cases ? 1 : 0

#endif
