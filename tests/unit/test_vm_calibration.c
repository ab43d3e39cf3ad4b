// SPDX-License-Identifier: GPL-2.0-only
/* The emulated half's calibration: the proxy's error and the kprobe ratio it widens, on known answers. */
#include <math.h>
#include <string.h>

#include "tap.h"
#include "vm_calibration.h"

static struct hb_estimate ratio(double v, double low, double high)
{
	return (struct hb_estimate){ .ok = true, .est = v, .low = low, .high = high };
}

static void test_error(void)
{
	struct hb_estimate e = hb_vm_proxy_error(ratio(0.84, 0.80, 0.90), ratio(0.56, 0.50, 0.60));

	TAP_OK(e.ok, "a host and a guest ratio give an error");
	TAP_NEAR(e.est, 1.5, 1e-12, "E = H / G = 0.84 / 0.56");
	TAP_NEAR(e.low, 0.80 / 0.60, 1e-12, "its low end: the host's low over the guest's high");
	TAP_NEAR(e.high, 0.90 / 0.50, 1e-12, "its high end: the host's high over the guest's low");
	e = hb_vm_proxy_error(ratio(0.5, NAN, NAN), ratio(0.5, 0.4, 0.625));
	TAP_OK(e.ok && fabs(e.low - 0.8) < 1e-12 && fabs(e.high - 1.25) < 1e-12,
	       "a host ratio without an interval stands for its own bounds");
	e = hb_vm_proxy_error(ratio(0.5, -0.2, 1.0), ratio(0.5, 0.4, 0.6));
	TAP_OK(e.ok && e.low == 0, "a host interval reaching below 0 gives an error from 0");
	TAP_OK(!hb_vm_proxy_error(ratio(0.5, 0.4, 0.6), ratio(0.5, 0, 0.6)).ok,
	       "a guest interval reaching 0 gives none (it would divide by 0)");
	TAP_OK(!hb_vm_proxy_error(ratio(0, 0, 0.1), ratio(0.5, 0.4, 0.6)).ok, "nor does a host ratio of 0");
	TAP_OK(!hb_vm_proxy_error((struct hb_estimate){ 0 }, ratio(0.5, 0.4, 0.6)).ok,
	       "nor a hook the host did not measure");
}

static void test_calibrate(void)
{
	struct hb_estimate kprobe = ratio(0.83, 0.83, 0.83), ones[] = { ratio(1, 1, 1), ratio(1, 1, 1) };
	struct hb_estimate one_two[] = { ratio(1, 1, 1), ratio(2, 2, 2) };
	struct hb_estimate spread[] = { ratio(1.5, 1.2, 1.8), ratio(0.9, 0.7, 1.1) };
	struct hb_vm_calibrated c = hb_vm_calibrate(ratio(0.83, 0.80, 0.86), ones, 2);

	TAP_OK(c.calibrated && c.used == 2, "two errors: calibrated by both");
	TAP_OK(c.ratio.est == 0.83 && c.ratio.low == 0.80 && c.ratio.high == 0.86,
	       "errors all 1: the guest's interval, unchanged");
	c = hb_vm_calibrate(ratio(0.83, 0.80, 0.86), one_two, 2);
	TAP_NEAR(c.ratio.high, 1.72, 1e-12, "one error of 2: the high end doubled");
	TAP_NEAR(c.ratio.low, 0.80, 1e-12, "and the low end kept (no error below 1)");
	TAP_NEAR(c.ratio.est, 0.83, 1e-12, "the estimate stays the guest's");
	c = hb_vm_calibrate(kprobe, spread, 2);
	TAP_NEAR(c.factor_low, 0.7, 1e-12, "the widening factor below: the lowest error's low end");
	TAP_NEAR(c.factor_high, 1.8, 1e-12, "above: the highest error's high end");
	TAP_OK(fabs(c.ratio.low - 0.83 * 0.7) < 1e-12 && fabs(c.ratio.high - 0.83 * 1.8) < 1e-12,
	       "a zero-width guest interval (0.83 [0.83, 0.83]) comes out [0.581, 1.494]: never zero-width");
	c = hb_vm_calibrate(kprobe, NULL, 0);
	TAP_OK(!c.calibrated && c.used == 0, "no hook measured on both sides: uncalibrated");
	TAP_OK(c.ratio.low == 0.83 && c.ratio.high == 0.83, "and the guest's interval, not widened");
	struct hb_estimate unusable[] = { hb_vm_proxy_error(ratio(0.5, 0.4, 0.6), ratio(0.5, 0, 0.6)) };
	c = hb_vm_calibrate(kprobe, unusable, 1);
	TAP_OK(!c.calibrated, "errors that are not ok do not calibrate");
}

static void test_distance(void)
{
	char buf[160];

	hb_vm_version_distance("6.18.15+deb13-cloud-amd64", "6.18.44-fc-v782", buf, sizeof(buf));
	TAP_STREQ(buf, "guest 6.18.15, the host's 6.18.44: same major.minor", "same major.minor: %s", buf);
	hb_vm_version_distance("6.12.118+deb13-cloud-amd64", "6.18.44-fc-v782", buf, sizeof(buf));
	TAP_STREQ(buf, "6.12 for a 6.18 host: 6 minor versions apart", "6.12 guest, 6.18 host: %s", buf);
	hb_vm_version_distance("6.17.13+deb13-cloud-amd64", "6.18.2", buf, sizeof(buf));
	TAP_STREQ(buf, "6.17 for a 6.18 host: 1 minor version apart", "one apart: %s", buf);
	hb_vm_version_distance("6.12.118+deb13-cloud-amd64", "7.2.1", buf, sizeof(buf));
	TAP_STREQ(buf, "6.12 for a 7.2 host: another major version", "another major: %s", buf);
	hb_vm_version_distance("6.1.0-57-cloud-amd64", "?", buf, sizeof(buf));
	TAP_STREQ(buf, "guest 6.1.0-57-cloud-amd64, host ?", "an unknown host release: %s", buf);
}

int main(void)
{
	test_error();
	test_calibrate();
	test_distance();
	return tap_done();
}
