// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"

enum {
	OPT_MODE = 256,
	OPT_ITERATIONS,
	OPT_DURATION,
	OPT_THREADS,
	OPT_CPU,
	OPT_DIR,
	OPT_JSON,
};

static const struct option long_opts[] = {
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "iterations", required_argument, NULL, OPT_ITERATIONS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "cpu", required_argument, NULL, OPT_CPU },
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void storm_opts_usage(FILE *f)
{
	fprintf(f,
"Usage: unlink-storm [OPTIONS]\n"
"\n"
"Call unlinkat(2) in a tight loop, on one or more threads, each in its own\n"
"private scratch directory: the workload for measuring unlinkat hooks (or,\n"
"with --mode other, a syscall that is not unlinkat).\n"
"\n"
"Options:\n"
"  --mode MODE       enoent (default): unlinkat() on \"%s\", which never exists;\n"
"                    create: openat(O_CREAT|O_EXCL) \"%s\", close it, unlinkat() it\n"
"                    other: getppid(), no unlinkat() at all\n"
"                    churn: create it, write %d bytes, close, fstatat(), unlinkat()\n"
"                    (other_remote is a mode of hookbench run only)\n"
"  --iterations N    iterations per thread, 1..%llu (default %llu)\n"
"  --duration SECS   run for SECS seconds instead (%g..%g, decimals allowed)\n"
"  --threads T       threads, 1..%d (default 1), each in its own directory\n"
"  --cpu LIST        pin thread i to LIST[i %% len]; LIST like 1, 0,1 or 0-3\n"
"  --dir D           parent of the scratch directory (default $TMPDIR or /tmp)\n"
"  --json            print one JSON object on stdout instead of a summary line\n"
"  -h, --help        show this help\n"
"  -V, --version     show the version and the git revision it was built from\n"
"\n"
"Output:\n"
"  ops        iterations completed, summed over threads (one unlinkat() each;\n"
"             one getppid() each in other mode)\n"
"  elapsed    from the release of the start barrier to the last thread done\n"
"  ns_per_op  elapsed / (ops / threads): the time one thread takes per\n"
"             iteration. With T threads running in parallel the system\n"
"             completes T iterations in that time; with 1 thread it is the\n"
"             plain cost of one iteration.\n"
"\n"
"Only DIR/unlink-storm.XXXXXX (mode 0700) is created, and it is removed at\n"
"exit, also on SIGINT, SIGTERM and SIGHUP. Anything foreign found inside it\n"
"is left in place and reported.\n"
"\n"
"Exit status: 0 success; 1 runtime error, or foreign content left in the\n"
"scratch directory; 2 invalid usage; 128+N stopped by signal N (partial\n"
"summary on stderr).\n"
"\n"
"EXAMPLES:\n"
"  unlink-storm --mode enoent --iterations 100000\n"
"  unlink-storm --mode create --threads 2 --cpu 0,1 --duration 0.5 --json\n"
"  build/loaders/tp-loader -- build/workloads/unlink-storm --mode enoent --iterations 100000\n"
"  hyperfine -N --warmup 3 'build/workloads/unlink-storm --iterations 1000000'\n",
		STORM_ENOENT_NAME, STORM_CREATE_NAME, STORM_CHURN_BYTES, STORM_MAX_ITERATIONS,
		STORM_DEFAULT_ITERATIONS, STORM_MIN_DURATION, STORM_MAX_DURATION,
		STORM_MAX_THREADS);
}

/* Every usage error goes through here: one line, then -EINVAL. */
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("unlink-storm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -EINVAL;
}

static int parse_mode(const char *arg, struct storm_opts *o)
{
	char valid[64];
	int i = hb_choice_index(arg, storm_mode_names, STORM_MODE_COUNT);

	if (i < 0) {
		hb_join_choices(storm_mode_names, STORM_MODE_COUNT, valid,
				sizeof(valid));
		return usage_error("unknown mode '%s' (valid: %s)", arg, valid);
	}
	if (i == STORM_MODE_OTHER_REMOTE)
		return usage_error("mode 'other_remote' is for hookbench run only "
				   "(here use --mode other, and pin with --cpu)");
	o->mode = (enum storm_mode)i;
	return 0;
}

