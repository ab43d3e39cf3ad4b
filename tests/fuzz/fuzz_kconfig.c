// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: kernel config text (/proc/config.gz, /boot/config-*). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "kconfig.h"

/* Keys hookbench asks about (loaders/probe.c, bench/meta.c). */
static const char *const probe_keys[] = {
	"KPROBES", "OPTPROBES", "KPROBES_ON_FTRACE", "KPROBE_EVENTS", "KRETPROBES",
	"FPROBE", "FTRACE_SYSCALLS", "BPF_EVENTS", "DEBUG_INFO_BTF", "X86_KERNEL_IBT",
	"CONFIG_PREEMPT_DYNAMIC", "PREEMPT", "", "CONFIG_",
};

/* Each model hb_kconfig_preempt_model() may name, with the key that selects it. */
static const struct { const char *name, *key; } models[] = {
	{ "rt", "PREEMPT_RT" }, { "lazy", "PREEMPT_LAZY" }, { "full", "PREEMPT" },
	{ "voluntary", "PREEMPT_VOLUNTARY" }, { "none", "PREEMPT_NONE" },
};

static int is_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static int is_yes(const char *v)
{
	return v && (strcmp(v, "y") == 0 || strcmp(v, "m") == 0);
}

/* The value hb_kconfig_get() must return for key: the first entry's. */
static const char *first_value(const struct hb_kconfig *kc, const char *key)
{
	for (size_t i = 0; i < kc->n; i++)
		if (strcmp(kc->entries[i].key, key) == 0)
			return kc->entries[i].value;
	return NULL;
}

static void check_entry(const struct hb_kconfig *kc, const struct hb_kconfig_entry *e)
{
	char prefixed[300];
	const char *first;

	FUZZ_CHECK(e->key && e->value);
	FUZZ_CHECK(e->key[0] != '\0');
	for (const char *c = e->key; *c; c++)
		FUZZ_CHECK(is_key_char(*c));
	FUZZ_CHECK(!strchr(e->value, '\n'));

	first = first_value(kc, e->key);
	FUZZ_CHECK(first != NULL);
	/* The CONFIG_ prefix is optional, so a key that itself starts with it needs it. */
	if (strncmp(e->key, "CONFIG_", 7) != 0)
		FUZZ_CHECK(hb_kconfig_get(kc, e->key) == first);
	if (snprintf(prefixed, sizeof(prefixed), "CONFIG_%s", e->key) < (int)sizeof(prefixed)) {
		FUZZ_CHECK(hb_kconfig_get(kc, prefixed) == first);
		FUZZ_CHECK(hb_kconfig_enabled(kc, prefixed) == is_yes(first));
	}
}

static void check_model(const struct hb_kconfig *kc)
{
	char buf[32], tiny[4];
	const char *key = NULL;
	int any = 0;
	size_t n;

	hb_kconfig_preempt_model(kc, buf, sizeof(buf));
	FUZZ_CHECK(fuzz_terminated(buf, sizeof(buf)));
	n = strcspn(buf, "+");
	FUZZ_CHECK(buf[n] == '\0' || strcmp(buf + n, "+dynamic") == 0);
	FUZZ_CHECK((buf[n] != '\0') == hb_kconfig_enabled(kc, "PREEMPT_DYNAMIC"));
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		any |= hb_kconfig_enabled(kc, models[i].key);
		if (strlen(models[i].name) == n && strncmp(buf, models[i].name, n) == 0)
			key = models[i].key;
	}
	/* "unknown" exactly when no model is enabled; otherwise an enabled one. */
	if (key)
		FUZZ_CHECK(hb_kconfig_enabled(kc, key));
	else
		FUZZ_CHECK(n == 7 && strncmp(buf, "unknown", 7) == 0 && !any);

	/* A short buffer is cut, never overrun. */
	hb_kconfig_preempt_model(kc, tiny, sizeof(tiny));
	FUZZ_CHECK(fuzz_terminated(tiny, sizeof(tiny)));
	FUZZ_CHECK(strncmp(tiny, buf, sizeof(tiny) - 1) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hb_kconfig kc;
	size_t lines = 1;
	int err;

	memset(&kc, 0, sizeof(kc));
	/* Not NUL-terminated on purpose: the parser must keep within len. */
	err = hb_kconfig_parse((const char *)data, size, &kc);
	FUZZ_CHECK(err == 0 || err == -ENOMEM);
	FUZZ_CHECK(kc.n <= kc.cap);
	FUZZ_CHECK(kc.n == 0 || kc.entries);
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	FUZZ_CHECK(kc.n <= lines);

	if (!err) {
		for (size_t i = 0; i < kc.n; i++)
			check_entry(&kc, &kc.entries[i]);
		for (size_t i = 0; i < sizeof(probe_keys) / sizeof(probe_keys[0]); i++) {
			const char *v = hb_kconfig_get(&kc, probe_keys[i]);

			FUZZ_CHECK(hb_kconfig_enabled(&kc, probe_keys[i]) == is_yes(v));
		}
		/* Keys are never empty. */
		FUZZ_CHECK(hb_kconfig_get(&kc, "") == NULL);
		FUZZ_CHECK(hb_kconfig_get(&kc, "CONFIG_") == NULL);
		check_model(&kc);
	}

	hb_kconfig_free(&kc);
	FUZZ_CHECK(kc.n == 0 && kc.entries == NULL);
	return 0;
}
