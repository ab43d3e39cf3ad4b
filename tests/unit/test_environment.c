// SPDX-License-Identifier: GPL-2.0-only
/* report.md's Environment: the CPU mitigations, short. */
#include <json-c/json.h>
#include <string.h>

#include "mitigations.h"
#include "tap.h"

int main(void)
{
	struct json_object *m = json_tokener_parse(
		"{\"meltdown\": \"Mitigation: PTI\", \"mds\": \"Not affected\","
		" \"spec_store_bypass\": \"Vulnerable\","
		" \"spectre_v1\": \"Mitigation: usercopy/swapgs barriers and __user pointer sanitization\","
		" \"spectre_v2\": \"Mitigation: Retpolines; STIBP: disabled; RSB filling\"}");
	struct json_object *clean = json_tokener_parse("{\"mds\": \"Not affected\", \"l1tf\": \"Not affected\"}");
	char s[512];

	hb_mitigation_short("Mitigation: Retpolines; STIBP: disabled; RSB filling", s, sizeof(s));
	TAP_STREQ(s, "Retpolines", "a mitigation up to its first ';'");
	hb_mitigation_short("Not affected", s, sizeof(s));
	TAP_STREQ(s, "", "'Not affected' is left out");
	hb_mitigation_short("Vulnerable: No microcode", s, sizeof(s));
	TAP_STREQ(s, "vulnerable: No microcode", "'Vulnerable' is kept, in lower case");
	hb_mitigation_short("Mitigation: usercopy/swapgs barriers and __user pointer sanitization", s,
			    sizeof(s));
	TAP_STREQ(s, "usercopy/swapgs barriers", "cut at ' and '");
	hb_mitigation_short("Mitigation: Clear CPU buffers, SMT vulnerable, microcode present, kernel patched",
			    s, sizeof(s));
	TAP_OK(strlen(s) == 40 && !strcmp(s + 37, "..."), "longer than 40: cut with '...' (%s)", s);

	hb_mitigations_summary(m, s, sizeof(s));
	TAP_STREQ(s, "meltdown (PTI), spec_store_bypass (vulnerable), spectre_v1 (usercopy/swapgs "
		  "barriers), spectre_v2 (Retpolines)", "the affected ones, in order, short");
	hb_mitigations_summary(clean, s, sizeof(s));
	TAP_STREQ(s, "none", "none affected: none");
	hb_mitigations_summary(NULL, s, sizeof(s));
	TAP_STREQ(s, "unknown", "no mitigations object: unknown");
	json_object_put(m);
	json_object_put(clean);
	return tap_done();
}
