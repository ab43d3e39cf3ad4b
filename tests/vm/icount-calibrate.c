// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs loops of a known number of instructions and prints, per loop, the
 * ticks of the CPU's own counter (x86_64: the TSC; arm64: the generic
 * timer's virtual count, cntvct_el0), CLOCK_MONOTONIC and thread CPU ns they
 * took, each per instruction (CSV on stdout; the counter's name and, on
 * arm64, its frequency from cntfrq_el0, on stderr). Under QEMU -icount
 * shift=0 the guest's virtual clock advances one ns per instruction; this is
 * how the tests and docs/vm.md check that in a guest.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/*
 * Per architecture: the counter, and the instructions of the three loops.
 * Each loop body is labelled 1 and ends with COUNT_DOWN (2 instructions:
 * decrement %0, branch back to 1 while it is not zero); SCRATCH is the
 * register the memory loop clobbers.
 */
#if defined(__x86_64__)
#include <x86intrin.h>

#define COUNTER_NAME "tsc"
#define COUNT_DOWN "dec %0\n\tjnz 1b"
#define MULTIPLY_ADD "imul %2, %1\n\tadd $7, %1\n\t"
#define LOAD_ADD_STORE "mov (%1), %%rax\n\tadd $1, %%rax\n\tmov %%rax, (%1)\n\t"
#define SCRATCH "rax"
#define LOOP_NAMES { "dec+jnz", "imul+add+dec+jnz", "load+add+store+dec+jnz" }

static uint64_t counter(void)
{
	return __rdtsc();
}

/* The TSC's frequency is not architecturally visible: 0 (unknown). */
static uint64_t counter_hz(void)
{
	return 0;
}

#elif defined(__aarch64__)

#define COUNTER_NAME "cntvct_el0"
#define COUNT_DOWN "subs %0, %0, #1\n\tb.ne 1b"
#define MULTIPLY_ADD "mul %1, %1, %2\n\tadd %1, %1, #7\n\t"
#define LOAD_ADD_STORE "ldr x9, [%1]\n\tadd x9, x9, #1\n\tstr x9, [%1]\n\t"
#define SCRATCH "x9"
#define LOOP_NAMES { "subs+b.ne", "mul+add+subs+b.ne", "ldr+add+str+subs+b.ne" }

/* The isb keeps the read from being taken before the loop has finished. */
static uint64_t counter(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t counter_hz(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

#else
#error "icount-calibrate: x86_64 or aarch64 only"
#endif

/* 2 instructions per iteration. */
static void loop_short(uint64_t n)
{
	__asm__ volatile("1: " COUNT_DOWN : "+r"(n) : : "cc");
}

/* 4 instructions per iteration, one a multiply. */
static void loop_multiply(uint64_t n)
{
	uint64_t a = 1, b = 3;

	__asm__ volatile("1: " MULTIPLY_ADD COUNT_DOWN : "+r"(n), "+r"(a) : "r"(b) : "cc");
}

/* 5 instructions per iteration, a load and a store among them. */
static volatile uint64_t cell;

static void loop_memory(uint64_t n)
{
	__asm__ volatile("1: " LOAD_ADD_STORE COUNT_DOWN
			 : "+r"(n) : "r"(&cell) : SCRATCH, "cc", "memory");
}

int main(void)
{
	static const uint64_t sizes[] = { 100000, 1000000, 10000000 };
	static const char *const names[] = LOOP_NAMES;
	static const struct {
		void (*run)(uint64_t n);
		unsigned per_iteration;
	} loops[] = {
		{ loop_short, 2 },
		{ loop_multiply, 4 },
		{ loop_memory, 5 },
	};

	fprintf(stderr, "counter=%s hz=%llu\n", COUNTER_NAME, (unsigned long long)counter_hz());
	printf("loop,iterations,instructions,counter_per_insn,mono_per_insn,cpu_per_insn\n");
	for (size_t l = 0; l < sizeof(loops) / sizeof(loops[0]); l++) {
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			for (int rep = 0; rep < 3; rep++) {
				double insns = (double)sizes[s] * loops[l].per_iteration;
				uint64_t m0 = clock_ns(CLOCK_MONOTONIC);
				uint64_t c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
				uint64_t t0 = counter(), t1, c1, m1;

				loops[l].run(sizes[s]);
				t1 = counter();
				c1 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
				m1 = clock_ns(CLOCK_MONOTONIC);
				printf("%s,%llu,%.0f,%.6f,%.6f,%.6f\n", names[l],
				       (unsigned long long)sizes[s], insns, (double)(t1 - t0) / insns,
				       (double)(m1 - m0) / insns, (double)(c1 - c0) / insns);
			}
		}
	}
	return 0;
}
