// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs loops of a known number of instructions and prints, per loop, the
 * TSC ticks, CLOCK_MONOTONIC and thread CPU ns they took, each per
 * instruction (CSV on stdout). Under QEMU -icount shift=0 the guest's clock
 * advances one ns per instruction; this is how the tests and the README's
 * method check that in a guest. x86_64 only.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* 2 instructions per iteration. */
static void loop_dec(uint64_t n)
{
	__asm__ volatile("1: dec %0\n\tjnz 1b" : "+r"(n) : : "cc");
}

/* 4 instructions per iteration, one a multiply. */
static void loop_imul(uint64_t n)
{
	uint64_t a = 1, b = 3;

	__asm__ volatile("1: imul %2, %1\n\tadd $7, %1\n\tdec %0\n\tjnz 1b"
			 : "+r"(n), "+r"(a) : "r"(b) : "cc");
}

/* 5 instructions per iteration, a load and a store among them. */
static volatile uint64_t cell;

static void loop_memory(uint64_t n)
{
	__asm__ volatile("1: mov (%1), %%rax\n\tadd $1, %%rax\n\tmov %%rax, (%1)\n\tdec %0\n\tjnz 1b"
			 : "+r"(n) : "r"(&cell) : "rax", "cc", "memory");
}

int main(void)
{
	static const uint64_t sizes[] = { 100000, 1000000, 10000000 };
	static const struct {
		const char *name;
		void (*run)(uint64_t n);
		unsigned per_iteration;
	} loops[] = {
		{ "dec+jnz", loop_dec, 2 },
		{ "imul+add+dec+jnz", loop_imul, 4 },
		{ "load+add+store+dec+jnz", loop_memory, 5 },
	};

	printf("loop,iterations,instructions,tsc_per_insn,mono_per_insn,cpu_per_insn\n");
	for (size_t l = 0; l < sizeof(loops) / sizeof(loops[0]); l++) {
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			for (int rep = 0; rep < 3; rep++) {
				double insns = (double)sizes[s] * loops[l].per_iteration;
				uint64_t m0 = clock_ns(CLOCK_MONOTONIC);
				uint64_t c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
				uint64_t t0 = __rdtsc(), t1, c1, m1;

				loops[l].run(sizes[s]);
				t1 = __rdtsc();
				c1 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
				m1 = clock_ns(CLOCK_MONOTONIC);
				printf("%s,%llu,%.0f,%.6f,%.6f,%.6f\n", loops[l].name,
				       (unsigned long long)sizes[s], insns, (double)(t1 - t0) / insns,
				       (double)(m1 - m0) / insns, (double)(c1 - c0) / insns);
			}
		}
	}
	return 0;
}
