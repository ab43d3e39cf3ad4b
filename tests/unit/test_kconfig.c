// SPDX-License-Identifier: GPL-2.0-only
/* Kernel-config parsing on fixture text. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "readfile.h"
#include "tap.h"

static int load(const char *fixture, struct hb_kconfig *kc)
{
	char path[512], why[600], *text = NULL;
	size_t len = 0;
	int err;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, fixture);
	err = hb_read_file(path, 1 << 20, &text, &len, why, sizeof(why));
	memset(kc, 0, sizeof(*kc));
	if (!err)
		err = hb_kconfig_parse(text, len, kc);
	free(text);
	return err;
}

int main(void)
{
	struct hb_kconfig kc;
	char model[64];

	TAP_OK(load("config-6.18-host.txt", &kc) == 0, "the host's config parses");
	TAP_STREQ(hb_kconfig_get(&kc, "KPROBES"), "n", "'is not set' reads as n");
	TAP_OK(!hb_kconfig_enabled(&kc, "KPROBES"), "KPROBES is not enabled");
	TAP_STREQ(hb_kconfig_get(&kc, "CONFIG_HAVE_KPROBES"), "y", "the CONFIG_ prefix is optional");
	TAP_STREQ(hb_kconfig_get(&kc, "CC_VERSION_TEXT"), "\"gcc (GCC) 13.2.0\"", "string values are kept");
	TAP_STREQ(hb_kconfig_get(&kc, "LOG_BUF_SHIFT"), "18", "numbers are kept");
	TAP_OK(hb_kconfig_get(&kc, "OPTPROBES") == NULL, "an absent symbol is unknown, not n");
	TAP_OK(hb_kconfig_get(&kc, "KPROBE") == NULL, "prefixes do not match");
	hb_kconfig_preempt_model(&kc, model, sizeof(model));
	TAP_STREQ(model, "none+dynamic", "PREEMPT_NONE with PREEMPT_DYNAMIC");
	hb_kconfig_free(&kc);

	TAP_OK(load("config-rt-crlf.txt", &kc) == 0, "a CRLF config parses");
	TAP_STREQ(hb_kconfig_get(&kc, "KPROBES"), "y", "CR is stripped");
	TAP_OK(hb_kconfig_enabled(&kc, "TAIL"), "the last line without a newline counts (=m)");
	TAP_OK(hb_kconfig_get(&kc, "FPROBE") == NULL, "malformed 'not set' lines are ignored");
	TAP_OK(hb_kconfig_get(&kc, "FOO") == NULL, "'is not set' must end the line");
	TAP_OK(hb_kconfig_get(&kc, "") == NULL, "an empty symbol is ignored");
	hb_kconfig_preempt_model(&kc, model, sizeof(model));
	TAP_STREQ(model, "rt+dynamic", "PREEMPT_RT wins");
	hb_kconfig_free(&kc);

	memset(&kc, 0, sizeof(kc));
	hb_kconfig_preempt_model(&kc, model, sizeof(model));
	TAP_STREQ(model, "unknown", "no config: unknown preemption model");
	return tap_done();
}
