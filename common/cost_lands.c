// SPDX-License-Identifier: GPL-2.0-only
#include "cost_lands.h"

#include <stdbool.h>
#include <string.h>

static const struct {
	const char *name, *label, *why;
} classes[] = {
	[HB_COST_THIS_CALL] = {
		"this_call", "this call only",
		"a kernel function: only calls that reach it pay, other syscalls and tasks do not",
	},
	[HB_COST_EVERY_SYSCALL] = {
		"every_syscall", "every syscall",
		"the raw syscall tracepoint: the program runs on every syscall of every process and "
		"filters inside, and every task takes the syscall slow path",
	},
	[HB_COST_SLOW_PATH] = {
		"every_task_slow_path", "every task on the slow path",
		"a syscall tracepoint: the program runs for this syscall only, but while any syscall "
		"tracepoint is on, every task takes the syscall slow path "
		"(SYSCALL_WORK_SYSCALL_TRACEPOINT) on every syscall",
	},
};

/* The raw tracepoints every syscall passes: raw_syscalls:sys_enter and :sys_exit. */
static bool raw_syscall_tp(const char *name)
{
	return !strcmp(name, "sys_enter") || !strcmp(name, "sys_exit");
}

enum hb_cost_lands hb_cost_lands_of(const char *tp_category, const char *tp_name)
{
	if (!tp_category || !*tp_category)
		return HB_COST_THIS_CALL;
	if (!strcmp(tp_category, "raw_syscalls") && tp_name && raw_syscall_tp(tp_name))
		return HB_COST_EVERY_SYSCALL;
	if (!strcmp(tp_category, "syscalls"))
		return HB_COST_SLOW_PATH;
	return HB_COST_THIS_CALL;
}

enum hb_cost_lands hb_cost_lands_of_attach_point(const char *ap)
{
	const char *colon = strchr(ap, ':');
	char category[64];
	size_t n;

	if (!colon)
		return raw_syscall_tp(ap) ? HB_COST_EVERY_SYSCALL : HB_COST_THIS_CALL;
	n = (size_t)(colon - ap);
	if (n >= sizeof(category))
		return HB_COST_THIS_CALL;
	memcpy(category, ap, n);
	category[n] = '\0';
	return hb_cost_lands_of(category, colon + 1);
}

const char *hb_cost_lands_name(enum hb_cost_lands c)
{
	return classes[c].name;
}

const char *hb_cost_lands_label(enum hb_cost_lands c)
{
	return classes[c].label;
}

const char *hb_cost_lands_why(enum hb_cost_lands c)
{
	return classes[c].why;
}
