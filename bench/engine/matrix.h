/* SPDX-License-Identifier: GPL-2.0-only */
/* The cells of a run: one per hook x payload x mode x threads, with what was measured. */
#ifndef HB_MATRIX_H
#define HB_MATRIX_H

#include "probe.h"
#include "run_opts.h"
#include "schema.h"
#include "session.h"
#include "storm.h"

enum hb_cell_state {
	HB_CELL_PENDING,     /* measuring; written as "interrupted" if the run stops first */
	HB_CELL_OK,          /* complete (may still be a mismatch) */
	HB_CELL_UNSUPPORTED, /* this kernel cannot run it */
	HB_CELL_ERROR,       /* failed to load, attach or run */
};

/*
 * The control cell's hook, `none`: run on the same schedule as a hook, with
 * nothing attached. It is not in hb_hooks[], so no option names it.
 */
extern const struct hb_hook hb_control_hook;

struct hb_cell {
	const struct hb_hook *hook;
	bool control;              /* hb_control_hook's cell: no session, no program */
	enum hb_payload payload;   /* not used by the control cell */
	enum storm_mode mode;
	unsigned threads;          /* workload threads, each on its own CPU */
	struct hb_support support;
	struct hb_session *session;
	enum hb_cell_state state;
	char reason[512];

	double *baseline;          /* ns/op of the measured baseline blocks */
	double *hooked;            /* ns/op of the hooked block paired with each */
	double *attach_ns;         /* time to attach, per pair */
	uint64_t *baseline_seq;    /* per pair: the run's block number of its baseline block */
	size_t npairs;
	double *visit_diff;        /* per measured round: the mean of that visit's pair
				    * differences; NAN where the cell has no visit */

	uint64_t events_expected;  /* ops run while attached */
	uint64_t events_seen;      /* events seen while attached: the counter; for
				    * ringbuf the records read; for empty,
				    * bpf_stats' run count in the stats blocks */
	uint64_t events_detached;  /* events counted while detached: must stay 0 */
	uint64_t program_events;   /* ringbuf: events the program counted */
	uint64_t ringbuf_drops;    /* ringbuf: records lost for want of room */
	uint64_t consumer_ns;      /* the drain thread's CPU time while attached */
	uint64_t stats_runs;       /* bpf_stats run_cnt over the stats blocks */
	uint64_t stats_run_ns;
	char flavour[160];          /* how the kernel implemented it, as seen before each detach */
	struct hb_counters final;  /* read once measuring ended, summed over its loads */
	struct hb_counters closed; /* summed over the loads hb_matrix_reload() closed */
	unsigned loads;            /* times its BPF objects were loaded */
	bool counts_lost;          /* a closed load's counters could not be read */
	unsigned foreign_programs; /* others' programs on the measured path meanwhile (foreign.h) */
	char contaminated[512];    /* why a foreign program that came mid-run spoils it; "" if none */
	bool final_valid;
};

struct hb_matrix {
	struct hb_cell *cells;
	size_t n;
	size_t nrounds;                   /* measured rounds: visits per cell */
	const struct hb_hook *reference;  /* the hook ratios compare against; NULL: none ran */
};

/* Measured rounds for o->blocks pairs per cell: two pairs per visit. */
size_t hb_rounds_for_blocks(uint64_t blocks);

/*
 * Build every cell and probe it: each hook is loaded and attached once
 * (hb_probe_hook_by_loading()), then each payload checked; with o->control
 * a control cell per mode x threads follows. Allocates room for o->blocks
 * pairs per cell.
 */
int hb_matrix_init(struct hb_matrix *m, const struct run_opts *o,
		   const struct hb_probe_env *env);

/* Before hb_matrix_load(): every still pending cell of mode is unsupported, for why. */
void hb_matrix_mark_unsupported(struct hb_matrix *m, enum storm_mode mode, const char *why);

/* Open and load every supported cell's program (tgid = this process). */
void hb_matrix_load(struct hb_matrix *m, const struct run_opts *o,
		    const struct hb_probe_env *env);

/*
 * Close each loaded cell's BPF objects, keeping their counters in c->closed,
 * and load them afresh (hb_matrix_load()'s options), so that where the kernel
 * put the program and its maps is drawn again. Only between blocks, with
 * nothing attached and no reader polling. A cell that fails to load again
 * becomes an error.
 */
void hb_matrix_reload(struct hb_matrix *m, const struct run_opts *o,
		      const struct hb_probe_env *env);

/* c's counters over all its loads: c->closed plus what its open session counted. */
int hb_cell_counters(struct hb_cell *c, struct hb_counters *sum);

/*
 * Choose m->reference once the cells are loaded: the hook o->reference when
 * it has a loaded cell, else the first hook of the run that has one.
 */
void hb_matrix_pick_reference(struct hb_matrix *m, const struct run_opts *o);

void hb_matrix_free(struct hb_matrix *m);

const char *hb_cell_state_name(const struct hb_cell *c);

/* The cell of hook with c's mode and threads and this payload, or NULL. */
const struct hb_cell *hb_matrix_find(const struct hb_matrix *m, const struct hb_hook *hook,
				     enum hb_payload payload, const struct hb_cell *c);

/* The payload's name; "none" for the control cell, HB_OBJECT_PAYLOAD for an --object row. */
const char *hb_cell_payload_name(const struct hb_cell *c);

#endif
