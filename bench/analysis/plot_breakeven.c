// SPDX-License-Identifier: GPL-2.0-only
/*
 * The break-even chart: each hook's added cost per 1000 syscalls against
 * the share of them that are unlinkat(), from its enoent and other rows.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "breakeven.h"
#include "decision.h"
#include "plot.h"
#include "plot_parts.h"

#define SHARE_POINTS 61 /* 0.1% to 100%, 20 to a decade */
#define NOTE_MAX 512

static void write_series(FILE *f, const struct hb_be_hook *h, bool first)
{
	fprintf(f, "%s# %s\n", first ? "" : "\n\n", h->hook);
	for (int k = 0; k < SHARE_POINTS; k++) {
		double s = pow(10, -3 + 3.0 * k / (SHARE_POINTS - 1));
		struct hb_estimate t = hb_breakeven_total(h->unlinkat, h->other, s);

		fprintf(f, "%.6g", s);
		plot_dat_num(f, t.est / 1000);
		plot_dat_num(f, t.low / 1000);
		plot_dat_num(f, t.high / 1000);
		fputc('\n', f);
	}
}

static const char *absent_why(enum hb_be_status status)
{
	return status == HB_BE_UNSUPPORTED ? "unsupported here" :
	       status == HB_BE_NO_OTHER ? "not measured on other syscalls" :
	       status == HB_BE_NOT_FIRED ? "fire only when a name is removed" : "the run failed for them";
}

/* The hooks left off the chart, grouped by why, for the line under it. */
static void absent_note(const struct hb_breakeven *be, char *buf, size_t len)
{
	static const enum hb_be_status reasons[] = { HB_BE_UNSUPPORTED, HB_BE_NO_OTHER, HB_BE_FAILED,
						     HB_BE_NOT_FIRED };
	size_t used = (size_t)snprintf(buf, len, "payload %s, %s thread(s); per other syscall: mode other, "
				       "or other_remote where that costs more", be->payload, be->threads);

	const char *lead = ". Absent: ";

	for (size_t w = 0; w < sizeof(reasons) / sizeof(reasons[0]) && used + 2 < len; w++) {
		bool first = true;

		for (size_t k = 0; k < be->n && used + 2 < len; k++) {
			if (be->hook[k].status != reasons[w])
				continue;
			used += (size_t)snprintf(buf + used, len - used, "%s%s", first ? lead : ", ",
						 be->hook[k].hook);
			first = false;
		}
		if (!first && used + 2 < len) {
			used += (size_t)snprintf(buf + used, len - used, " (%s)", absent_why(reasons[w]));
			lead = "; ";
		}
	}
}

/* gnuplot variables: the hooks drawn, the share decided at, and where the decision flips. */
static void vars(const struct hb_results *r, const struct hb_breakeven *be, const char *const *drawn,
		 size_t n, char *buf, size_t len)
{
	struct hb_decision d;
	struct hb_crossing c = { .crosses = false };
	size_t used = (size_t)snprintf(buf, len, "hooks='");
	const char *a = "", *z = "";

	for (size_t k = 0; k < n && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? " " : "", drawn[k]);
	if (!hb_decide(be, r->share.value, &d) && d.bucket != HB_FLIP_NONE) {
		c = d.flip;
		a = be->hook[d.best].hook;
		z = be->hook[d.crosser].hook;
	}
	if (used < len)
		used += (size_t)snprintf(buf + used, len - used, "'; share=%.6g; share_label='%.3g%% unlinkat (%s)'",
					 fmax(r->share.value, 0.001), 100 * r->share.value,
					 strcmp(r->share.source, "the default") ? "given" : "the default");
	if (used >= len)
		return;
	if (!c.crosses) {
		snprintf(buf + used, len - used, "; flip=-1; flip_low=0; flip_high=0; flip_label=''");
		return;
	}
	if (isnan(c.low) || isnan(c.high)) { /* no interval: the point alone */
		snprintf(buf + used, len - used, "; flip=%.6g; flip_low=%.6g; flip_high=%.6g; "
			 "flip_label='%s and %s cross at %.3g%%'", c.share, c.share, c.share, a, z, 100 * c.share);
		return;
	}
	snprintf(buf + used, len - used, "; flip=%.6g; flip_low=%.6g; flip_high=%.6g; "
		 "flip_label='%s and %s cross at %.3g%% [%.3g%%, %.3g%%]'", c.share, fmax(c.low, 0.001),
		 c.high, a, z, 100 * c.share, 100 * c.low, 100 * c.high);
}

bool hb_plot_breakeven_marks(const struct hb_results *r)
{
	char path[PATH_MAX + 32], line[64];
	double share;
	bool same = true;
	FILE *f;

	snprintf(path, sizeof(path), "%s/charts/breakeven.dat", r->dir);
	f = fopen(path, "re");
	if (!f)
		return true; /* no chart, nothing marked */
	same = fgets(line, sizeof(line), f) && sscanf(line, "# share %lf", &share) == 1 &&
	       fabs(share - r->share.value) <= 1e-6 * fmax(share, 1e-9);
	fclose(f);
	return same;
}

int plot_breakeven(const struct plot_ctx *p)
{
	const char *drawn[HB_BE_MAX_HOOKS];
	char extra[1024], note[NOTE_MAX];
	struct hb_breakeven be;
	size_t n = 0;
	FILE *f;

	hb_breakeven_collect(p->r, p->ref_payload, &be);
	if (hb_breakeven_cheapest(&be) < 0)
		return 0; /* no hook with both figures: nothing to draw */
	f = plot_open_dat(p, "breakeven");
	if (!f)
		return -errno;
	fprintf(f, "# share %.6g\n", p->r->share.value); /* what hb_plot_breakeven_marks() reads */
	for (size_t k = 0; k < be.n; k++) {
		if (be.hook[k].status != HB_BE_MEASURED)
			continue;
		write_series(f, &be.hook[k], n == 0);
		drawn[n++] = be.hook[k].hook;
	}
	if (fclose(f))
		return -errno;
	vars(p->r, &be, drawn, n, extra, sizeof(extra));
	absent_note(&be, note, sizeof(note));
	return plot_gnuplot(p, "breakeven", extra, note);
}
