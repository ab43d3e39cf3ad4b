/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How far the guest's instruction counts are from the host's time, measured:
 * hooks run both on the host (ns) and in the QEMU -icount guest (guest
 * instructions) give the proxy's error as a ratio of ratios, and the
 * kprobe's guest ratio is widened by it. Pure arithmetic; docs/method.md
 * has the same rules in prose.
 */
#ifndef HB_VM_CALIBRATION_H
#define HB_VM_CALIBRATION_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"

/*
 * The proxy's error for one hook: E = H / G, where H is its ratio to the
 * reference on the host (ns) and G the same ratio in the guest
 * (instructions). E = 1 where instruction counts rank hooks as time does.
 * Its interval divides the far ends: [H_low / G_high, H_high / G_low]; a
 * bound a ratio lacks (NaN) is its estimate. ok only when H > 0 and G's
 * low end > 0; a low end below 0 (H_low < 0) counts as 0.
 */
struct hb_estimate hb_vm_proxy_error(struct hb_estimate host, struct hb_estimate guest);

/* The kprobe's guest ratio with the proxy's errors applied. */
struct hb_vm_calibrated {
	bool calibrated;             /* at least one error was ok; else the guest interval alone */
	size_t used;                 /* how many errors were ok */
	double factor_low, factor_high; /* min(1, every E_low), max(1, every E_high) */
	struct hb_estimate ratio;    /* K, [K_low × factor_low, K_high × factor_high] */
};

/*
 * Widen guest (the kprobe's guest ratio K [K_low, K_high]) by the n errors:
 * the estimate stays K, the interval becomes [K_low × min(1, min E_low),
 * K_high × max(1, max E_high)]: never narrower than the guest's own, as wide
 * as the worst error found either way. Errors that are not ok are skipped;
 * with none left, calibrated is false and ratio is the guest's, unwidened.
 */
struct hb_vm_calibrated hb_vm_calibrate(struct hb_estimate guest, const struct hb_estimate *errors,
					size_t n);

/*
 * How far the guest kernel's version is from the host's, from their
 * releases ("6.18.15+deb13-cloud-amd64", "6.18.44-fc-v782"): "guest 6.18.15,
 * the host's 6.18.44: same major.minor", "6.12 for a 6.18 host: 6 minor
 * versions apart", "6.12 for a 7.2 host: another major version", or, for a
 * release that does not start with major.minor, "guest G, host H".
 */
void hb_vm_version_distance(const char *guest, const char *host, char *buf, size_t len);

#endif
