// SPDX-License-Identifier: GPL-2.0-only
/* Rejection of bad numbers and lists. */
#include <errno.h>
#include <stdint.h>

#include "parse.h"
#include "tap.h"

static const char *const hooks[] = { "tracepoint", "kprobe", "fentry" };

static void test_numbers(void)
{
	static const struct { const char *s; int err; } bad[] = {
		{ "", -EINVAL }, { "0", -ERANGE }, { "-5", -EINVAL }, { "+5", -EINVAL },
		{ "abc", -EINVAL }, { "12abc", -EINVAL }, { "1e3", -EINVAL }, { " 7", -EINVAL },
		{ "7 ", -EINVAL }, { "0x10", -EINVAL }, { "1001", -ERANGE },
		{ "99999999999999999999999", -ERANGE },
	};
	uint64_t v = 42;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int err = hb_parse_u64(bad[i].s, 1, 1000, &v);

		TAP_OK(err == bad[i].err, "'%s' in [1, 1000] is rejected with %d (got %d)", bad[i].s,
		       bad[i].err, err);
	}
	TAP_OK(v == 42, "a rejected number leaves the output alone");
	TAP_OK(hb_parse_u64("1000", 1, 1000, &v) == 0 && v == 1000, "the upper bound is allowed");
	TAP_OK(hb_parse_u64("18446744073709551615", 0, UINT64_MAX, &v) == 0 && v == UINT64_MAX,
	       "UINT64_MAX parses");
	TAP_OK(hb_parse_u64("18446744073709551616", 0, UINT64_MAX, &v) == -ERANGE,
	       "UINT64_MAX + 1 overflows");
	TAP_OK(hb_parse_u64(NULL, 0, 1, &v) == -EINVAL, "NULL is rejected");
}

static void test_doubles(void)
{
	double d;

	TAP_OK(hb_parse_double("2.5", 0.001, 100, &d) == 0 && d == 2.5, "2.5 parses");
	TAP_OK(hb_parse_double("-1", 0.001, 100, &d) == -EINVAL, "a negative duration is rejected");
	TAP_OK(hb_parse_double("0", 0.001, 100, &d) == -ERANGE, "zero is out of range");
	TAP_OK(hb_parse_double("nan", 0.001, 100, &d) == -EINVAL, "nan is rejected");
	TAP_OK(hb_parse_double("inf", 0.001, 100, &d) == -EINVAL, "inf is rejected");
	TAP_OK(hb_parse_double("1e999", 0.001, 1e308, &d) == -ERANGE, "1e999 overflows");
	TAP_OK(hb_parse_double("3s", 0.001, 100, &d) == -EINVAL, "trailing garbage is rejected");
	TAP_OK(hb_parse_double("0X2", 0.001, 100, &d) == -EINVAL, "a hex float is rejected (found by fuzzing)");
	TAP_OK(hb_parse_double("0x1p3", 0.001, 100, &d) == -EINVAL, "a hex float with exponent too");
	TAP_OK(hb_parse_double("2.5e1", 0.001, 100, &d) == 0 && d == 25, "a decimal exponent is fine");
}

static void test_cpu_lists(void)
{
	unsigned cpus[8];
	size_t n = 0;

	TAP_OK(hb_parse_cpu_list("0-2,5", 8, cpus, 8, &n) == 0 && n == 4 && cpus[3] == 5,
	       "0-2,5 is 4 CPUs");
	TAP_OK(hb_parse_cpu_list("8", 8, cpus, 8, &n) == -ERANGE, "a CPU that does not exist");
	TAP_OK(hb_parse_cpu_list("3-1", 8, cpus, 8, &n) == -EINVAL, "a reversed range");
	TAP_OK(hb_parse_cpu_list("1,1", 8, cpus, 8, &n) == -EINVAL, "a duplicate CPU");
	TAP_OK(hb_parse_cpu_list("1,,2", 8, cpus, 8, &n) == -EINVAL, "an empty element");
	TAP_OK(hb_parse_cpu_list("", 8, cpus, 8, &n) == -EINVAL, "an empty list");
	TAP_OK(hb_parse_cpu_list("0-7", 8, cpus, 4, &n) == -E2BIG, "more CPUs than room");
	TAP_OK(hb_parse_cpu_list("x", 8, cpus, 8, &n) == -EINVAL, "garbage");
}

static void test_choice_lists(void)
{
	size_t idx[4], n = 0;
	char bad[32], joined[64];

	TAP_OK(hb_parse_choice_list("kprobe,tracepoint", hooks, 3, idx, 4, &n, bad, sizeof(bad)) == 0 &&
	       n == 2 && idx[0] == 1 && idx[1] == 0, "a list keeps the order given");
	TAP_OK(hb_parse_choice_list("tracepoint,uprobe", hooks, 3, idx, 4, &n, bad, sizeof(bad)) == -EINVAL,
	       "an unknown name is rejected");
	TAP_STREQ(bad, "uprobe", "and named");
	TAP_OK(hb_parse_choice_list("kprobe,kprobe", hooks, 3, idx, 4, &n, bad, sizeof(bad)) == -EEXIST,
	       "a name given twice is rejected");
	TAP_OK(hb_parse_choice_list("kprobe,", hooks, 3, idx, 4, &n, bad, sizeof(bad)) == -EINVAL,
	       "a trailing comma is rejected");
	TAP_OK(hb_parse_choice_list("", hooks, 3, idx, 4, &n, bad, sizeof(bad)) == -EINVAL,
	       "an empty list is rejected");
	TAP_OK(hb_parse_choice_list("Kprobe", hooks, 3, idx, 4, &n, bad, sizeof(bad)) == -EINVAL,
	       "names are case-sensitive");
	TAP_OK(hb_parse_choice_list("tracepoint,kprobe,fentry", hooks, 3, idx, 2, &n, bad, sizeof(bad)) ==
	       -E2BIG, "more names than room");
	hb_join_choices(hooks, 3, joined, sizeof(joined));
	TAP_STREQ(joined, "tracepoint, kprobe, fentry", "valid names are listed for messages");
}

int main(void)
{
	test_numbers();
	test_doubles();
	test_cpu_lists();
	test_choice_lists();
	return tap_done();
}
