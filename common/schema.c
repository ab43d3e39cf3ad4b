// SPDX-License-Identifier: GPL-2.0-only
#include "schema.h"

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
