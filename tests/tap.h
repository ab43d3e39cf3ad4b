/* SPDX-License-Identifier: GPL-2.0-only */
/* A tiny TAP producer for the C unit tests (meson: protocol 'tap'). */
#ifndef HB_TAP_H
#define HB_TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define TAP_OK(cond, ...)							\
	do {									\
		int ok_ = !!(cond);						\
		printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n);		\
		printf(__VA_ARGS__);						\
		printf("\n");							\
		if (!ok_) {							\
			tap_failed++;						\
			printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}								\
	} while (0)

#define TAP_NEAR(a, b, eps, ...) TAP_OK(fabs((double)(a) - (double)(b)) <= (eps), __VA_ARGS__)
#define TAP_STREQ(a, b, ...) TAP_OK(strcmp((a), (b)) == 0, __VA_ARGS__)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
