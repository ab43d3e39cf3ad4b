// SPDX-License-Identifier: GPL-2.0-only
#include "deny_proof.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "removal_paths.h"
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
	char marked[200];

	if (o->marked_errno)
		snprintf(marked, sizeof(marked), "unlinkat(%s) failed with %s, the file %s",
			 HB_DENY_MARKED, o->marked_errno == EPERM ? "EPERM" : strerror(o->marked_errno),
			 o->marked_kept ? "is still there" : "is gone");
	else
		snprintf(marked, sizeof(marked), "unlinkat(%s) went through, the file %s%s",
			 HB_DENY_MARKED, o->marked_kept ? "is still there" : "was removed",
			 o->refused ? ", though the program refused it" : "");
	if (!o->refused)
		r->can_block = HB_CAN_BLOCK_ERROR; /* it never judged the name: no answer */
	else if (o->marked_errno == EPERM && o->marked_kept && o->others_removed == o->others)
		r->can_block = HB_CAN_BLOCK_YES;
	else
		r->can_block = HB_CAN_BLOCK_NO;
	if (!o->refused)
		snprintf(r->detail, sizeof(r->detail), "%s, and the deny program never refused it: "
			 "it did not run on that call", marked);
	else if (o->others_removed == o->others)
		snprintf(r->detail, sizeof(r->detail), "%s; the %u other names were removed",
			 marked, o->others);
	else
		snprintf(r->detail, sizeof(r->detail), "%s; %u of the %u other names were removed",
			 marked, o->others_removed, o->others);
}

static bool exists(int dirfd, const char *name)
{
	return faccessat(dirfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

static void other_name(char *buf, size_t len, unsigned i)
{
	snprintf(buf, len, "hookbench-file-%u", i);
}

/* Remove what the proof made in dirfd, whatever is left of it. */
static void clean(int dirfd, unsigned others)
{
	char name[64];

	unlinkat(dirfd, HB_DENY_MARKED, 0);
	for (unsigned i = 0; i < others; i++) {
		other_name(name, sizeof(name), i);
		unlinkat(dirfd, name, 0);
	}
}

/*
 * Make the names in dirfd, remove them with s attached (its refusals
 * counted), detach it, then look. 0, or -errno with why when a name could not
 * be made or the counters read.
 */
static int remove_names(struct hb_session *s, int dirfd, struct hb_deny_outcome *o,
			char *why, size_t len)
{
	struct hb_counters before, after;
	char name[64];
	int err;

	memset(o, 0, sizeof(*o));
	err = hb_removal_make_name(dirfd, HB_DENY_MARKED, false);
	for (unsigned i = 0; !err && i < HB_DENY_OTHERS; i++) {
		other_name(name, sizeof(name), i);
		err = hb_removal_make_name(dirfd, name, false);
		o->others += !err;
	}
	if (err) {
		snprintf(why, len, "cannot make a file to remove: %s", strerror(-err));
		goto cleanup;
	}
	err = hb_session_read(s, &before);
	if (err) {
		snprintf(why, len, "cannot read the deny program's counters: %s", strerror(-err));
		goto cleanup;
	}
	o->marked_errno = unlinkat(dirfd, HB_DENY_MARKED, 0) ? errno : 0;
	for (unsigned i = 0; i < o->others; i++) {
		other_name(name, sizeof(name), i);
		unlinkat(dirfd, name, 0);
	}
	err = hb_session_read(s, &after);
	if (err) {
		snprintf(why, len, "cannot read the deny program's counters: %s", strerror(-err));
		goto cleanup;
	}
	o->refused = after.refused - before.refused;
	hb_session_detach(s);
	o->marked_kept = exists(dirfd, HB_DENY_MARKED);
	for (unsigned i = 0; i < o->others; i++) {
		other_name(name, sizeof(name), i);
		o->others_removed += !exists(dirfd, name);
	}
cleanup:
	hb_session_detach(s);
	clean(dirfd, o->others);
	return err;
}

int hb_deny_prove(const struct hb_probe_env *env, const struct hb_hook *hook,
		  struct hb_support *sup, int dirfd, struct hb_deny_result *r)
{
	char why[400] = "", verifier[200] = "", reason[400];
	struct hb_session_opts so = {
		.hook = hook, .payload = HB_PAYLOAD_DENY, .target = sup->target,
		.offset = sup->offset, .tgid = getpid(), .btf_path = env->btf_path,
		.btf = env->btf, .verifier_line = verifier, .verifier_line_len = sizeof(verifier),
	};
	struct hb_session *s = NULL;
	struct hb_support deny;
	struct hb_deny_outcome o;
	int err;

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
	if (hb_probe_attach(env, &so, sup, &s, reason, sizeof(reason))) {
		/*
		 * The hook runs here (sup says so) and the verifier refused only its
		 * deny program: this kind may not return a verdict (fentry/fexit must
		 * return 0), which is the answer.
		 */
		if (*verifier)
			r->can_block = HB_CAN_BLOCK_NO;
		snprintf(r->detail, sizeof(r->detail), "the kernel refused the deny program: %s", reason);
		return 0;
	}
	err = remove_names(s, dirfd, &o, why, sizeof(why));
	if (err) {
		r->can_block = HB_CAN_BLOCK_ERROR;
		snprintf(r->detail, sizeof(r->detail), "the proof failed: %s", why);
	} else {
		hb_deny_judge(&o, r);
		err = r->can_block == HB_CAN_BLOCK_ERROR ? -EPROTO : 0;
	}
	hb_session_close(s);
	return err;
}
