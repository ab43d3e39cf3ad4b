// SPDX-License-Identifier: GPL-2.0-only
#include "measure.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"

enum block_kind { BLOCK_BASELINE, BLOCK_HOOKED, BLOCK_STATS };
static const char *const block_kind_names[] = { "baseline", "hooked", "stats" };

struct block {
	enum block_kind kind;
	uint64_t round;
	bool warmup;
	int position;
	uint64_t elapsed_ns;
	uint64_t events;
	uint64_t attach_ns, detach_ns;
	uint64_t run_cnt, run_time_ns;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void hb_measure_write_header(FILE *runs)
{
	fputs("round,warmup,hook,payload,mode,threads,kind,position,ops,elapsed_ns,"
	      "ns_per_op,events,attach_ns,detach_ns,run_cnt,run_time_ns\n", runs);
	fflush(runs);
}

static void write_row(struct hb_measure *x, const struct hb_cell *c, const struct block *b)
{
	const char *hooked_only = b->kind == BLOCK_BASELINE ? "" : NULL;
	char attach[32] = "", detach[32] = "", runs[32] = "", rtime[32] = "";

	if (!hooked_only) {
		snprintf(attach, sizeof(attach), "%" PRIu64, b->attach_ns);
		snprintf(detach, sizeof(detach), "%" PRIu64, b->detach_ns);
	}
	if (b->kind == BLOCK_STATS) {
		snprintf(runs, sizeof(runs), "%" PRIu64, b->run_cnt);
		snprintf(rtime, sizeof(rtime), "%" PRIu64, b->run_time_ns);
	}
	/* One fprintf + fflush per row: a crash never leaves half a row behind. */
	fprintf(x->runs, "%" PRIu64 ",%d,%s,%s,%s,1,%s,%d,%" PRIu64 ",%" PRIu64 ",%.3f,%" PRIu64
		",%s,%s,%s,%s\n",
		b->round, b->warmup, c->hook->name, hb_payload_names[c->payload],
		storm_mode_names[c->mode], block_kind_names[b->kind], b->position,
		x->o->ops_per_block, b->elapsed_ns,
		(double)b->elapsed_ns / (double)x->o->ops_per_block, b->events, attach, detach,
		runs, rtime);
	fflush(x->runs);
}

static void report_progress(struct hb_measure *x, const char *phase)
{
	uint64_t now = now_ns(), elapsed = now - x->started_ns;
	double frac = x->blocks_total ? (double)x->blocks_done / (double)x->blocks_total : 1.0;
	double left = frac > 0 ? (double)elapsed / 1e9 * (1.0 - frac) / frac : 0.0;

	if (x->blocks_done != x->blocks_total && now - x->last_report_ns < (x->tty ? 500000000u : 10000000000u))
		return;
	x->last_report_ns = now;
	fprintf(stderr, "%shookbench: %s: %" PRIu64 "/%" PRIu64 " blocks (%.0f%%), %.0f s elapsed, ~%.0f s left%s",
		x->tty ? "\r" : "", phase, x->blocks_done, x->blocks_total, frac * 100.0,
		(double)elapsed / 1e9, left, x->tty ? "   " : "\n");
	if (x->tty && x->blocks_done == x->blocks_total)
		fputc('\n', stderr);
}

static void fail_cell(struct hb_cell *c, const char *why)
{
	c->state = HB_CELL_ERROR;
	if (why != c->reason)
		snprintf(c->reason, sizeof(c->reason), "%s", why);
	hb_session_detach(c->session);
}

/*
 * One block: counters before, (attach), pre-roll, timed loop, (detach),
 * counters after. Returns 0, or -errno only when the workload failed.
 * A failed attach or read marks the cell as an error and returns 0.
 */
static int run_block(struct hb_measure *x, struct hb_cell *c, struct block *b)
{
	struct hb_counters before, after;
	uint64_t t0 = 0, t1 = 0, done = 0, pre = 0;
	bool attach = b->kind != BLOCK_BASELINE;
	char why[512];
	int err;

	if (hb_session_read(c->session, &before)) {
		fail_cell(c, "failed to read counters");
		return 0;
	}
	if (attach) {
		t0 = now_ns();
		err = hb_session_attach(c->session, why, sizeof(why));
		b->attach_ns = now_ns() - t0;
		if (err) {
			fail_cell(c, why);
			return 0;
		}
	}
	err = storm_loop(c->mode, x->dirfd, HB_PREROLL_OPS, NULL, &pre);
	if (!err) {
		t0 = now_ns();
		err = storm_loop(c->mode, x->dirfd, x->o->ops_per_block, NULL, &done);
		t1 = now_ns();
	}
	if (attach) {
		uint64_t td = now_ns();

		hb_session_detach(c->session);
		b->detach_ns = now_ns() - td;
	}
	if (err)
		return err;
	b->elapsed_ns = t1 - t0;
	if (hb_session_read(c->session, &after)) {
		fail_cell(c, "failed to read counters");
		return 0;
	}
	b->events = after.events - before.events;
	b->run_cnt = after.run_cnt - before.run_cnt;
	b->run_time_ns = after.run_time_ns - before.run_time_ns;
	if (attach) {
		c->events_expected += HB_PREROLL_OPS + x->o->ops_per_block;
		c->events_seen += b->events;
	} else {
		c->events_detached += b->events;
	}
	write_row(x, c, b);
	x->blocks_done++;
	return 0;
}

static size_t count_pending(const struct hb_matrix *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->n; i++)
		n += m->cells[i].state == HB_CELL_PENDING;
	return n;
}

