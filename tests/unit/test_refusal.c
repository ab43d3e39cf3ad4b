// SPDX-License-Identifier: GPL-2.0-only
/* The lockdown mode's parser and the reasons a refused hook is given. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockdown.h"
#include "refusal.h"
#include "tap.h"

#define FAILURE "failed to load hb_fentry: Operation not permitted"

static void lockdown_parser(void)
{
	char mode[64], path[] = "/tmp/hb-test-lockdown.XXXXXX";
	int rc;
	FILE *f;
	int fd;

	TAP_OK(hb_lockdown_parse("none integrity [confidentiality]\n", mode, sizeof(mode)) == 0 &&
	       !strcmp(mode, "confidentiality"), "[confidentiality] is the mode (%s)", mode);
	TAP_OK(hb_lockdown_parse("[none] integrity confidentiality", mode, sizeof(mode)) == 0 &&
	       !strcmp(mode, "none"), "[none] first is the mode (%s)", mode);
	TAP_OK(hb_lockdown_parse("none integrity confidentiality", mode, sizeof(mode)) == -EINVAL,
	       "no bracketed word: -EINVAL");
	TAP_OK(hb_lockdown_parse("none [] integrity", mode, sizeof(mode)) == -EINVAL,
	       "an empty bracket: -EINVAL");
	TAP_OK(hb_lockdown_active("integrity") && hb_lockdown_active("confidentiality") &&
	       !hb_lockdown_active("none") && !hb_lockdown_active(HB_LOCKDOWN_UNMOUNTED),
	       "integrity and confidentiality are active, none and unknown are not");

	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	TAP_OK(f != NULL, "a temporary lockdown file");
	if (f) {
		fputs("none [integrity] confidentiality\n", f);
		fclose(f);
	}
	TAP_OK(hb_lockdown_read_file(path, mode, sizeof(mode)) == 0 && !strcmp(mode, "integrity"),
	       "the file reads integrity (%s)", mode);
	unlink(path);
	TAP_OK(hb_lockdown_read_file(path, mode, sizeof(mode)) == -ENOENT, "a missing file: -ENOENT");
	rc = hb_lockdown_read(mode, sizeof(mode));
	TAP_OK(rc == 0 ? !strcmp(mode, "none") || !strcmp(mode, "integrity") || !strcmp(mode, "confidentiality") :
			 !strncmp(mode, "unknown (", 9),
	       "this kernel's mode is one of the three, or unknown with the cause (%d: %s)", rc, mode);
}

static void verifier_lines(void)
{
	char line[128];

	/* A failed load's log as the 6.18 kernel wrote it (log level 1). */
	hb_verifier_last_line("0: R1=ctx() R10=fp0\n0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()\n"
			      "3: (61) r0 = *(u32 *)(r0 +0)\nR0 invalid mem access 'scalar'\n"
			      "processed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
			      "peak_states 0 mark_read 0\n", line, sizeof(line));
	TAP_STREQ(line, "R0 invalid mem access 'scalar'", "the error line, not the statistics after it");
	hb_verifier_last_line("R1 type=scalar expected=fp\nverification time 12 usec\n"
			      "stack depth 0\nprocessed 5 insns\n\n  \n", line, sizeof(line));
	TAP_STREQ(line, "R1 type=scalar expected=fp", "level-2 statistics and blank lines skipped too");
	hb_verifier_last_line("unknown func bpf_probe_read_kernel#113   ", line, sizeof(line));
	TAP_STREQ(line, "unknown func bpf_probe_read_kernel#113", "no newline, trailing spaces cut");
	hb_verifier_last_line("", line, sizeof(line));
	TAP_STREQ(line, "", "an empty log has no line");
	hb_verifier_last_line(NULL, line, sizeof(line));
	TAP_STREQ(line, "", "no log has no line");
	hb_verifier_last_lines("0: R1=ctx() R10=fp0\n; return name[0]; @ bad.bpf.c:13\n"
			       "1: (71) r0 = *(u8 *)(r1 +0)\nR1 invalid mem access 'scalar'\n"
			       "processed 2 insns\n", 3, line, sizeof(line));
	TAP_STREQ(line, "; return name[0]; @ bad.bpf.c:13 / 1: (71) r0 = *(u8 *)(r1 +0) / "
		  "R1 invalid mem access 'scalar'", "the last 3 lines, in order, without the statistics");
	hb_verifier_last_lines("a\nb\n", 3, line, sizeof(line));
	TAP_STREQ(line, "a / b", "a log shorter than asked: every line");
	hb_verifier_last_lines("a\nb\n", 1, line, 4);
	TAP_STREQ(line, "b", "one line is the last line");
	hb_verifier_last_lines("first line\nsecond line\n", 2, line, 8);
	TAP_STREQ(line, "first l", "a short buffer is cut, never overrun");
}

