// SPDX-License-Identifier: GPL-2.0-only
#include "hyperfine_export.h"

#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "json_read.h"

/* Each command's sum of fields (a NULL-terminated list), the last entry for it counting. */
static void take(struct json_object *doc, const char *const *cmds, size_t n, const char *const *fields,
		 double *out)
{
	struct json_object *results = hb_jget(doc, "results");
	size_t len = json_object_is_type(results, json_type_array) ?
			     json_object_array_length(results) : 0;

	for (size_t c = 0; c < n; c++)
		out[c] = NAN;
	for (size_t i = 0; i < len; i++) {
		struct json_object *item = json_object_array_get_idx(results, i);
		const char *command = hb_jstr(item, "command", NULL);
		double sum = 0;

		for (const char *const *f = fields; *f; f++)
			sum += hb_jnum(item, *f, NAN);
		for (size_t c = 0; c < n && command; c++)
			if (!strcmp(command, cmds[c]) && !isnan(sum))
				out[c] = sum;
	}
}

void hb_hyperfine_means(struct json_object *doc, const char *const *cmds, size_t n, double *means)
{
	take(doc, cmds, n, (const char *const[]){ "mean", NULL }, means);
}

void hb_hyperfine_cpu(struct json_object *doc, const char *const *cmds, size_t n, double *cpu)
{
	take(doc, cmds, n, (const char *const[]){ "user", "system", NULL }, cpu);
}
