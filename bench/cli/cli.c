// SPDX-License-Identifier: GPL-2.0-only
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "results.h"
#include "sudo_user.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("hookbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_give_results(const char *dir, const char *const *names, size_t n)
{
	char path[PATH_MAX + 64];

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		hb_give_tree_to_user(path);
	}
}

int cli_u64(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *out)
{
	return hb_parse_u64_option("hookbench", opt, arg, min, max, out);
}

int cli_choices(const char *opt, const char *noun, const char *arg, const char *const *valid,
		size_t nvalid, size_t *idx, size_t cap, size_t *n)
{
	char bad[128], names[256];
	int err;

	err = hb_parse_choice_list(arg, valid, nvalid, idx, cap, n, bad, sizeof(bad));
	if (!err)
		return 0;
	hb_join_choices(valid, nvalid, names, sizeof(names));
	if (err == -EEXIST)
		cli_error("%s lists '%s' twice", opt, bad);
	else if (err == -EINVAL && bad[0])
		cli_error("unknown %s '%s' in %s (valid: %s)", noun, bad, opt, names);
	else
		cli_error("invalid %s '%s' (valid: a comma-separated list of %s)", opt, arg, names);
	return err;
}

int cli_getopt_error(int c, char **argv)
{
	if (c == ':')
		cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
	else
		cli_error("unknown option '%s' (see --help)", argv[optind - 1]);
	return -EINVAL;
}

#define CLI_MAX_OPTIONS 40

static int parse_number(const struct cli_options *o, int c, const char *arg, bool *found)
{
	for (size_t i = 0; i < o->nnumbers; i++)
		if (o->numbers[i].id == c) {
			*found = true;
			return cli_u64(o->numbers[i].name, arg, o->numbers[i].min, o->numbers[i].max,
				       o->numbers[i].out);
		}
	*found = false;
	return 0;
}

int cli_parse_options(int argc, char **argv, const struct cli_options *o)
{
	struct option opts[CLI_MAX_OPTIONS + 2] = { { NULL, 0, NULL, 0 } };
	char shorts[32];
	size_t n = 0;
	bool found;
	int c, err = 0;

	while (o->opts[n].name && n < CLI_MAX_OPTIONS) {
		opts[n] = o->opts[n];
		n++;
	}
	if (o->opts[n].name) {
		cli_error("internal: more than %d options: raise CLI_MAX_OPTIONS", CLI_MAX_OPTIONS);
		return -E2BIG;
	}
	opts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	snprintf(shorts, sizeof(shorts), ":h%s", o->shorts ? o->shorts : "");
	opterr = 0;
	optind = 1;
	while (!err && (c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		if (c == 'h') {
			o->usage(stdout);
			exit(0);
		}
		if (c == ':' || c == '?') {
			err = cli_getopt_error(c, argv);
			break;
		}
		err = parse_number(o, c, optarg, &found);
		if (!found)
			err = o->one ? o->one(c, optarg, o->ctx) : cli_getopt_error('?', argv);
	}
	if (!err && !o->operands && optind < argc) {
		cli_error("%s: unexpected argument '%s' (see --help)", argv[0], argv[optind]);
		err = -EINVAL;
	}
	return err;
}

int cli_load_results(const char *name, const char *dir, struct hb_results *r)
{
	char why[512];
	int err = hb_results_load(r, dir, why, sizeof(why));

	if (err)
		cli_error("%s: %s", name, why);
	return err;
}

