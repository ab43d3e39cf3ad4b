// SPDX-License-Identifier: GPL-2.0-only
#include "schema.h"

#include <string.h>

const char *const hb_summary_columns[] = {
	"hook", "payload", "mode", "threads", "status", "reason", "blocks",
	"ops_per_block", "events_expected", "events_seen", "baseline_ns_per_op",
	"hooked_ns_per_op", "overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns",
	"prog_ns_per_run", "nmissed", "recursion_misses",
	/* more, after the fixed ones */
	"ci_level", "attach_point", "stability", "nmissed_reason", "capture_errors",
	"events_while_detached", "sample_filename", "attach_us_median", "timing", "clock",
	"ringbuf_drops", "consumer_ns_per_event", "events_source", "kprobe_flavour",
	"kernel",
	"reference_hook", "ratio_vs_reference", "ratio_between_run_low", "ratio_between_run_high",
	"ratio_earlier_runs", "replicates", "between_run_low_ns", "between_run_high_ns",
	"earlier_runs", "speed_states", "dispatch_ns", "body_ns", "total_ns_per_event",
	"foreign_programs", "flags", "unit",
};
const size_t hb_summary_ncolumns = sizeof(hb_summary_columns) / sizeof(hb_summary_columns[0]);
_Static_assert(sizeof(hb_summary_columns) / sizeof(hb_summary_columns[0]) == HB_SUMMARY_NCOLUMNS,
	       "HB_SUMMARY_NCOLUMNS counts the columns");

/* Every column that is not text; results.c's summary_values checks the same numbers. */
static const struct {
	const char *name;
	enum hb_column_type type;
} typed_columns[] = {
	{ "threads", HB_COLUMN_NUMBER },
	{ "blocks", HB_COLUMN_NUMBER },
	{ "ops_per_block", HB_COLUMN_NUMBER },
	{ "events_expected", HB_COLUMN_NUMBER },
	{ "events_seen", HB_COLUMN_NUMBER },
	{ "baseline_ns_per_op", HB_COLUMN_NUMBER },
	{ "hooked_ns_per_op", HB_COLUMN_NUMBER },
	{ "overhead_ns_per_event", HB_COLUMN_NUMBER },
	{ "ci95_low_ns", HB_COLUMN_NUMBER },
	{ "ci95_high_ns", HB_COLUMN_NUMBER },
	{ "prog_ns_per_run", HB_COLUMN_NUMBER },
	{ "nmissed", HB_COLUMN_NUMBER },
	{ "recursion_misses", HB_COLUMN_NUMBER },
	{ "ci_level", HB_COLUMN_NUMBER },
	{ "capture_errors", HB_COLUMN_NUMBER },
	{ "events_while_detached", HB_COLUMN_NUMBER },
	{ "attach_us_median", HB_COLUMN_NUMBER },
	{ "ringbuf_drops", HB_COLUMN_NUMBER },
	{ "consumer_ns_per_event", HB_COLUMN_NUMBER },
	{ "ratio_vs_reference", HB_COLUMN_NUMBER },
	{ "ratio_between_run_low", HB_COLUMN_NUMBER },
	{ "ratio_between_run_high", HB_COLUMN_NUMBER },
	{ "ratio_earlier_runs", HB_COLUMN_NUMBER },
	{ "replicates", HB_COLUMN_NUMBER },
	{ "between_run_low_ns", HB_COLUMN_NUMBER },
	{ "between_run_high_ns", HB_COLUMN_NUMBER },
	{ "earlier_runs", HB_COLUMN_NUMBER },
	{ "speed_states", HB_COLUMN_NUMBER },
	{ "dispatch_ns", HB_COLUMN_NUMBER },
	{ "body_ns", HB_COLUMN_NUMBER },
	{ "total_ns_per_event", HB_COLUMN_NUMBER },
	{ "foreign_programs", HB_COLUMN_NUMBER },
	{ "flags", HB_COLUMN_WORDS },
	{ "source", HB_COLUMN_NUMBER }, /* merge's: the source's number in meta.json */
};

enum hb_column_type hb_summary_column_type(const char *name)
{
	for (size_t i = 0; i < sizeof(typed_columns) / sizeof(typed_columns[0]); i++)
		if (!strcmp(typed_columns[i].name, name))
			return typed_columns[i].type;
	return HB_COLUMN_TEXT;
}
