// SPDX-License-Identifier: GPL-2.0-only
/*
 * The twin loader CLIs. tp-loader and kprobe-loader are this file built
 * twice with a different HB_LOADER_HOOK: one table entry apart.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "clock.h"
#include "hooks.h"
#include "json.h"
#include "parse.h"
#include "prepare.h"
#include "probe.h"
#include "runlock.h"
#include "session.h"
#include "version.h"

#ifndef HB_LOADER_HOOK
#error "build with -DHB_LOADER_HOOK=\"<hook name>\""
#endif

#define EXIT_USAGE 2

struct loader_env {
	const struct hb_hook *hook;
	enum hb_payload payload;
	bool payload_given;
	bool json, trace, verbose, stats, as_root;
	bool allow_concurrent;
	pid_t pid;
	const char *btf;
	const char *output;
	const char *timing;
	char **cmd;
	/* CLOCK_MONOTONIC seconds: start of main, hook attached, command reaped */
	double t_start, t_attached, t_reaped;
};

static const char *prog = "loader";

static void usage(FILE *f)
{
	fprintf(f,
"Usage: %1$s [OPTIONS] [-- CMD [ARGS...]]\n"
"\n"
"Attach the '%2$s' hook on unlinkat with one payload, run CMD, count the\n"
"unlinkat events of CMD's process, detach, and print the counters.\n"
"Without CMD, count every process (or --pid) until SIGINT/SIGTERM.\n"
"\n"
"Options:\n"
"  -p, --payload P    what the program does per event: empty, count (default),\n"
"                     capture, ringbuf, printk, deny (see tp-loader(1))\n"
"  -j, --json         print the counters as one JSON object\n"
"  -o, --output FILE  write the counters to FILE instead of stdout\n"
"  -t, --trace        print every event (pid, filename) as it arrives; implies\n"
"                     --payload ringbuf\n"
"      --pid PID      without CMD: count only the process PID\n"
"      --no-stats     leave bpf_stats off (run_cnt and run_time_ns are then null)\n"
"      --timing FILE  with CMD: append to FILE a line of four seconds: from start\n"
"                     to attached, attached (CMD's whole run), from CMD's exit\n"
"                     to the end, and the loader's own CPU time (hookbench\n"
"                     hyperfine takes the loader's own time out of its command's)\n"
"      --btf PATH     BTF file instead of /sys/kernel/btf/vmlinux (or $HOOKBENCH_BTF)\n"
"      --as-root      run CMD as root; by default, under sudo, CMD runs as the user\n"
"                     who ran sudo (SUDO_UID/SUDO_GID; the hook sees it either way)\n"
"      --allow-concurrent\n"
"                     with CMD: run although another measurement (hookbench\n"
"                     run, or a loader running a command) holds\n"
"                     " HB_RUNLOCK_PATH "; without it that is refused\n"
"                     (exit 1). Without CMD the loader takes no lock: it is\n"
"                     then what hookbench run calls a foreign program\n"
"  -v, --verbose      show libbpf's messages\n"
"  -h, --help         show this help\n"
"  -V, --version      show the version and the git revision it was built from\n"
"\n"
"Exit status: CMD's own status; 77 when this kernel cannot run the hook\n"
"(the reason is printed); 1 on an error; 2 on bad usage.\n"
"\n"
"Examples:\n"
"  %1$s -- build/workloads/unlink-storm --mode enoent --iterations 100000\n"
"  %1$s --payload capture --json -- build/workloads/unlink-storm --mode create\n"
"  %1$s --trace              # every unlinkat on the machine until Ctrl-C\n",
		prog, HB_LOADER_HOOK);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see --help)\n");
	return -EINVAL;
}

