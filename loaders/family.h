/* SPDX-License-Identifier: GPL-2.0-only */
/* Opening a hook family's skeleton without knowing its generated type. */
#ifndef HB_FAMILY_H
#define HB_FAMILY_H

#include <bpf/libbpf.h>

#include "hookbench.h"

struct hb_skel {
	void *skel;
	struct bpf_object *obj;
	struct hb_config *cfg; /* the object's .rodata hb_cfg, writable until load */
	void (*destroy)(void *skel);
};

/* Open (not load) the family's object. Returns 0, -ENOENT for an unknown family, or -errno. */
int hb_family_open(const char *family, const struct bpf_object_open_opts *opts,
		   struct hb_skel *out);

/* Destroy what hb_family_open() made; safe on a zeroed struct. */
void hb_family_close(struct hb_skel *s);

#endif
