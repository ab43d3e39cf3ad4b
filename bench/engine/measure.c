// SPDX-License-Identifier: GPL-2.0-only
#include "measure.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "csv.h"
#include "drain.h"
#include "replicates.h"
#include "kprobes_list.h"
#include "quiesce.h"
#include "remote.h"
#include "stats_schedule.h"

enum block_kind { BLOCK_BASELINE, BLOCK_HOOKED, BLOCK_STATS };
static const char *const block_kind_names[] = { "baseline", "hooked", "stats" };

struct block {
	enum block_kind kind;
	uint64_t round;
	bool warmup;
	int position;
	uint64_t seq;        /* the run's block number: blocks in time order */
	uint64_t elapsed_ns; /* wall clock (CLOCK_MONOTONIC) */
	uint64_t cpu_ns;     /* the workload threads' CPU time (CLOCK_THREAD_CPUTIME_ID), and
			      * the ring-buffer reader's when it shares the measured CPU */
	uint64_t events;
	bool attached, detached; /* this block attached before / detached after it */
	uint64_t attach_ns, detach_ns;
	uint64_t run_cnt, run_time_ns;
	uint64_t consumed, drops; /* ringbuf records read by the drain thread, and lost */
	uint64_t consumer_ns;     /* the drain thread's CPU time during the block */
};

static uint64_t now_ns(void)
{
	return hb_clock_ns(CLOCK_MONOTONIC);
}

/*
 * Under -icount: sleep until the deferred work has run (quiesce.h). Spinning
 * would share the CPU with that work for as long as it spins, and what is
 * left lands in the next block; the sleeps cost no host time there.
 */
static void quiesce(struct hb_measure *x)
{
	unsigned unread = 0, first;
	/* The guest has one CPU under -icount: the measured one. */
	int steps = hb_quiesce(HB_SCHEDSTAT, HB_SOFTIRQS, x->o->cpu, &unread);

	first = unread & ~x->quiet_unread;
	x->quiet_unread |= unread;
	if (first & HB_QUIESCE_NO_SCHEDSTAT)
		fprintf(stderr, "hookbench: warning: cannot read " HB_SCHEDSTAT
			": no quiet check, a fixed %u ms spin before each block instead\n",
			(unsigned)(HB_SETTLE_NS / 1000000));
	if (first & HB_QUIESCE_NO_SOFTIRQS)
		fprintf(stderr, "hookbench: warning: cannot read RCU softirqs from " HB_SOFTIRQS
			": the quiet check does not see RCU callbacks\n");
	x->quiet_checks++;
	if (steps == -ETIME)
		x->quiet_gave_up++;
	else if (steps < 0) {
		uint64_t until = now_ns() + HB_SETTLE_NS;

		while (now_ns() < until)
			;
	}
}

/*
 * After a detach the kernel still has deferred work to do (RCU callbacks
 * freeing the probe and perf event), and it lands on this CPU during the
 * next block. Spin until it is done so that block is a clean baseline.
 */
static void settle(const struct hb_measure *x)
{
	uint64_t until = now_ns() + HB_SETTLE_NS;

	if (x->o->icount)
		return; /* the next block quiesces first */
	while (now_ns() < until)
		;
}

void hb_measure_write_header(FILE *runs)
{
	fputs("round,warmup,hook,payload,mode,threads,kind,position,ops,elapsed_ns,"
	      "ns_per_op,events,attach_ns,detach_ns,run_cnt,run_time_ns,cpu_ns,cpu_ns_per_op,"
	      "ringbuf_records,ringbuf_drops,consumer_cpu_ns,load,unit\n", runs);
	fflush(runs);
}

/* Per call of one thread: the slowest thread's wall time over its calls. */
static double wall_ns_per_op(const struct hb_measure *x, const struct hb_cell *c,
			     const struct block *b)
{
	return (double)b->elapsed_ns / (double)hb_ops_per_block(x->o, c->mode);
}

/* Per call: every thread's CPU time over every thread's calls. */
static double cpu_ns_per_op(const struct hb_measure *x, const struct hb_cell *c,
			    const struct block *b)
{
	return (double)b->cpu_ns / ((double)hb_ops_per_block(x->o, c->mode) * c->threads);
}

