// SPDX-License-Identifier: GPL-2.0-only
#include "share.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mix.h"
#include "parse.h"
#include "results.h"

int hb_share_parse(const char *arg, double *value, char *why, size_t len)
{
	char num[64];
	size_t n = strlen(arg);
	double pct;

	if (n && arg[n - 1] == '%')
		n--;
	if (n < sizeof(num)) {
		memcpy(num, arg, n);
		num[n] = '\0';
	}
	if (n >= sizeof(num) || hb_parse_double(num, 0, 100, &pct)) {
		snprintf(why, len, "invalid --share '%.64s': must be a percentage from 0 to 100 "
			 "(0.5 or 0.5%% means 0.5%% of all syscalls are unlinkat)", arg);
		return -EINVAL;
	}
	*value = pct / 100;
	return 0;
}

/* r->share from the mix file at path, named as label in the page. */
static int from_mix(struct hb_results *r, const char *path, const char *label, char *why, size_t len)
{
	char described[200];
	struct hb_mix m;
	int err = hb_mix_read(path, &m, why, len);

	if (err == -ENOENT)
		snprintf(why, len, "--mix %.300s: no such file", path);
	if (err)
		return err == -ENOMEM ? err : -EINVAL;
	hb_mix_describe(&m, described, sizeof(described));
	r->share.value = m.share;
	snprintf(r->share.source, sizeof(r->share.source), "%.100s: %.150s", label, described);
	return 1;
}

int hb_share_resolve(struct hb_results *r, const char *share_arg, const char *mix_path, char *why,
		     size_t len)
{
	char path[PATH_MAX + 32];
	struct stat st;
	double v;

	if (share_arg && mix_path) {
		snprintf(why, len, "give --share or --mix, not both");
		return -EINVAL;
	}
	if (share_arg) {
		if (hb_share_parse(share_arg, &v, why, len))
			return -EINVAL;
		r->share.value = v;
		snprintf(r->share.source, sizeof(r->share.source), "given with --share");
		return 1;
	}
	if (mix_path)
		return from_mix(r, mix_path, mix_path, why, len);
	snprintf(path, sizeof(path), "%s/%s", r->dir, HB_MIX_FILE);
	if (stat(path, &st) == 0)
		return from_mix(r, path, HB_MIX_FILE, why, len);
	return 0;
}
