// SPDX-License-Identifier: GPL-2.0-only
/* The proxy's error (host ratio / guest ratio) and the kprobe ratio it widens (vm_calibration.h). */
#include <math.h>
#include <stdio.h>

#include "vm_calibration.h"

/* est's low and high, each its estimate where missing. */
static void bounds(struct hb_estimate e, double *low, double *high)
{
	*low = isnan(e.low) ? e.est : e.low;
	*high = isnan(e.high) ? e.est : e.high;
}

struct hb_estimate hb_vm_proxy_error(struct hb_estimate host, struct hb_estimate guest)
{
	struct hb_estimate e = { .ok = false, .est = NAN, .low = NAN, .high = NAN };
	double h_low, h_high, g_low, g_high;

	if (!host.ok || !guest.ok || isnan(host.est) || isnan(guest.est))
		return e;
	bounds(host, &h_low, &h_high);
	bounds(guest, &g_low, &g_high);
	if (!(host.est > 0) || !(g_low > 0))
		return e;
	e.ok = true;
	e.est = host.est / guest.est;
	e.low = fmax(h_low, 0) / g_high;
	e.high = h_high / g_low;
	return e;
}

struct hb_vm_calibrated hb_vm_calibrate(struct hb_estimate guest, const struct hb_estimate *errors,
					size_t n)
{
	struct hb_vm_calibrated c = { .factor_low = 1, .factor_high = 1, .ratio = guest };
	double low, high;

	for (size_t i = 0; i < n; i++) {
		if (!errors[i].ok)
			continue;
		c.used++;
		c.factor_low = fmin(c.factor_low, errors[i].low);
		c.factor_high = fmax(c.factor_high, errors[i].high);
	}
	c.calibrated = c.used > 0 && guest.ok;
	if (!c.calibrated)
		return c;
	bounds(guest, &low, &high);
	c.ratio.low = low * c.factor_low;
	c.ratio.high = high * c.factor_high;
	return c;
}

void hb_vm_version_distance(const char *guest, const char *host, char *buf, size_t len)
{
	unsigned gmaj, gmin, gpatch = 0, hmaj, hmin, hpatch = 0;
	int gn = sscanf(guest, "%u.%u.%u", &gmaj, &gmin, &gpatch);
	int hn = sscanf(host, "%u.%u.%u", &hmaj, &hmin, &hpatch);
	unsigned apart;

	if (gn < 2 || hn < 2) {
		snprintf(buf, len, "guest %s, host %s", guest, host);
	} else if (gmaj == hmaj && gmin == hmin) {
		snprintf(buf, len, "guest %u.%u.%u, the host's %u.%u.%u: same major.minor", gmaj, gmin, gpatch,
			 hmaj, hmin, hpatch);
	} else if (gmaj == hmaj) {
		apart = gmin > hmin ? gmin - hmin : hmin - gmin;
		snprintf(buf, len, "%u.%u for a %u.%u host: %u minor version%s apart", gmaj, gmin, hmaj, hmin,
			 apart, apart == 1 ? "" : "s");
	} else {
		snprintf(buf, len, "%u.%u for a %u.%u host: another major version", gmaj, gmin, hmaj, hmin);
	}
}