static int parse_args(int argc, char **argv, struct loader_env *env)
{
	enum { OPT_PID = 256, OPT_NO_STATS, OPT_BTF, OPT_AS_ROOT, OPT_ALLOW_CONCURRENT, OPT_TIMING };
	static const struct option opts[] = {
		{ "payload", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "trace", no_argument, NULL, 't' },
		{ "pid", required_argument, NULL, OPT_PID },
		{ "no-stats", no_argument, NULL, OPT_NO_STATS },
		{ "timing", required_argument, NULL, OPT_TIMING },
		{ "btf", required_argument, NULL, OPT_BTF },
		{ "as-root", no_argument, NULL, OPT_AS_ROOT },
		{ "allow-concurrent", no_argument, NULL, OPT_ALLOW_CONCURRENT },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	char valid[128];
	uint64_t v;
	int c, i;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:p:jo:tvhV", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			i = hb_choice_index(optarg, hb_payload_names, HB_PAYLOAD_MAX);
			if (i < 0) {
				hb_join_choices(hb_payload_names, HB_PAYLOAD_MAX, valid, sizeof(valid));
				fprintf(stderr, "%s: unknown payload '%s' (valid: %s)\n", prog, optarg, valid);
				return -EINVAL;
			}
			env->payload = (enum hb_payload)i;
			env->payload_given = true;
			break;
		case 'j': env->json = true; break;
		case 'o': env->output = optarg; break;
		case 't': env->trace = true; break;
		case 'v': env->verbose = true; break;
		case OPT_NO_STATS: env->stats = false; break;
		case OPT_BTF: env->btf = optarg; break;
		case OPT_TIMING: env->timing = optarg; break;
		case OPT_AS_ROOT: env->as_root = true; break;
		case OPT_ALLOW_CONCURRENT: env->allow_concurrent = true; break;
		case OPT_PID:
			if (hb_parse_u64(optarg, 1, INT32_MAX, &v))
				return usage_error("invalid --pid '%s': must be a process id", optarg);
			env->pid = (pid_t)v;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			hb_print_version(stdout, prog);
			printf("using libbpf %s\n", libbpf_version_string());
			exit(0);
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		env->cmd = &argv[optind];
	if (env->trace && env->payload_given && env->payload != HB_PAYLOAD_RINGBUF)
		return usage_error("conflicting options: --trace needs --payload ringbuf, not '%s'",
				   hb_payload_names[env->payload]);
	if (env->trace)
		env->payload = HB_PAYLOAD_RINGBUF;
	if (env->pid && env->cmd)
		return usage_error("conflicting options: --pid and a command %s", "(give one)");
	if (env->timing && !env->cmd)
		return usage_error("--timing '%s' needs a command", env->timing);
	if (env->pid && kill(env->pid, 0) && errno == ESRCH) {
		fprintf(stderr, "%s: no process with --pid %d\n", prog, (int)env->pid);
		return -ESRCH;
	}
	if (!env->btf)
		env->btf = getenv("HOOKBENCH_BTF");
	return 0;
}

static int print_event(void *ctx, const struct hb_event *ev)
{
	const struct loader_env *env = ctx;

	printf("%s pid=%u tgid=%u filename=%s\n", env->hook->name, ev->pid, ev->tgid,
	       ev->name_len > 0 ? ev->name : "(unreadable)");
	return 0;
}

static void print_json(FILE *f, const struct loader_env *env, const char *target,
		       pid_t tgid, const struct hb_counters *c, int cmd_status)
{
	struct hb_json j;

	hb_json_init(&j, f, false);
	hb_json_object_begin(&j, NULL);
	hb_json_string(&j, "hook", env->hook->name);
	hb_json_string(&j, "attach_point", target);
	hb_json_string(&j, "payload", hb_payload_names[env->payload]);
	hb_json_i64(&j, "tgid", tgid);
	hb_json_u64(&j, "events", c->events);
	hb_json_u64(&j, "capture_errors", c->capture_errors);
	if (env->payload == HB_PAYLOAD_RINGBUF) {
		hb_json_u64(&j, "ringbuf_records", c->ringbuf_consumed);
		hb_json_u64(&j, "ringbuf_drops", c->ringbuf_drops);
	}
	if (env->stats) {
		hb_json_u64(&j, "run_cnt", c->run_cnt);
		hb_json_u64(&j, "run_time_ns", c->run_time_ns);
		hb_json_double(&j, "ns_per_run",
			       c->run_cnt ? (double)c->run_time_ns / (double)c->run_cnt : NAN);
	} else {
		hb_json_null(&j, "run_cnt");
		hb_json_null(&j, "run_time_ns");
		hb_json_null(&j, "ns_per_run");
	}
	if (c->nmissed_valid)
		hb_json_u64(&j, "nmissed", c->nmissed);
	else
		hb_json_null(&j, "nmissed");
	hb_json_string(&j, "nmissed_reason", c->nmissed_valid ? "" : c->nmissed_reason);
	hb_json_u64(&j, "recursion_misses", c->recursion_misses);
	if (env->payload >= HB_PAYLOAD_CAPTURE && c->events) {
		hb_json_u64(&j, "sample_pid", c->sample_pid);
		hb_json_u64(&j, "sample_tgid", c->sample_tgid);
		hb_json_string(&j, "sample_filename", c->sample_name_len > 0 ? c->sample_name : "");
	}
	if (env->cmd)
		hb_json_i64(&j, "cmd_status", cmd_status);
	hb_json_object_end(&j);
	fputc('\n', f);
}

static void print_text(FILE *f, const struct loader_env *env, const char *target,
		       pid_t tgid, const struct hb_counters *c)
{
	fprintf(f, "%s: %s on %s, payload %s, ", prog, env->hook->name, target,
		hb_payload_names[env->payload]);
	if (tgid)
		fprintf(f, "pid %d\n", (int)tgid);
	else
		fprintf(f, "all processes\n");
	fprintf(f, "  events            %llu\n", (unsigned long long)c->events);
	if (env->stats && c->run_cnt)
		fprintf(f, "  run_cnt           %llu\n  run_time_ns       %llu (%.1f ns/run)\n",
			(unsigned long long)c->run_cnt, (unsigned long long)c->run_time_ns,
			(double)c->run_time_ns / (double)c->run_cnt);
	else
		fprintf(f, "  run_cnt           %s\n", env->stats ? "0" : "n/a (--no-stats)");
	if (c->nmissed_valid)
		fprintf(f, "  nmissed           %llu\n", (unsigned long long)c->nmissed);
	else
		fprintf(f, "  nmissed           n/a (%s)\n", c->nmissed_reason);
	fprintf(f, "  recursion_misses  %llu\n", (unsigned long long)c->recursion_misses);
	if (c->capture_errors || env->payload >= HB_PAYLOAD_CAPTURE)
		fprintf(f, "  capture_errors    %llu\n", (unsigned long long)c->capture_errors);
	if (env->payload == HB_PAYLOAD_RINGBUF)
		fprintf(f, "  ringbuf_records   %llu\n  ringbuf_drops     %llu\n",
			(unsigned long long)c->ringbuf_consumed, (unsigned long long)c->ringbuf_drops);
	if (env->payload >= HB_PAYLOAD_CAPTURE && c->events)
		fprintf(f, "  sample            pid=%u tgid=%u filename=%s\n", c->sample_pid, c->sample_tgid,
			c->sample_name_len > 0 ? c->sample_name : "(unreadable)");
}

/* Wait for the child (or, without one, for a stop signal), reading ring buffer records. */
static int event_loop(struct hb_session *s, int sfd,
		      pid_t child, int *child_status)
{
	struct pollfd fds[2] = { { .fd = sfd, .events = POLLIN },
				 { .fd = hb_session_ringbuf_fd(s), .events = POLLIN } };
	nfds_t nfds = fds[1].fd >= 0 ? 2 : 1;
	int forwarded = 0;

	for (;;) {
		struct signalfd_siginfo si;

		if (poll(fds, nfds, -1) < 0 && errno != EINTR)
			return -errno;
		if (nfds == 2 && (fds[1].revents & POLLIN))
			hb_session_ringbuf_poll(s, 0);
		if (!(fds[0].revents & POLLIN))
			continue;
		if (read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGCHLD) {
			pid_t r = child > 0 ? waitpid(child, child_status, WNOHANG) : 0;

			if (r == child)
				return 0;
			continue;
		}
		if (child <= 0)
			return 0;
		/* A terminal already signalled the whole group; pass on only kill(1)-style signals. */
		if (si.ssi_code != SI_KERNEL)
			kill(child, (int)si.ssi_signo);
		if (++forwarded >= 3)
			kill(child, SIGKILL);
	}
}

static double now_s(void)
{
	return (double)hb_clock_ns(CLOCK_MONOTONIC) / 1e9;
}

/*
 * --timing: the loader's own time before and after the command's, and its
 * own CPU time, so a whole-command timer can take out loading, attaching
 * and detaching exactly, by the wall clock or by CPU time.
 */
static int append_timing(const struct loader_env *env)
{
	FILE *f = fopen(env->timing, "ae");
	struct rusage self;
	int err = 0;

	if (!f) {
		err = -errno;
		fprintf(stderr, "%s: failed to open %s: %s\n", prog, env->timing, strerror(-err));
		return err;
	}
	getrusage(RUSAGE_SELF, &self);
	fprintf(f, "%.9f %.9f %.9f %.6f\n", env->t_attached - env->t_start, env->t_reaped - env->t_attached,
		now_s() - env->t_reaped,
		(double)(self.ru_utime.tv_sec + self.ru_stime.tv_sec) +
			(double)(self.ru_utime.tv_usec + self.ru_stime.tv_usec) / 1e6);
	if (fclose(f)) {
		err = -errno;
		fprintf(stderr, "%s: failed to write %s: %s\n", prog, env->timing, strerror(-err));
	}
	return err;
}

static int exit_status_of(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static int write_result(const struct loader_env *env, const char *target, pid_t tgid,
			const struct hb_counters *c, int cmd_status)
{
	FILE *f = stdout;
	int err = 0;

	if (env->output) {
		f = fopen(env->output, "we");
		if (!f) {
			err = -errno;
			fprintf(stderr, "%s: failed to open %s: %s\n", prog, env->output, strerror(-err));
			return err;
		}
		hb_give_fd_to_user(fileno(f));
	}
	if (env->json)
		print_json(f, env, target, tgid, c, cmd_status);
	else
		print_text(f, env, target, tgid, c);
	if (env->output && fclose(f)) {
		err = -errno;
		fprintf(stderr, "%s: failed to write %s: %s\n", prog, env->output, strerror(-err));
	}
	return err;
}

static int run(struct loader_env *env, const struct hb_probe_env *penv,
	       const struct hb_support *sup, int *exit_code)
{
	struct hb_child child = { .pid = -1, .go_fd = -1, .status_fd = -1 };
	struct hb_session_opts so = {
		.hook = env->hook, .payload = env->payload, .target = sup->target, .offset = sup->offset,
		.btf_path = env->btf,
		.btf = penv->btf,
	};
	struct hb_session *s = NULL;
	struct hb_creds creds;
	struct hb_counters c;
	sigset_t block, old;
	int sfd = -1, stats_fd = -1, status = 0, err;
	char why[512] = "";

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	sfd = signalfd(-1, &block, SFD_CLOEXEC);
	if (sfd < 0) {
		err = -errno;
		snprintf(why, sizeof(why), "failed to create a signalfd: %s", strerror(-err));
		goto cleanup;
	}
	if (env->cmd) {
		err = env->as_root ? 0 : hb_sudo_creds(&creds);
		if (err < 0) {
			snprintf(why, sizeof(why), "failed to look up the sudo user's groups: %s",
				 strerror(-err));
			goto cleanup;
		}
		err = hb_child_spawn(env->cmd, &old, err > 0 ? &creds : NULL, &child);
		if (err) {
			snprintf(why, sizeof(why), "failed to fork: %s", strerror(-err));
			goto cleanup;
		}
	}
	so.tgid = env->cmd ? child.pid : env->pid;
	err = hb_session_open(&so, &s, why, sizeof(why));
	if (err)
		goto cleanup;
	if (env->trace)
		hb_session_set_event_fn(s, print_event, env);
	if (env->stats) {
		stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (stats_fd < 0) {
			err = stats_fd;
			snprintf(why, sizeof(why), "failed to enable bpf_stats: %s", strerror(-err));
			goto cleanup;
		}
	}
	err = hb_session_attach(s, why, sizeof(why));
	if (err)
		goto cleanup;
	if (env->cmd) {
		env->t_attached = now_s();
		err = hb_child_release(&child);
		if (err) {
			snprintf(why, sizeof(why), "failed to run %s: %s", env->cmd[0], strerror(-err));
			*exit_code = err == -ENOENT ? 127 : 126;
			goto cleanup;
		}
	}
	err = event_loop(s, sfd, child.pid, &status);
	env->t_reaped = now_s();
	if (err) {
		snprintf(why, sizeof(why), "failed to wait: %s", strerror(-err));
		goto cleanup;
	}
	child.pid = -1;
	if (env->payload == HB_PAYLOAD_RINGBUF)
		hb_session_ringbuf_poll(s, 0);
	err = hb_session_read(s, &c);
	if (err) {
		snprintf(why, sizeof(why), "failed to read counters: %s", strerror(-err));
		goto cleanup;
	}
	hb_session_detach(s);
	fflush(stdout);
	err = write_result(env, hb_session_target(s), so.tgid, &c, exit_status_of(status));
	if (err)
		goto cleanup;
	*exit_code = env->cmd ? exit_status_of(status) : 0;
cleanup:
	if (err && why[0])
		fprintf(stderr, "%s: %s\n", prog, why);
	hb_session_close(s);
	hb_child_abort(&child);
	if (stats_fd >= 0)
		close(stats_fd);
	if (sfd >= 0)
		close(sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return err;
}

/*
 * Running CMD is a measurement: one at a time, like hookbench run. Returns
 * 0 (held, not needed, or --allow-concurrent), or -errno once said why.
 */
static int take_lock(const struct loader_env *env, int argc, char **argv, struct hb_runlock *l)
{
	char cmdline[512] = "";
	size_t used = 0;
	int err;

	if (!env->cmd)
		return 0;
	for (int i = 0; i < argc && used + 1 < sizeof(cmdline); i++)
		used += (size_t)snprintf(cmdline + used, sizeof(cmdline) - used, "%s%s", i ? " " : "",
					 argv[i]);
	err = hb_runlock_take(l, NULL, cmdline);
	if (err == -EBUSY && env->allow_concurrent) {
		fprintf(stderr, "%s: warning: another measurement is running (PID %ld, %s): "
			"--allow-concurrent\n", prog, l->holder_pid, l->holder_cmd);
		return 0;
	}
	if (err == -EBUSY)
		fprintf(stderr, "%s: another measurement is running: PID %ld (%s) holds %s; wait "
			"for it to end, or pass --allow-concurrent\n", prog, l->holder_pid,
			l->holder_cmd, hb_runlock_path());
	else if (err)
		fprintf(stderr, "%s: cannot take the measurement lock %s: %s\n", prog,
			hb_runlock_path(), strerror(-err));
	return err;
}

int main(int argc, char **argv)
{
	struct loader_env env = { .payload = HB_PAYLOAD_COUNT, .stats = true, .t_start = now_s() };
	struct hb_probe_env penv;
	struct hb_support sup;
	struct hb_runlock lock = { .fd = -1 };
	int exit_code = 1;
	char why[512];

	prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	env.hook = hb_hook_find(HB_LOADER_HOOK);
	if (!env.hook)
		return 1;
	if (parse_args(argc, argv, &env))
		return EXIT_USAGE;
	hb_libbpf_verbose(env.verbose);
	if (hb_prepare(env.btf, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", prog, why);
		return 1;
	}
	hb_probe_env_init(&penv, env.btf);
	hb_probe_hook(&penv, env.hook, env.payload, &sup);
	hb_probe_hook_by_loading(&penv, env.hook, &sup);
	if (!sup.supported) {
		fprintf(stderr, "%s: %s unsupported on this kernel: %s\n", prog, env.hook->name,
			sup.reason);
		exit_code = HB_EXIT_UNSUPPORTED;
	} else if (!take_lock(&env, argc, argv, &lock)) {
		if (env.trace)
			setvbuf(stdout, NULL, _IOLBF, 0);
		if (run(&env, &penv, &sup, &exit_code) && exit_code == 0)
			exit_code = 1;
	}
	hb_runlock_release(&lock);
	hb_probe_env_free(&penv);
	if (env.timing && env.t_reaped > 0 && append_timing(&env) && exit_code == 0)
		exit_code = 1;
	return exit_code;
}