static void write_row(struct hb_measure *x, const struct hb_cell *c, const struct block *b)
{
	char attach[32] = "", detach[32] = "", runs[32] = "", rtime[32] = "";
	char consumed[32] = "", drops[32] = "", consumer[32] = "", load[16] = "";

	if (b->attached)
		snprintf(attach, sizeof(attach), "%" PRIu64, b->attach_ns);
	if (b->detached)
		snprintf(detach, sizeof(detach), "%" PRIu64, b->detach_ns);
	if (b->kind == BLOCK_STATS) {
		snprintf(runs, sizeof(runs), "%" PRIu64, b->run_cnt);
		snprintf(rtime, sizeof(rtime), "%" PRIu64, b->run_time_ns);
	}
	if (c->payload == HB_PAYLOAD_RINGBUF) {
		snprintf(consumed, sizeof(consumed), "%" PRIu64, b->consumed);
		snprintf(drops, sizeof(drops), "%" PRIu64, b->drops);
		snprintf(consumer, sizeof(consumer), "%" PRIu64, b->consumer_ns);
	}
	if (!c->control)
		snprintf(load, sizeof(load), "%u", c->loads);
	/* One fprintf + fflush per row: a crash never leaves half a row behind. */
	fprintf(x->runs, "%" PRIu64 ",%d,%s,%s,%s,%u,%s,%d,%" PRIu64 ",%" PRIu64 ",%.3f,%" PRIu64
		",%s,%s,%s,%s,%" PRIu64 ",%.3f,%s,%s,%s,%s,%s\n",
		b->round, b->warmup, c->hook->name, hb_cell_payload_name(c),
		storm_mode_names[c->mode], c->threads, block_kind_names[b->kind], b->position,
		hb_ops_per_block(x->o, c->mode), b->elapsed_ns, wall_ns_per_op(x, c, b), b->events, attach,
		detach,
		runs, rtime, b->cpu_ns, cpu_ns_per_op(x, c, b), consumed, drops, consumer, load,
		hb_run_unit(x->o));
	fflush(x->runs);
}

