// SPDX-License-Identifier: GPL-2.0-only
/* The deny proof's verdict, and how many events a hook is expected to see per mode. */
#include <errno.h>
#include <string.h>

#include "deny_proof.h"
#include "measure.h"
#include "tap.h"

static void verdicts(void)
{
	struct hb_deny_outcome o = { .refused = 1, .marked_errno = EPERM, .marked_kept = true, .others = 3,
				     .others_removed = 3 };
	struct hb_deny_result r;

	hb_deny_judge(&o, &r);
	TAP_OK(r.can_block == HB_CAN_BLOCK_YES && strstr(r.detail, "failed with EPERM") &&
	       strstr(r.detail, "still there") && strstr(r.detail, "the 3 other names were removed"),
	       "EPERM, kept, others gone: yes (%s)", r.detail);
	o = (struct hb_deny_outcome){ .refused = 1, .marked_errno = 0, .marked_kept = false, .others = 3,
				      .others_removed = 3 };
	hb_deny_judge(&o, &r);
	TAP_OK(r.can_block == HB_CAN_BLOCK_NO && strstr(r.detail, "went through") &&
	       strstr(r.detail, "was removed, though the program refused it"),
	       "the program refused, the call went through: no (%s)", r.detail);
	o.refused = 0;
	hb_deny_judge(&o, &r);
	TAP_OK(r.can_block == HB_CAN_BLOCK_ERROR && strstr(r.detail, "never refused it"),
	       "a program that never refused the name gives no answer (%s)", r.detail);
	o.refused = 1;
	o = (struct hb_deny_outcome){ .refused = 1, .marked_errno = EPERM, .marked_kept = true, .others = 3,
				      .others_removed = 1 };
	hb_deny_judge(&o, &r);
	TAP_OK(r.can_block == HB_CAN_BLOCK_NO && strstr(r.detail, "1 of the 3 other names"),
	       "other names refused too: no (%s)", r.detail);
	o = (struct hb_deny_outcome){ .refused = 1, .marked_errno = EACCES, .marked_kept = true, .others = 3,
				      .others_removed = 3 };
	hb_deny_judge(&o, &r);
	TAP_OK(r.can_block == HB_CAN_BLOCK_NO && strstr(r.detail, strerror(EACCES)),
	       "another errno: no, named (%s)", r.detail);
	o = (struct hb_deny_outcome){ .refused = 1, .marked_errno = EPERM, .marked_kept = false, .others = 3,
				      .others_removed = 3 };
	hb_deny_judge(&o, &r);
	TAP_OK(r.can_block == HB_CAN_BLOCK_NO && strstr(r.detail, "is gone"),
	       "EPERM but the file gone: no (%s)", r.detail);
	TAP_OK(!strcmp(hb_can_block_name(HB_CAN_BLOCK_YES), "yes") &&
	       !strcmp(hb_can_block_name(HB_CAN_BLOCK_NO), "no") &&
	       !strcmp(hb_can_block_name(HB_CAN_BLOCK_NOT_RUN), "not run") &&
	       !strcmp(hb_can_block_name(HB_CAN_BLOCK_ERROR), "error"), "the words: yes, no, not run, error");
	TAP_OK(!strncmp(HB_DENY_MARKED, HB_DENY_PREFIX, strlen(HB_DENY_PREFIX)) &&
	       strncmp(STORM_CREATE_NAME, HB_DENY_PREFIX, strlen(HB_DENY_PREFIX)) &&
	       strncmp(STORM_ENOENT_NAME, HB_DENY_PREFIX, strlen(HB_DENY_PREFIX)),
	       "the marked name has the prefix, the workload's names do not");
}

static void expected_events(void)
{
	const struct hb_hook *tp = hb_hook_find("tracepoint"), *kp = hb_hook_find("kprobe");
	static const char *const deep[] = { "lsm", "kprobe_security", "fentry_security",
					    "kprobe_vfs", "fentry_vfs", "fmod_ret" };

	TAP_OK(hb_events_per_iteration(tp, STORM_MODE_ENOENT) == 1 &&
	       hb_events_per_iteration(kp, STORM_MODE_ENOENT) == 1,
	       "tracepoint and kprobe fire on a failed lookup");
	for (size_t i = 0; i < sizeof(deep) / sizeof(deep[0]); i++) {
		const struct hb_hook *h = hb_hook_find(deep[i]);

		TAP_OK(h && hb_events_per_iteration(h, STORM_MODE_ENOENT) == 0 &&
		       hb_events_per_iteration(h, STORM_MODE_CREATE) == 1 &&
		       hb_events_per_iteration(h, STORM_MODE_CHURN) == 1 &&
		       hb_events_per_iteration(h, STORM_MODE_OTHER) == 0,
		       "%s: 0 in enoent and other, 1 per iteration in create and churn", deep[i]);
	}
}

int main(void)
{
	verdicts();
	expected_events();
	return tap_done();
}
