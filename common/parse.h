/* SPDX-License-Identifier: GPL-2.0-only */
/* Strict parsing of command-line numbers and lists. */
#ifndef HB_PARSE_H
#define HB_PARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a decimal unsigned integer in [min, max].
 * Returns 0, -EINVAL when s is not a plain non-negative decimal number
 * (empty, sign, garbage, trailing characters), or -ERANGE when it is
 * outside [min, max] or overflows 64 bits.
 */
int hb_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/*
 * hb_parse_u64() for the argument of option opt; a failure is printed as one
 * line on stderr: "prog: invalid OPT 'ARG': must be an integer in [MIN, MAX]".
 */
int hb_parse_u64_option(const char *prog, const char *opt, const char *arg, uint64_t min,
			uint64_t max, uint64_t *out);

/* Same contract for a finite decimal number (e.g. "2.5"). */
int hb_parse_double(const char *s, double min, double max, double *out);

/*
 * Parse a CPU list such as "0", "0,2" or "0-3,6" into cpus[].
 * Each CPU must be < ncpus_max. Duplicates are rejected (-EINVAL).
 * Returns 0, -EINVAL (syntax, duplicate, reversed range), -ERANGE
 * (CPU out of range) or -E2BIG (more than cap entries).
 */
int hb_parse_cpu_list(const char *s, unsigned ncpus_max, unsigned *cpus,
		      size_t cap, size_t *n);

/*
 * Parse a comma-separated list of names, each of which must be one of
 * valid[0..nvalid). idx[] receives the indices in the order given.
 * Returns 0, -EINVAL for an empty list, an empty element or an unknown
 * name, -EEXIST for a name given twice, -E2BIG for more than cap names.
 * On -EINVAL/-EEXIST the offending element is copied into bad.
 */
int hb_parse_choice_list(const char *s, const char *const *valid,
			 size_t nvalid, size_t *idx, size_t cap, size_t *n,
			 char *bad, size_t badlen);

/* Index of name in valid[], or -1. */
int hb_choice_index(const char *name, const char *const *valid, size_t nvalid);

/* Join valid[] with ", " into buf (for "valid are: ..." messages). */
void hb_join_choices(const char *const *valid, size_t nvalid, char *buf,
		     size_t len);

#endif
