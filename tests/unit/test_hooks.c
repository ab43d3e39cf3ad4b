// SPDX-License-Identifier: GPL-2.0-only
/* The hook table: every row complete, its kind able to do what the row asks, its program there. */
#include <string.h>

#include "family.h"
#include "hooks.h"
#include "kinds/kind.h"
#include "tap.h"

static bool kind_complete(const struct hb_attach_ops *ops)
{
	return ops && ops->name && *ops->name && ops->probe && ops->attach &&
	       (!ops->flavour != !ops->flavour_of);
}

static bool program_exists(const struct hb_hook *h)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct hb_skel skel;
	bool found;

	if (hb_family_open(h->family, &opts, &skel))
		return false;
	found = bpf_object__find_program_by_name(skel.obj, h->prog) != NULL;
	hb_family_close(&skel);
	return found;
}

int main(void)
{
	const char *names[HB_MAX_HOOKS];
	size_t n = hb_hook_names(names);

	TAP_OK(hb_nhooks >= 1 && hb_nhooks <= HB_MAX_HOOKS, "%zu hooks, at most %d", hb_nhooks,
	       HB_MAX_HOOKS);
	TAP_OK(n == hb_nhooks, "hb_hook_names() gives one name per row");
	for (size_t i = 0; i < hb_nhooks; i++) {
		const struct hb_hook *h = &hb_hooks[i];
		bool unique = true;

		for (size_t j = 0; j < i; j++)
			unique &= strcmp(hb_hooks[j].name, h->name) != 0;
		TAP_OK(h->name && *h->name && unique && i < n && names[i] == h->name &&
		       hb_hook_find(h->name) == h, "%s: named once, found by name", h->name);
		TAP_OK(h->family && h->prog && h->stability && *h->stability,
		       "%s: object, program and stability given", h->name);
		TAP_OK(kind_complete(h->ops) && strcmp(hb_hook_kind(h), h->ops->name) == 0,
		       "%s: its kind (%s) probes, attaches and names a flavour", h->name,
		       h->ops ? h->ops->name : "none");
		TAP_OK(!h->at_offset || h->ops->find_offset, "%s: at_offset only on a kind that finds offsets",
		       h->name);
		TAP_OK(program_exists(h), "%s: bpf/%s.bpf.c has %s", h->name, h->family, h->prog);
	}
	TAP_OK(hb_hook_find("uprobe") == NULL, "an unknown name finds nothing");
	return tap_done();
}
