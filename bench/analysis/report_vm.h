/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated half's answer for the page's decision block: the kprobe's
 * cost in the QEMU -icount guest (DIR/vm/), calibrated against this host by
 * the hooks measured on both sides (vm_calibration.h). Nothing is printed.
 */
#ifndef HB_REPORT_VM_H
#define HB_REPORT_VM_H

#include <stdbool.h>
#include <stddef.h>

#include "report_parts.h"
#include "results.h"

struct report_kprobe_estimate {
	char kernel[128];      /* the guest's kernel.release: "6.18.15+deb13-cloud-amd64" */
	char host_kernel[128]; /* the host's */
	char distance[192];    /* "guest 6.18.15, the host's 6.18.44: same major.minor", ... */
	char reference[64];    /* the hook both sides' ratios are taken against: "tracepoint" */
	char unit[64];         /* the guest's unit: "guest instructions" */
	/* kprobe / reference per unlinkat() in the guest, with its between-run interval */
	struct hb_estimate guest;
	/* Some hook was measured on both sides (with a ratio): calibration_hooks of them. */
	bool calibrated;
	size_t calibration_hooks;
	/* The proxy's error range over them (host ratio / guest ratio): the widening factors. */
	double error_low, error_high;
	/* guest.est with the interval widened by that error; equal to guest when !calibrated */
	struct hb_estimate calibrated_ratio;
	/* What the kprobe and the reference add per other syscall in the guest (unit), 95% CI. */
	struct hb_estimate other, reference_other;
	bool biased; /* the guest's enoent control excludes 0 (its figures carry that bias) */
	/* What the kprobe and the reference saw in the guest (coverage.h), "" when not tried. */
	char sees[160], reference_sees[160];
};

/*
 * The kprobe's estimate from DIR/vm/'s rows of payload (mode enoent, and
 * other for the per-other-syscall figures), calibrated against rp's host
 * rows of the same payload and mode. Returns 0; -ENOENT when there is no
 * vm/ or no measured kprobe ratio there (kernel, host_kernel, distance and
 * unit are filled all the same when vm/ was read); -EINVAL when vm/ cannot
 * be read.
 */
int report_vm_kprobe_estimate(const struct report *rp, const char *payload,
			      struct report_kprobe_estimate *out);

/* The calibration table and the calibrated kprobe sentence, for the emulated section. */
void report_vm_calibration(const struct report *rp, const struct hb_results *vm);

#endif
