// SPDX-License-Identifier: GPL-2.0-only
#include "family.h"

#include <errno.h>
#include <string.h>

#include "tracepoint.skel.h"
#include "kprobe.skel.h"
#include "fentry.skel.h"
#include "deep.skel.h"

#define HB_FAMILY(fam)								\
	static void fam##_destroy(void *skel)					\
	{									\
		fam##_bpf__destroy(skel);					\
	}									\
	static int fam##_open(const struct bpf_object_open_opts *opts,		\
			      struct hb_skel *out)				\
	{									\
		struct fam##_bpf *skel = fam##_bpf__open_opts(opts);		\
										\
		if (!skel)							\
			return errno ? -errno : -EINVAL;			\
		out->skel = skel;						\
		out->obj = skel->obj;						\
		out->cfg = (struct hb_config *)&skel->rodata->hb_cfg;		\
		out->destroy = fam##_destroy;					\
		return 0;							\
	}

HB_FAMILY(tracepoint)
HB_FAMILY(kprobe)
HB_FAMILY(fentry)
HB_FAMILY(deep)

static const struct {
	const char *name;
	int (*open)(const struct bpf_object_open_opts *opts, struct hb_skel *out);
} families[] = {
	{ "tracepoint", tracepoint_open },
	{ "kprobe", kprobe_open },
	{ "fentry", fentry_open },
	{ "deep", deep_open },
};

int hb_family_open(const char *family, const struct bpf_object_open_opts *opts,
		   struct hb_skel *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (strcmp(families[i].name, family) == 0)
			return families[i].open(opts, out);
	return -ENOENT;
}

void hb_family_close(struct hb_skel *s)
{
	if (s->skel && s->destroy)
		s->destroy(s->skel);
	memset(s, 0, sizeof(*s));
}
