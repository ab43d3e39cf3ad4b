// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench census: every BPF program and link loaded on the machine, one
 * per line, with where each program is attached, so a test can tell that
 * nothing was left behind where bpftool is not installed (a VM guest).
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attached.h"
#include "cli.h"
#include "commands.h"
#include "owner.h"
#include "privileges.h"
#include "tracefs.h"

/* " on ATTACH via link L" or " via perf fd F of pid P (COMM)", for each of the program's. */
static void print_attachments(uint32_t id, const struct hb_attached *a)
{
	const char *sep = " on ";
	struct hb_owner o;

	for (size_t i = 0; i < a->n; i++) {
		const struct hb_attached_prog *p = &a->progs[i];

		if (p->id != id)
			continue;
		printf("%s%s via ", sep, p->attach);
		if (p->link_id) {
			printf("link %u", p->link_id);
		} else {
			hb_owner_of("/proc", p->perf_pid, &o);
			printf("perf fd %d of pid %ld (%s)", p->perf_fd, p->perf_pid, o.comm);
		}
		sep = ", on ";
	}
}

static void print_prog(uint32_t id, int fd, const struct hb_attached *a)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	const char *type;

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return;
	type = libbpf_bpf_prog_type_str(info.type);
	printf("prog %u type %s name %s", id, type ? type : "unknown", info.name);
	print_attachments(id, a);
	putchar('\n');
}

static void print_link(uint32_t id, int fd, const struct hb_attached *a)
{
	struct bpf_link_info info;
	uint32_t len = sizeof(info);
	const char *type;

	(void)a;
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return;
	type = libbpf_bpf_link_type_str(info.type);
	printf("link %u type %s prog %u\n", id, type ? type : "unknown", info.prog_id);
}

/* Call print for each object next_id walks; one freed meanwhile is skipped. */
static void list(int (*next_id)(__u32 start, __u32 *next), int (*fd_by_id)(__u32 id),
		 void (*print)(uint32_t id, int fd, const struct hb_attached *a),
		 const struct hb_attached *a)
{
	__u32 id = 0;

	while (next_id(id, &id) == 0) {
		int fd = fd_by_id(id);

		if (fd < 0)
			continue;
		print(id, fd, a);
		close(fd);
	}
}

int cmd_census(int argc, char **argv)
{
	struct hb_attached a;
	char why[512], how[200];
	int err;

	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts("Usage: hookbench census\n\n"
			     "List every BPF program and link loaded on this machine, one per line,\n"
			     "with where each program is attached: through a link, or through a perf\n"
			     "event without one (as bpftrace attaches), named by the process holding it.\n"
			     "  prog 12 type tracepoint name hb_tracepoint on tracepoint:syscalls:sys_enter_unlinkat via link 7\n"
			     "  prog 40 type kprobe name do_unl on kprobe:do_unlinkat via perf fd 8 of pid 345 (bpftrace)\n"
			     "  link 7 type perf_event prog 12\n"
			     "Checks that nothing was left behind where bpftool is not installed.\n\n"
			     "Example:\n  hookbench census > before; ...; hookbench census | diff before -");
			return 0;
		}
		cli_error("census: unexpected argument '%s' (see --help)", argv[1]);
		return HB_EXIT_USAGE;
	}
	if (hb_check_privileges(why, sizeof(why))) {
		cli_error("%s", why);
		return 1;
	}
	hb_tracefs_ensure(how, sizeof(how)); /* best effort: tracepoints' groups are looked up there */
	err = hb_attached_collect_all(&a);
	if (err) {
		cli_error("census: cannot list where programs are attached: %s", strerror(-err));
		return 1;
	}
	list(bpf_prog_get_next_id, bpf_prog_get_fd_by_id, print_prog, &a);
	list(bpf_link_get_next_id, bpf_link_get_fd_by_id, print_link, &a);
	hb_attached_free(&a);
	return 0;
}
