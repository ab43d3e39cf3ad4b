/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the libFuzzer targets in tests/fuzz/. */
#ifndef HB_FUZZ_H
#define HB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * An invariant of the API under test. A failure traps, which libFuzzer
 * reports as a crash with the input that caused it.
 */
#define FUZZ_CHECK(cond)                    \
	do {                                \
		if (!(cond))                \
			__builtin_trap();   \
	} while (0)

/* The input as a NUL-terminated string (cut at its first NUL); NULL on ENOMEM. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The input as a read-only stream; NULL when it is empty (fmemopen refuses size 0) or on error. */
static inline FILE *fuzz_fopen(const uint8_t *data, size_t size)
{
	return size ? fmemopen((void *)data, size, "r") : NULL;
}

/* True when s is NUL-terminated within its first len bytes. */
static inline int fuzz_terminated(const char *s, size_t len)
{
	return memchr(s, '\0', len) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