/* On a terminal, one line redrawn twice a second; elsewhere a line every 5 s. */
static void report_progress(struct hb_measure *x, const char *phase, const struct hb_cell *c)
{
	uint64_t now = now_ns(), elapsed = now - x->started_ns;
	double frac = x->blocks_total ? (double)x->blocks_done / (double)x->blocks_total : 1.0;
	double left = frac > 0 ? (double)elapsed / 1e9 * (1.0 - frac) / frac : 0.0;

	if (x->blocks_done != x->blocks_total &&
	    now - x->last_report_ns < (x->tty ? 500000000u : 5000000000u))
		return;
	x->last_report_ns = now;
	fprintf(stderr, "%shookbench: %s: %s/%s/%s/%ut pair %zu of %" PRIu64 "; %.0f%% of all blocks, "
		"%.0f s elapsed, ~%.0f s left%s",
		x->tty ? "\r" : "", phase, c->hook->name, hb_cell_payload_name(c),
		storm_mode_names[c->mode], c->threads, c->npairs, x->o->blocks, frac * 100.0,
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
 * Record how the kernel implemented the hook, read while it is attached
 * (kprobes are optimized some milliseconds after they are armed). Distinct
 * answers across rounds are joined with '|'.
 */
static void note_flavour(struct hb_cell *c)
{
	char now[96];
	size_t used = strlen(c->flavour);
	int err = hb_session_flavour(c->session, now, sizeof(now));

	if (err)
		snprintf(now, sizeof(now), "unknown (%s: %s)", HB_KPROBES_LIST,
			 err == -ENOENT ? "probe not listed" : strerror(-err));
	if (!now[0] || strstr(c->flavour, now))
		return;
	snprintf(c->flavour + used, sizeof(c->flavour) - used, "%s%s", used ? "|" : "", now);
}

/*
 * Counters after a block. For the ringbuf payload, first wait (up to 2 s)
 * until the drain thread has read every record the program submitted.
 */
static int read_after(struct hb_cell *c, const struct hb_counters *before, struct hb_counters *after)
{
	uint64_t deadline = now_ns() + 2000000000u;
	int err;

	for (;;) {
		uint64_t submitted, handled;

		err = hb_session_read(c->session, after);
		if (err || c->payload != HB_PAYLOAD_RINGBUF)
			return err;
		submitted = after->events - before->events;
		handled = (after->ringbuf_consumed - before->ringbuf_consumed) +
			  (after->ringbuf_drops - before->ringbuf_drops);
		if (handled >= submitted || now_ns() > deadline)
			return 0;
		usleep(200);
	}
}

unsigned hb_events_per_iteration(const struct hb_hook *hook, enum storm_mode mode)
{
	if (hook->removes_only && mode == STORM_MODE_ENOENT)
		return 0;
	return storm_mode_unlinks(mode);
}

/* Add a block to its cell's event accounts. */
static void account_block(struct hb_measure *x, struct hb_cell *c, const struct block *b)
{
	uint64_t ops = (HB_PREROLL_OPS + hb_ops_per_block(x->o, c->mode)) * c->threads *
		       hb_events_per_iteration(c->hook, c->mode);

	if (b->kind == BLOCK_BASELINE) {
		c->events_detached += c->hook->object ? b->run_cnt : b->events;
		return;
	}
	if (c->control)
		return; /* nothing ran: nothing expected, nothing seen */
	if (c->hook->object) {
		/* A user's program counts nothing for us: bpf_stats' run count is what it did. */
		if (b->kind == BLOCK_STATS) {
			c->events_expected += ops;
			c->events_seen += b->run_cnt;
		}
		return;
	}
	c->ringbuf_drops += b->drops;
	c->consumer_ns += b->consumer_ns;
	if (c->payload == HB_PAYLOAD_RINGBUF) {
		/* Seen is what reached user space; what did not is in the drops. */
		c->events_expected += ops;
		c->events_seen += b->consumed;
		c->program_events += b->events;
	} else if (c->payload != HB_PAYLOAD_EMPTY) {
		c->events_expected += ops;
		c->events_seen += b->events;
	} else if (b->kind == BLOCK_STATS && storm_mode_unlinks(c->mode)) {
		/*
		 * empty counts nothing itself: only bpf_stats' run count shows it ran.
		 * Not in other modes: there its runs are the dispatch being measured
		 * (raw_tp and tp_btf run on every syscall), not an event that fired.
		 */
		c->events_expected += ops;
		c->events_seen += b->run_cnt;
	}
}

/*
 * Test only: HOOKBENCH_TEST_OTHER_UNLINKS=1 makes mode other call enoent's
 * unlinkat() instead of getppid(), so the tests see a payload fire where no
 * event is expected (a mismatch) without a broken program.
 */
static bool test_other_unlinks(void)
{
	const char *v = getenv("HOOKBENCH_TEST_OTHER_UNLINKS");

	return v && *v && strcmp(v, "0");
}

static enum storm_mode loop_mode(const struct hb_measure *x, enum storm_mode mode)
{
	return mode == STORM_MODE_OTHER && x->other_unlinks ? STORM_MODE_ENOENT : mode;
}

/*
 * One block: counters before, (attach), pre-roll, timed loop, (detach),
 * counters after. The control cell has no session: it only runs the loop
 * and, where a hook would detach, settles the same. Returns 0, or -errno
 * only when the workload failed. A failed attach or read marks the cell as
 * an error and returns 0.
 */
static int run_block(struct hb_measure *x, struct hb_cell *c, struct block *b,
		     bool attach, bool detach)
{
	struct hb_job job = { .mode = loop_mode(x, c->mode), .preroll = HB_PREROLL_OPS,
			      .ops = hb_ops_per_block(x->o, c->mode), .dirfds = x->dirfds };
	struct hb_job_result res[HB_MAX_THREADS];
	struct hb_counters before = { 0 }, after = { 0 };
	uint64_t consumer0 = hb_drain_cpu_ns(x->drain), t0;
	bool session = !c->control;
	char why[512];
	int err;

	b->seq = x->blocks_done;
	if (session && hb_session_read(c->session, &before)) {
		fail_cell(c, "failed to read counters");
		return 0;
	}
	b->attached = attach && session;
	b->detached = detach && session;
	if (b->attached) {
		t0 = now_ns();
		err = hb_session_attach(c->session, why, sizeof(why));
		b->attach_ns = now_ns() - t0;
		if (err) {
			fail_cell(c, why);
			return 0;
		}
	}
	/*
	 * Under -icount every block starts from a quiet CPU: the work an attach
	 * or detach leaves behind, and what the blocks before woke up, runs
	 * before the block instead of in it.
	 */
	if (x->o->icount)
		quiesce(x);
	if (c->mode == STORM_MODE_OTHER_REMOTE) {
		memset(res, 0, sizeof(res[0]));
		err = hb_remote_run(x->remote, job.preroll, job.ops, &res[0]);
	} else {
		err = hb_workers_run(x->workers, c->threads, &job, res);
	}
	if (b->detached) {
		note_flavour(c);
		t0 = now_ns();
		hb_session_detach(c->session);
		b->detach_ns = now_ns() - t0;
	}
	if (detach)
		settle(x);
	if (err)
		return err;
	for (unsigned i = 0; i < c->threads; i++) {
		b->cpu_ns += res[i].cpu_ns;
		if (res[i].wall_ns > b->elapsed_ns)
			b->elapsed_ns = res[i].wall_ns;
	}
	if (session && read_after(c, &before, &after)) {
		fail_cell(c, "failed to read counters");
		return 0;
	}
	b->events = after.events - before.events;
	b->run_cnt = after.run_cnt - before.run_cnt;
	b->run_time_ns = after.run_time_ns - before.run_time_ns;
	b->consumed = after.ringbuf_consumed - before.ringbuf_consumed;
	b->drops = after.ringbuf_drops - before.ringbuf_drops;
	b->consumer_ns = hb_drain_cpu_ns(x->drain) - consumer0;
	/*
	 * With no other CPU the reader took its time from the measured thread's:
	 * the ring-buffer cell's. Another cell's blocks see only the reader's
	 * idle wake-ups, which are not that cell's cost.
	 */
	if (c->payload == HB_PAYLOAD_RINGBUF &&
	    (c->mode == STORM_MODE_OTHER_REMOTE ? x->reader_shares_remote : x->reader_shares_cpu))
		b->cpu_ns += b->consumer_ns;
	account_block(x, c, b);
	write_row(x, c, b);
	x->blocks_done++;
	return 0;
}

static double block_ns_per_op(const struct hb_measure *x, const struct hb_cell *c,
			      const struct block *b)
{
	return x->o->clock == HB_CLOCK_CPU ? cpu_ns_per_op(x, c, b) : wall_ns_per_op(x, c, b);
}

/* Returns the pair's difference, hooked - baseline ns/op. */
static double record_pair(struct hb_measure *x, struct hb_cell *c, const struct block *base,
			  const struct block *hooked, uint64_t attach_ns)
{
	size_t i = c->npairs++;

	c->baseline[i] = block_ns_per_op(x, c, base);
	c->hooked[i] = block_ns_per_op(x, c, hooked);
	c->attach_ns[i] = (double)attach_ns;
	c->baseline_seq[i] = base->seq;
	return c->hooked[i] - c->baseline[i];
}

/*
 * One visit of a cell: baseline, attach, hooked, hooked, detach, baseline.
 * That is two pairs (B1,H1) and (H2,B2), one in each order, for a single
 * attach/detach: detaching a tracepoint waits for an RCU grace period,
 * tens of milliseconds, so transitions are what a run spends most time on.
 * With one pair left to measure the visit stops after H1. The visit's
 * difference is the mean of its pairs' differences.
 */
static int run_visit(struct hb_measure *x, struct hb_cell *c, uint64_t visit, uint64_t pairs)
{
	static const enum block_kind seq[4] = { BLOCK_BASELINE, BLOCK_HOOKED, BLOCK_HOOKED,
						BLOCK_BASELINE };
	bool warm = visit < x->o->warmup;
	uint64_t nblocks = pairs == 1 ? 2 : 4;
	struct block blocks[4];
	double diff;
	int err = 0;

	memset(blocks, 0, sizeof(blocks));
	for (uint64_t k = 0; k < nblocks && !err && c->state == HB_CELL_PENDING; k++) {
		struct block *b = &blocks[k];
		bool hooked = seq[k] == BLOCK_HOOKED;
		bool attach = hooked && (k == 0 || seq[k - 1] != BLOCK_HOOKED);
		bool detach = hooked && (k + 1 == nblocks || seq[k + 1] != BLOCK_HOOKED);

		b->kind = seq[k];
		b->round = visit;
		b->warmup = warm;
		b->position = (int)k;
		err = run_block(x, c, b, attach, detach);
	}
	if (err || c->state != HB_CELL_PENDING || warm)
		return err;
	diff = record_pair(x, c, &blocks[0], &blocks[1], blocks[1].attach_ns);
	if (nblocks == 4)
		diff = (diff + record_pair(x, c, &blocks[3], &blocks[2], blocks[1].attach_ns)) / 2.0;
	c->visit_diff[visit - x->o->warmup] = diff;
	return 0;
}

/*
 * A hooked block with bpf_stats on, for the in-program cost. Stats are on
 * for this block alone, from before the attach to after the detach, so no
 * other block pays for them.
 */
static int run_stats_block(struct hb_measure *x, struct hb_cell *c, uint64_t visit,
			   char *why, size_t len)
{
	struct block b = { .kind = BLOCK_STATS, .round = visit };
	int fd, err;

	fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (fd < 0) {
		snprintf(why, len, "failed to enable bpf_stats: %s", strerror(-fd));
		return fd;
	}
	err = run_block(x, c, &b, true, true);
	close(fd);
	if (err || c->state != HB_CELL_PENDING)
		return err;
	c->stats_runs += b.run_cnt;
	c->stats_run_ns += b.run_time_ns;
	return 0;
}

/* A cell's visit of one round, and the stats blocks that follow it in that round. */
static int visit_cell(struct hb_measure *x, struct hb_cell *c, uint64_t v, char *why, size_t len)
{
	bool warm = v < x->o->warmup;
	uint64_t left = warm ? 2 : x->o->blocks - c->npairs, stats = 0;
	int err;

	err = run_visit(x, c, v, left);
	if (err)
		return err;
	report_progress(x, warm ? "warm-up" : "paired blocks", c);
	if (!warm && !c->control)
		stats = hb_stats_blocks_in_round(x->o->stats_blocks, x->m->nrounds,
						 v - x->o->warmup);
	for (uint64_t k = 0; k < stats && !err && c->state == HB_CELL_PENDING; k++) {
		err = run_stats_block(x, c, v, why, len);
		if (!err)
			report_progress(x, "in-program cost (bpf_stats)", c);
	}
	return err;
}

/* Whether measured round r (0 = the first after warm-up) begins a replicate other than the first. */
static bool starts_later_replicate(const struct hb_measure *x, uint64_t r)
{
	size_t first, end;

	for (size_t k = 1; k < x->o->replicates; k++)
		if (!hb_replicate_split(x->m->nrounds, x->o->replicates, k, &first, &end) &&
		    first == r)
			return true;
	return false;
}

static int run_rounds(struct hb_measure *x, char *why, size_t len)
{
	uint64_t visits = x->o->warmup + x->m->nrounds;
	struct hb_matrix *m = x->m;

	for (uint64_t v = 0; v < visits; v++) {
		if (x->new_replicate && v > x->o->warmup &&
		    starts_later_replicate(x, v - x->o->warmup)) {
			int err = x->new_replicate(x->new_replicate_ctx, why, len);

			if (err)
				return err;
		}
		if (x->between_rounds)
			x->between_rounds(x->between_ctx, v);
		/* Rotate the starting cell so no cell always follows the same one. */
		for (size_t k = 0; k < m->n; k++) {
			struct hb_cell *c = &m->cells[(k + v) % m->n];
			int err;

			if (atomic_load(x->stop))
				return -EINTR;
			if (c->state != HB_CELL_PENDING)
				continue;
			err = visit_cell(x, c, v, why, len);
			if (err)
				return err;
		}
	}
	return 0;
}

static size_t count_blocks(const struct hb_measure *x)
{
	size_t n = 0;

	for (size_t i = 0; i < x->m->n; i++) {
		const struct hb_cell *c = &x->m->cells[i];

		if (c->state == HB_CELL_PENDING)
			n += 4 * x->o->warmup + 2 * x->o->blocks + (c->control ? 0 : x->o->stats_blocks);
	}
	return n;
}

int hb_measure_run(struct hb_measure *x, char *why, size_t len)
{
	int err;

	x->blocks_total = count_blocks(x);
	x->started_ns = x->last_report_ns = now_ns();
	x->tty = isatty(STDERR_FILENO);
	x->other_unlinks = test_other_unlinks();
	err = run_rounds(x, why, len);
	if (err == -EINTR || err == 0) {
		for (size_t i = 0; i < x->m->n; i++) {
			struct hb_cell *c = &x->m->cells[i];

			if (c->state == HB_CELL_UNSUPPORTED || (!c->session && !c->control))
				continue;
			c->final_valid = c->session && !c->counts_lost &&
					 hb_cell_counters(c, &c->final) == 0;
			if (!err && c->state == HB_CELL_PENDING)
				c->state = HB_CELL_OK;
		}
	} else if (why[0] == '\0') {
		snprintf(why, len, "the workload failed: %s", strerror(-err));
	}
	return err;
}