static int parse_cpus(const char *arg, struct storm_opts *o)
{
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	unsigned ncpus = conf < 1 ? 1 : conf > STORM_MAX_CPUS ? STORM_MAX_CPUS : (unsigned)conf;
	int err = hb_parse_cpu_list(arg, ncpus, o->cpus, STORM_MAX_CPUS, &o->ncpus);

	if (err == -ERANGE)
		return usage_error("invalid --cpu '%s': CPUs are 0-%u on this system",
				   arg, ncpus - 1);
	if (err)
		return usage_error("invalid --cpu '%s': must be a list of distinct CPUs like 1, 0,1 or 0-3",
				   arg);
	return 0;
}

static int check_dir(const char *what, const char *dir)
{
	struct stat st;

	if (stat(dir, &st))
		return usage_error("invalid %s '%s': %s", what, dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return usage_error("invalid %s '%s': %s", what, dir, strerror(ENOTDIR));
	if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS))
		return usage_error("invalid %s '%s': not writable: %s", what, dir,
				   strerror(errno));
	return 0;
}

static int parse_one(int c, const char *arg, struct storm_opts *o)
{
	uint64_t v;

	switch (c) {
	case OPT_MODE:
		return parse_mode(arg, o);
	case OPT_ITERATIONS:
		return hb_parse_u64_option("unlink-storm", "--iterations", arg, 1, STORM_MAX_ITERATIONS,
					   &o->iterations) ? -EINVAL : 0;
	case OPT_DURATION:
		if (hb_parse_double(arg, STORM_MIN_DURATION, STORM_MAX_DURATION,
				    &o->duration_s))
			return usage_error("invalid --duration '%s': must be a number of seconds in [%g, %g]",
					   arg, STORM_MIN_DURATION, STORM_MAX_DURATION);
		return 0;
	case OPT_THREADS:
		if (hb_parse_u64_option("unlink-storm", "--threads", arg, 1, STORM_MAX_THREADS, &v))
			return -EINVAL;
		o->threads = (unsigned)v;
		return 0;
	case OPT_CPU:
		return parse_cpus(arg, o);
	case OPT_DIR:
		o->dir = arg;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case 'h':
		o->help = true;
		return 0;
	case 'V':
		o->version = true;
		return 0;
	default:
		return usage_error("internal error: option %d", c);
	}
}

/* getopt_long() with ":" reports a missing argument as ':' and the rest as '?'. */
static int getopt_error(int c, char **argv)
{
	const char *opt = argv[optind - 1];

	if (c == ':')
		return usage_error("option '%s' requires an argument", opt);
	if (optopt)
		return usage_error("unknown option '-%c' (see --help)", optopt);
	return usage_error("unknown or ambiguous option '%s' (see --help)", opt);
}

int storm_opts_parse(int argc, char **argv, struct storm_opts *o)
{
	bool have_iterations = false, have_duration = false;
	const char *tmp;
	int err = 0;
	int c;

	*o = (struct storm_opts){
		.mode = STORM_MODE_ENOENT,
		.iterations = STORM_DEFAULT_ITERATIONS,
		.threads = 1,
	};
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", long_opts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			err = getopt_error(c, argv);
			goto cleanup;
		}
		err = parse_one(c, optarg, o);
		if (err)
			goto cleanup;
		have_iterations |= c == OPT_ITERATIONS;
		have_duration |= c == OPT_DURATION;
		if (o->help || o->version)
			goto cleanup;
	}
	if (optind < argc) {
		err = usage_error("unexpected argument '%s' (see --help)", argv[optind]);
		goto cleanup;
	}
	if (have_iterations && have_duration) {
		err = usage_error("conflicting options: --iterations and --duration");
		goto cleanup;
	}
	if (o->dir) {
		err = check_dir("--dir", o->dir);
	} else {
		tmp = getenv("TMPDIR");
		o->dir = tmp && *tmp ? tmp : "/tmp";
		err = check_dir(tmp && *tmp ? "TMPDIR" : "directory", o->dir);
	}
cleanup:
	return err;
}
