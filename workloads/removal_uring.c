// SPDX-License-Identifier: GPL-2.0-only
/*
 * IORING_OP_UNLINKAT through the raw io_uring syscalls: one ring per call,
 * one submission, one completion. The kernel runs the request in an io-wq
 * worker, a thread of this process.
 */
#include "removal_paths.h"

#include <errno.h>
#include <linux/io_uring.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ring {
	int fd;
	void *rings;   /* the SQ and CQ rings, one mapping (IORING_FEAT_SINGLE_MMAP) */
	size_t rings_len;
	struct io_uring_sqe *sqes;
	size_t sqes_len;
	struct io_uring_params p;
};

static void ring_close(struct ring *r)
{
	if (r->sqes && r->sqes != MAP_FAILED)
		munmap(r->sqes, r->sqes_len);
	if (r->rings && r->rings != MAP_FAILED)
		munmap(r->rings, r->rings_len);
	if (r->fd >= 0)
		close(r->fd);
}

static int ring_open(struct ring *r)
{
	size_t sq_len, cq_len;

	memset(r, 0, sizeof(*r));
	r->fd = (int)syscall(__NR_io_uring_setup, 1, &r->p);
	if (r->fd < 0)
		return -errno;
	if (!(r->p.features & IORING_FEAT_SINGLE_MMAP))
		return -EOPNOTSUPP; /* before 5.4: older than any kernel with IORING_OP_UNLINKAT */
	sq_len = r->p.sq_off.array + r->p.sq_entries * sizeof(uint32_t);
	cq_len = r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe);
	r->rings_len = sq_len > cq_len ? sq_len : cq_len;
	r->rings = mmap(NULL, r->rings_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
			r->fd, IORING_OFF_SQ_RING);
	if (r->rings == MAP_FAILED)
		return -errno;
	r->sqes_len = r->p.sq_entries * sizeof(struct io_uring_sqe);
	r->sqes = mmap(NULL, r->sqes_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       r->fd, IORING_OFF_SQES);
	return r->sqes == MAP_FAILED ? -errno : 0;
}

#define RING_U32(r, off) ((_Atomic uint32_t *)((char *)(r)->rings + (off)))

int hb_uring_unlinkat(int dirfd, const char *name, int flags)
{
	struct io_uring_cqe *cqe;
	struct ring r;
	uint32_t tail, head;
	int err;

	err = ring_open(&r);
	if (err)
		goto cleanup;
	memset(&r.sqes[0], 0, sizeof(r.sqes[0]));
	r.sqes[0].opcode = IORING_OP_UNLINKAT;
	r.sqes[0].fd = dirfd;
	r.sqes[0].addr = (uint64_t)(uintptr_t)name;
	r.sqes[0].unlink_flags = (uint32_t)flags;
	tail = atomic_load_explicit(RING_U32(&r, r.p.sq_off.tail), memory_order_relaxed);
	((uint32_t *)((char *)r.rings + r.p.sq_off.array))[tail & (r.p.sq_entries - 1)] = 0;
	atomic_store_explicit(RING_U32(&r, r.p.sq_off.tail), tail + 1, memory_order_release);
	if (syscall(__NR_io_uring_enter, r.fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0) {
		err = -errno;
		goto cleanup;
	}
	head = atomic_load_explicit(RING_U32(&r, r.p.cq_off.head), memory_order_relaxed);
	if (head == atomic_load_explicit(RING_U32(&r, r.p.cq_off.tail), memory_order_acquire)) {
		err = -EAGAIN;
		goto cleanup;
	}
	cqe = (struct io_uring_cqe *)((char *)r.rings + r.p.cq_off.cqes) +
	      (head & (r.p.cq_entries - 1));
	err = cqe->res < 0 ? cqe->res : 0;
	atomic_store_explicit(RING_U32(&r, r.p.cq_off.head), head + 1, memory_order_release);
cleanup:
	ring_close(&r);
	return err;
}

/* kernel.io_uring_disabled (6.6 and later): 0 when the kernel has no such switch. */
static long io_uring_disabled(void)
{
	FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "re");
	long v = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%ld", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

int hb_uring_probe(char *why, size_t len)
{
	long disabled = io_uring_disabled();
	struct ring r;
	int err = ring_open(&r);

	ring_close(&r);
	if (!err)
		return 0;
	if (err == -ENOSYS)
		snprintf(why, len, "the kernel has no io_uring (CONFIG_IO_URING off)");
	else if (disabled > 0)
		snprintf(why, len, "io_uring is disabled (kernel.io_uring_disabled=%ld): %s", disabled,
			 strerror(-err));
	else
		snprintf(why, len, "io_uring_setup failed: %s", strerror(-err));
	return err;
}