static void reasons(void)
{
	struct hb_refusal r = { .failure = FAILURE, .err = -EPERM, .lockdown = "confidentiality",
				.notice = "use of bpf to read kernel RAM", .log_read = true };
	char why[512];

	hb_refusal_reason(&r, why, sizeof(why));
	TAP_STREQ(why, "kernel lockdown (confidentiality) refuses it: use of bpf to read kernel RAM "
		  "is restricted", "EPERM with lockdown's notice: lockdown is the reason");
	r.notice = "";
	r.lockdown = "integrity";
	hb_refusal_reason(&r, why, sizeof(why));
	TAP_STREQ(why, "the kernel refused it: " FAILURE "; kernel lockdown (integrity) logged no "
		  "refusal of it", "EPERM, lockdown on, no notice in a readable log: not lockdown");
	r.log_read = false;
	hb_refusal_reason(&r, why, sizeof(why));
	TAP_OK(strstr(why, "kernel lockdown is integrity") && strstr(why, "not readable"),
	       "EPERM, lockdown on, log unreadable: says both (%s)", why);
	r.lockdown = "none";
	hb_refusal_reason(&r, why, sizeof(why));
	TAP_STREQ(why, "the kernel refused it: " FAILURE, "EPERM without lockdown: the generic reason");
	r.lockdown = NULL;
	hb_refusal_reason(&r, why, sizeof(why));
	TAP_STREQ(why, "the kernel refused it: " FAILURE, "lockdown unknown: the generic reason");
	r.err = -EINVAL;
	r.lockdown = "confidentiality";
	r.verifier = "R1 invalid mem access 'scalar'";
	hb_refusal_reason(&r, why, sizeof(why));
	TAP_STREQ(why, "the verifier rejected it: R1 invalid mem access 'scalar'",
		  "a verifier log: its last line is the reason");
	r.err = -EPERM;
	r.notice = "use of bpf to read kernel RAM";
	hb_refusal_reason(&r, why, sizeof(why));
	TAP_OK(!strncmp(why, "kernel lockdown (confidentiality)", 33),
	       "lockdown's notice wins over the verifier's line it caused");
}

static void notices(void)
{
	char what[128];

	TAP_OK(hb_lockdown_notice_parse("5,1234,567890,-;Lockdown: hookbench: use of bpf to read "
					"kernel RAM is restricted; see man kernel_lockdown.7\n",
					"hookbench", what, sizeof(what)) == 0 &&
	       !strcmp(what, "use of bpf to read kernel RAM"), "a kmsg record's notice (%s)", what);
	TAP_OK(hb_lockdown_notice_parse("5,1,2,-;Lockdown: modprobe: unsigned module loading is "
					"restricted; see man kernel_lockdown.7\n", "hookbench", what,
					sizeof(what)) == -ENOENT, "another process's notice is not ours");
	TAP_OK(hb_lockdown_notice_parse("6,1,2,-;NOTICE: Automounting of tracing to debugfs\n",
					"hookbench", what, sizeof(what)) == -ENOENT,
	       "other kernel messages are not notices");
	TAP_OK(hb_lockdown_notice_parse("5,1,2,-;Lockdown: hookbench-x: use of kprobes is restricted",
					"hookbench", what, sizeof(what)) == -ENOENT,
	       "a longer comm with our prefix is not ours");
}

int main(void)
{
	lockdown_parser();
	verifier_lines();
	reasons();
	notices();
	return tap_done();
}
