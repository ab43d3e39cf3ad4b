// SPDX-License-Identifier: GPL-2.0-only
#include "mitigations.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#define SHORT_MAX 40

void hb_mitigation_short(const char *text, char *buf, size_t len)
{
	const char *and;
	size_t n;

	if (!strcmp(text, "Not affected")) {
		snprintf(buf, len, "%s", "");
		return;
	}
	if (!strncmp(text, "Mitigation: ", 12))
		text += 12;
	n = strcspn(text, ";");
	and = strstr(text, " and ");
	if (and && (size_t)(and - text) < n)
		n = (size_t)(and - text);
	while (n && text[n - 1] == ' ')
		n--;
	if (n > SHORT_MAX)
		snprintf(buf, len, "%.*s...", SHORT_MAX - 3, text);
	else
		snprintf(buf, len, "%.*s", (int)n, text);
	if (!strncmp(buf, "Vulnerable", 10))
		buf[0] = 'v';
}

void hb_mitigations_summary(struct json_object *mitigations, char *buf, size_t len)
{
	size_t used = 0;

	snprintf(buf, len, "%s", mitigations && json_object_is_type(mitigations, json_type_object)
					 ? "none" : "unknown");
	if (!mitigations || !json_object_is_type(mitigations, json_type_object))
		return;
	json_object_object_foreach(mitigations, name, value) {
		const char *text = json_object_get_string(value);
		char s[SHORT_MAX + 1];

		if (!text)
			continue;
		hb_mitigation_short(text, s, sizeof(s));
		if (!s[0] || used >= len)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s (%s)", used ? ", " : "", name, s);
	}
}
