// SPDX-License-Identifier: GPL-2.0-only
#include "kconfig.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

#include "open_regular.h"

static int add_entry(struct hb_kconfig *kc, const char *key, size_t klen,
		     const char *val, size_t vlen)
{
	struct hb_kconfig_entry *e;

	if (kc->n == kc->cap) {
		size_t cap = kc->cap ? kc->cap * 2 : 256;
		void *p = realloc(kc->entries, cap * sizeof(*kc->entries));

		if (!p)
			return -ENOMEM;
		kc->entries = p;
		kc->cap = cap;
	}
	e = &kc->entries[kc->n];
	e->key = strndup(key, klen);
	e->value = strndup(val, vlen);
	if (!e->key || !e->value) {
		free(e->key);
		free(e->value);
		return -ENOMEM;
	}
	kc->n++;
	return 0;
}

static int is_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static int parse_line(struct hb_kconfig *kc, const char *line, size_t len)
{
	static const char not_set[] = " is not set";
	const size_t nslen = sizeof(not_set) - 1;
	size_t k = 0;

	if (len > 9 && strncmp(line, "# CONFIG_", 9) == 0) {
		line += 9;
		len -= 9;
		while (k < len && is_key_char(line[k]))
			k++;
		if (k == 0 || len - k != nslen || strncmp(line + k, not_set, nslen) != 0)
			return 0;
		return add_entry(kc, line, k, "n", 1);
	}
	if (len > 7 && strncmp(line, "CONFIG_", 7) == 0) {
		line += 7;
		len -= 7;
		while (k < len && is_key_char(line[k]))
			k++;
		if (k == 0 || k >= len || line[k] != '=')
			return 0;
		return add_entry(kc, line, k, line + k + 1, len - k - 1);
	}
	return 0;
}

int hb_kconfig_parse(const char *text, size_t len, struct hb_kconfig *kc)
{
	const char *p = text, *end = text + len;
	int err = 0;

	while (p < end && !err) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t llen = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (llen && p[llen - 1] == '\r')
			llen--;
		err = parse_line(kc, p, llen);
		p = nl ? nl + 1 : end;
	}
	return err;
}

/* Read a whole (possibly gzip-compressed) file; zlib reads plain files too. */
static int read_file(const char *path, char **out, size_t *outlen)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL;
	gzFile gz;
	int fd, err = 0, n;

	fd = hb_open_regular(path, NULL, 0);
	if (fd < 0)
		return fd;
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return -ENOMEM;
	}
	buf = malloc(cap);
	if (!buf) {
		err = -ENOMEM;
		goto cleanup;
	}
	while ((n = gzread(gz, buf + len, (unsigned)(cap - len))) > 0) {
		len += (size_t)n;
		if (len == cap) {
			char *p = realloc(buf, cap * 2);

			if (!p) {
				err = -ENOMEM;
				goto cleanup;
			}
			buf = p;
			cap *= 2;
		}
	}
	if (n < 0)
		err = -EIO;
cleanup:
	gzclose(gz);
	if (err) {
		free(buf);
		return err;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

int hb_kconfig_load_running(struct hb_kconfig *kc)
{
	char boot[300], *text = NULL;
	const char *paths[2] = { "/proc/config.gz", boot };
	struct utsname u;
	size_t len = 0;
	int err = -ENOENT;

	uname(&u);
	snprintf(boot, sizeof(boot), "/boot/config-%s", u.release);
	for (size_t i = 0; i < 2; i++) {
		err = read_file(paths[i], &text, &len);
		if (err == 0) {
			snprintf(kc->source, sizeof(kc->source), "%s", paths[i]);
			break;
		}
	}
	if (err)
		return err;
	err = hb_kconfig_parse(text, len, kc);
	free(text);
	return err;
}

const char *hb_kconfig_get(const struct hb_kconfig *kc, const char *key)
{
	if (strncmp(key, "CONFIG_", 7) == 0)
		key += 7;
	for (size_t i = 0; i < kc->n; i++)
		if (strcmp(kc->entries[i].key, key) == 0)
			return kc->entries[i].value;
	return NULL;
}

int hb_kconfig_enabled(const struct hb_kconfig *kc, const char *key)
{
	const char *v = hb_kconfig_get(kc, key);

	return v && (strcmp(v, "y") == 0 || strcmp(v, "m") == 0);
}

bool hb_kconfig_disabled(const struct hb_kconfig *kc, const char *key)
{
	const char *v = hb_kconfig_get(kc, key);

	return v && strcmp(v, "n") == 0;
}

void hb_kconfig_preempt_model(const struct hb_kconfig *kc, char *buf, size_t len)
{
	static const struct { const char *key, *name; } models[] = {
		{ "PREEMPT_RT", "rt" },
		{ "PREEMPT_LAZY", "lazy" },
		{ "PREEMPT", "full" },
		{ "PREEMPT_VOLUNTARY", "voluntary" },
		{ "PREEMPT_NONE", "none" },
	};
	const char *model = "unknown";

	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		if (hb_kconfig_enabled(kc, models[i].key)) {
			model = models[i].name;
			break;
		}
	}
	snprintf(buf, len, "%s%s", model,
		 hb_kconfig_enabled(kc, "PREEMPT_DYNAMIC") ? "+dynamic" : "");
}

void hb_kconfig_free(struct hb_kconfig *kc)
{
	for (size_t i = 0; i < kc->n; i++) {
		free(kc->entries[i].key);
		free(kc->entries[i].value);
	}
	free(kc->entries);
	kc->entries = NULL;
	kc->n = kc->cap = 0;
}
