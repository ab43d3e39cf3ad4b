// SPDX-License-Identifier: GPL-2.0-only
#include "deny_proof.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "refusal.h"
#include "scratch.h"
#include "session.h"

static const char *const can_block_names[] = {
	[HB_CAN_BLOCK_YES] = "yes",
	[HB_CAN_BLOCK_NO] = "no",
	[HB_CAN_BLOCK_NOT_RUN] = "not run",
	[HB_CAN_BLOCK_ERROR] = "error",
};

const char *hb_can_block_name(enum hb_can_block c)
{
	return can_block_names[c];
}

void hb_deny_judge(const struct hb_deny_outcome *o, struct hb_deny_result *r)
{
	char marked[160];

	if (o->marked_errno)
		snprintf(marked, sizeof(marked), "unlinkat(%s) failed with %s, the file %s",
			 HB_DENY_MARKED, o->marked_errno == EPERM ? "EPERM" : strerror(o->marked_errno),
			 o->marked_kept ? "is still there" : "is gone");
	else
		snprintf(marked, sizeof(marked), "unlinkat(%s) went through, the file %s",
			 HB_DENY_MARKED, o->marked_kept ? "is still there" : "was removed");
	r->can_block = o->marked_errno == EPERM && o->marked_kept && o->others_removed == o->others
		       ? HB_CAN_BLOCK_YES : HB_CAN_BLOCK_NO;
	if (o->others_removed == o->others)
		snprintf(r->detail, sizeof(r->detail), "%s; the %u other names were removed",
			 marked, o->others);
	else
		snprintf(r->detail, sizeof(r->detail), "%s; %u of the %u other names were removed",
			 marked, o->others_removed, o->others);
}

static int create_name(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static bool exists(int dirfd, const char *name)
{
	return faccessat(dirfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

static void other_name(char *buf, size_t len, unsigned i)
{
	snprintf(buf, len, "hookbench-file-%u", i);
}

/*
 * Create the names, remove them with s (attached) and detach it, then look.
 * Whatever is left is removed before the scratch directory goes. 0 or
 * -errno with why.
 */
static int remove_names(struct hb_session *s, const char *parent, struct hb_deny_outcome *o,
			char *why, size_t len)
{
	struct storm_scratch sc = { .dirfd = -1 };
	char name[64];
	int dirfd, err;

	memset(o, 0, sizeof(*o));
	err = storm_scratch_create(&sc, parent, 1);
	if (err) {
		snprintf(why, len, "cannot create the scratch directory: %s", strerror(-err));
		return err;
	}
	dirfd = sc.thread_fd[0];
	err = create_name(dirfd, HB_DENY_MARKED);
	for (unsigned i = 0; !err && i < HB_DENY_OTHERS; i++) {
		other_name(name, sizeof(name), i);
		err = create_name(dirfd, name);
		o->others += !err;
	}
	if (err) {
		snprintf(why, len, "cannot create a file in the scratch directory: %s", strerror(-err));
		goto cleanup;
	}
	o->marked_errno = unlinkat(dirfd, HB_DENY_MARKED, 0) ? errno : 0;
	for (unsigned i = 0; i < o->others; i++) {
		other_name(name, sizeof(name), i);
		unlinkat(dirfd, name, 0);
	}
	hb_session_detach(s);
	o->marked_kept = exists(dirfd, HB_DENY_MARKED);
	for (unsigned i = 0; i < o->others; i++) {
		other_name(name, sizeof(name), i);
		o->others_removed += !exists(dirfd, name);
	}
cleanup:
	hb_session_detach(s);
	unlinkat(dirfd, HB_DENY_MARKED, 0);
	for (unsigned i = 0; i < o->others; i++) {
		other_name(name, sizeof(name), i);
		unlinkat(dirfd, name, 0);
	}
	storm_scratch_destroy(&sc);
	return err;
}

int hb_deny_prove(const struct hb_probe_env *env, const struct hb_hook *hook,
		  const struct hb_support *sup, const char *scratch_parent,
		  struct hb_deny_result *r)
{
	char why[400] = "", verifier[200] = "", notice[128], reason[400];
	struct hb_support deny;
	struct hb_session_opts so = {
		.hook = hook, .payload = HB_PAYLOAD_DENY, .target = sup->target,
		.offset = sup->offset, .tgid = getpid(), .btf_path = env->btf_path,
		.btf = env->btf, .verifier_line = verifier, .verifier_line_len = sizeof(verifier),
	};
	struct hb_session *s = NULL;
	struct hb_deny_outcome o;
	struct hb_kmsg_mark mark;
	int err = 0;

	r->can_block = HB_CAN_BLOCK_NOT_RUN;
	if (!sup->supported) {
		snprintf(r->detail, sizeof(r->detail), "unsupported here: %s", sup->reason);
		return 0;
	}
	hb_probe_hook(env, hook, HB_PAYLOAD_DENY, &deny);
	if (!deny.supported) {
		snprintf(r->detail, sizeof(r->detail), "deny is unsupported here: %s", deny.reason);
		return 0;
	}
	hb_kmsg_mark(&mark);
	err = hb_session_open(&so, &s, why, sizeof(why));
	if (!err)
		err = hb_session_attach(s, why, sizeof(why));
	if (err) {
		const struct hb_refusal ref = {
			.failure = why, .err = err, .verifier = verifier,
			.lockdown = env->lockdown[0] ? env->lockdown : NULL, .notice = notice,
			.log_read = mark.fd >= 0,
		};

		hb_kmsg_lockdown_notice(&mark, notice, sizeof(notice));
		hb_refusal_reason(&ref, reason, sizeof(reason));
		/*
		 * The hook runs here (sup says so) and the verifier refused only its
		 * deny program: this kind may not return a verdict (fentry/fexit must
		 * return 0), which is the answer.
		 */
		if (*verifier)
			r->can_block = HB_CAN_BLOCK_NO;
		snprintf(r->detail, sizeof(r->detail), "the kernel refused the deny program: %s", reason);
		err = 0;
		goto cleanup;
	}
	hb_kmsg_lockdown_notice(&mark, notice, sizeof(notice));
	err = remove_names(s, scratch_parent, &o, why, sizeof(why));
	if (err) {
		r->can_block = HB_CAN_BLOCK_ERROR;
		snprintf(r->detail, sizeof(r->detail), "the proof failed: %s", why);
	} else {
		hb_deny_judge(&o, r);
	}
cleanup:
	hb_session_close(s);
	return err;
}

int hb_blocking_csv_write(FILE *f, const void *in)
{
	const struct hb_blocking_input *b = in;
	int first_err = 0;

	fputs("hook,can_block,detail\n", f);
	for (size_t i = 0; i < b->nhooks; i++) {
		const struct hb_hook *h = b->hooks[i];
		struct hb_deny_result r;
		struct hb_support sup;
		const char *row[3];
		int err;

		hb_probe_hook(b->env, h, HB_PAYLOAD_COUNT, &sup);
		hb_probe_hook_by_loading(b->env, h, &sup);
		err = hb_deny_prove(b->env, h, &sup, b->scratch_parent, &r);
		if (err && !first_err)
			first_err = err;
		row[0] = h->name;
		row[1] = hb_can_block_name(r.can_block);
		row[2] = r.detail;
		hb_csv_row(f, row, 3);
	}
	return ferror(f) ? -EIO : first_err;
}