/* One baseline and one hooked block, their order alternating between rounds. */
static int run_pair(struct hb_measure *x, struct hb_cell *c, size_t ci, uint64_t round)
{
	bool warm = round < x->o->warmup;
	int hooked_first = (int)((round + ci) % 2);
	struct block blocks[2];
	int err = 0;

	for (int pos = 0; pos < 2 && !err && c->state == HB_CELL_PENDING; pos++) {
		struct block *b = &blocks[pos];

		memset(b, 0, sizeof(*b));
		b->kind = (pos == 0) == hooked_first ? BLOCK_HOOKED : BLOCK_BASELINE;
		b->round = round;
		b->warmup = warm;
		b->position = pos;
		err = run_block(x, c, b);
	}
	if (err || c->state != HB_CELL_PENDING || warm)
		return err;
	for (int pos = 0; pos < 2; pos++) {
		double ns = (double)blocks[pos].elapsed_ns / (double)x->o->ops_per_block;

		if (blocks[pos].kind == BLOCK_HOOKED) {
			c->hooked[c->npairs] = ns;
			c->attach_ns[c->npairs] = (double)blocks[pos].attach_ns;
		} else {
			c->baseline[c->npairs] = ns;
		}
	}
	c->npairs++;
	return 0;
}

static int run_rounds(struct hb_measure *x)
{
	uint64_t rounds = x->o->warmup + x->o->blocks;
	struct hb_matrix *m = x->m;

	for (uint64_t r = 0; r < rounds; r++) {
		/* Rotate the starting cell so no cell always follows the same one. */
		for (size_t k = 0; k < m->n; k++) {
			size_t ci = (k + r) % m->n;
			struct hb_cell *c = &m->cells[ci];
			int err;

			if (atomic_load(x->stop))
				return -EINTR;
			if (c->state != HB_CELL_PENDING)
				continue;
			err = run_pair(x, c, ci, r);
			if (err)
				return err;
			report_progress(x, r < x->o->warmup ? "warm-up" : "paired blocks");
		}
	}
	return 0;
}

static int run_stats_blocks(struct hb_measure *x, char *why, size_t len)
{
	struct hb_matrix *m = x->m;
	int fd, err = 0;

	if (!x->o->stats_blocks)
		return 0;
	fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (fd < 0) {
		snprintf(why, len, "failed to enable bpf_stats: %s", strerror(-fd));
		return fd;
	}
	for (uint64_t k = 0; k < x->o->stats_blocks && !err; k++) {
		for (size_t ci = 0; ci < m->n && !err; ci++) {
			struct hb_cell *c = &m->cells[ci];
			struct block b = { .kind = BLOCK_STATS, .round = k };

			if (atomic_load(x->stop)) {
				err = -EINTR;
				break;
			}
			if (c->state != HB_CELL_PENDING)
				continue;
			err = run_block(x, c, &b);
			if (err || c->state != HB_CELL_PENDING)
				continue;
			c->stats_runs += b.run_cnt;
			c->stats_run_ns += b.run_time_ns;
			c->stats_blocks_done++;
			report_progress(x, "in-program cost (bpf_stats)");
		}
	}
	close(fd);
	return err;
}

int hb_measure_run(struct hb_measure *x, char *why, size_t len)
{
	size_t active = count_pending(x->m);
	int err;

	x->blocks_total = active * (2 * (x->o->warmup + x->o->blocks) + x->o->stats_blocks);
	x->started_ns = x->last_report_ns = now_ns();
	x->tty = isatty(STDERR_FILENO);
	err = run_rounds(x);
	if (!err)
		err = run_stats_blocks(x, why, len);
	if (err == -EINTR || err == 0) {
		for (size_t i = 0; i < x->m->n; i++) {
			struct hb_cell *c = &x->m->cells[i];

			if (!c->session || c->state == HB_CELL_UNSUPPORTED)
				continue;
			c->final_valid = hb_session_read(c->session, &c->final) == 0;
			if (!err && c->state == HB_CELL_PENDING)
				c->state = HB_CELL_OK;
		}
	} else if (why[0] == '\0') {
		snprintf(why, len, "the workload failed: %s", strerror(-err));
	}
	return err;
}
