/* SPDX-License-Identifier: GPL-2.0-only */
/* The running kernel's build configuration. */
#ifndef HB_KCONFIG_H
#define HB_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct hb_kconfig_entry {
	char *key;   /* without the CONFIG_ prefix */
	char *value; /* "y", "m", a number or string; "n" for "is not set" */
};

struct hb_kconfig {
	struct hb_kconfig_entry *entries;
	size_t n, cap;
	char source[256]; /* where it was read from, empty when unknown */
};

/*
 * Parse kernel config text ("CONFIG_X=y", "# CONFIG_X is not set").
 * Other lines are ignored. Returns 0 or -ENOMEM; free with hb_kconfig_free().
 */
int hb_kconfig_parse(const char *text, size_t len, struct hb_kconfig *kc);

/*
 * Read the running kernel's config from /proc/config.gz, else
 * /boot/config-$(uname -r). Returns 0, -ENOENT when neither exists, or
 * another -errno.
 */
int hb_kconfig_load_running(struct hb_kconfig *kc);

/* "y", "m", "n" or the value; NULL when the key is absent (unknown). */
const char *hb_kconfig_get(const struct hb_kconfig *kc, const char *key);

/* True only when the key is "y" or "m". */
int hb_kconfig_enabled(const struct hb_kconfig *kc, const char *key);

/* True only when the config says the key "is not set" (not when it is unknown). */
bool hb_kconfig_disabled(const struct hb_kconfig *kc, const char *key);

/*
 * The preemption model as built: "none", "voluntary", "full", "rt" or
 * "lazy", with "+dynamic" when PREEMPT_DYNAMIC is set; "unknown" without config.
 */
void hb_kconfig_preempt_model(const struct hb_kconfig *kc, char *buf, size_t len);

void hb_kconfig_free(struct hb_kconfig *kc);

#endif
