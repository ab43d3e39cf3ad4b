/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared command-line helpers of the hookbench subcommands. */
#ifndef HB_CLI_H
#define HB_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct hb_results;

#define HB_EXIT_USAGE 2
#define HB_EXIT_FAILED_ROWS 3 /* run: results written, some row mismatch or error */
#define HB_EXIT_INTERRUPTED 130

/* Print "hookbench: <message>" as one line on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse an integer option; prints the error line and returns -EINVAL/-ERANGE. */
int cli_u64(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *out);

/* Parse a comma list of names from valid[] (each one a noun, e.g. "hook"). */
int cli_choices(const char *opt, const char *noun, const char *arg, const char *const *valid,
		size_t nvalid, size_t *idx, size_t cap, size_t *n);

/* Report a getopt failure ('?' or ':') for argv[optind - 1]. Returns -EINVAL. */
int cli_getopt_error(int c, char **argv);

/* An option that takes an integer in [min, max] (cli_u64's rule and error line). */
struct cli_number {
	int id;           /* its value in the option table */
	const char *name; /* "--blocks" */
	uint64_t min, max;
	uint64_t *out;
};

/* A command's options, for cli_parse_options(). */
struct cli_options {
	const struct option *opts;        /* ending with {}; cli_parse_options() adds --help */
	const char *shorts;               /* short options besides -h ("v"), or NULL */
	const struct cli_number *numbers; /* the options parsed as integers */
	size_t nnumbers;
	int (*one)(int c, const char *arg, void *ctx); /* every other option: 0 or -EINVAL */
	void *ctx;
	void (*usage)(FILE *f); /* what -h/--help prints on stdout, before exit(0) */
	bool operands;          /* arguments may follow the options (else one is an error) */
};

/*
 * getopt_long over argv (argv[0]: the command's name) the same way for every
 * command, up to the first failure, which it prints as one line. 0 or -EINVAL;
 * with o->operands, argv[optind] on are the caller's.
 */
int cli_parse_options(int argc, char **argv, const struct cli_options *o);

/*
 * Under sudo, hand what a command wrote into results directory dir to the
 * invoking user: each name in it (a file, or a directory with all inside).
 */
void cli_give_results(const char *dir, const char *const *names, size_t n);

/* Load a results directory for command name; on failure print "name: why". 0 or -errno. */
int cli_load_results(const char *name, const char *dir, struct hb_results *r);

#endif
