/* SPDX-License-Identifier: GPL-2.0-only */
/* RFC 4180 CSV output. */
#ifndef HB_CSV_H
#define HB_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* True when the field must be quoted (comma, quote, CR, LF, edge spaces). */
bool hb_csv_needs_quotes(const char *s);

/* Write one field, quoted and with doubled quotes when needed. NULL is "". */
void hb_csv_field(FILE *f, const char *s);

/* Write n fields separated by commas and a terminating "\n". */
void hb_csv_row(FILE *f, const char *const *fields, size_t n);

/* v with fixed decimals into buf; NAN becomes an empty field, never a made-up 0. */
void hb_csv_number(char *buf, size_t len, double v, int decimals);

/*
 * An interval's bound rounded outward to `decimals` (down for the low end,
 * up for the high end), so a printed interval never looks narrower than it
 * is, nor zero-wide when it is not.
 */
void hb_csv_bound(char *buf, size_t len, double v, int decimals, bool high);

#endif
