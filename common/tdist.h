/* SPDX-License-Identifier: GPL-2.0-only */
/* Student's t distribution, for intervals from a handful of replicate estimates. */
#ifndef HB_TDIST_H
#define HB_TDIST_H

/* P(T <= t) for T ~ Student t with df > 0 degrees of freedom; NAN for bad input. */
double hb_t_cdf(double t, double df);

/* The t with P(T <= t) = p, 0 < p < 1, df > 0; NAN for bad input. */
double hb_t_quantile(double p, double df);

#endif
