/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading the fixture files (tests/fixtures/) in the C unit tests. */
#ifndef HB_TEST_FIXTURE_H
#define HB_TEST_FIXTURE_H

#include <errno.h>
#include <stdio.h>

#include "open_regular.h"

/* tests/fixtures/NAME opened for reading; NULL with errno set. */
static inline FILE *fixture_open(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	return hb_fopen_regular(path, NULL, 0);
}

/*
 * FIXTURE_READ(NAME, f, EXPR): EXPR (0 or -errno) with f the fixture NAME
 * open for reading, closed after; -errno when it cannot be opened.
 */
#define FIXTURE_READ(name, f, expr)                             \
	({                                                      \
		FILE *f = fixture_open(name);                   \
		int fixture_err_ = f ? (expr) : -errno;         \
		if (f)                                          \
			fclose(f);                              \
		fixture_err_;                                   \
	})

#endif
