// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench census: every BPF program and link loaded on the machine, one
 * per line, so a test can tell that nothing was left behind where bpftool
 * is not installed (a VM guest).
 */
#include <bpf/bpf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "privileges.h"

static void list_progs(void)
{
	__u32 id = 0;

	while (bpf_prog_get_next_id(id, &id) == 0) {
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue; /* freed meanwhile */
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(fd, &info, &len) == 0)
			printf("prog %u type %u name %s\n", id, info.type, info.name);
		close(fd);
	}
}

static void list_links(void)
{
	__u32 id = 0;

	while (bpf_link_get_next_id(id, &id) == 0) {
		struct bpf_link_info info;
		__u32 len = sizeof(info);
		int fd = bpf_link_get_fd_by_id(id);

		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(fd, &info, &len) == 0)
			printf("link %u type %u prog %u\n", id, info.type, info.prog_id);
		close(fd);
	}
}

int cmd_census(int argc, char **argv)
{
	char why[512];

	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts("Usage: hookbench census\n\n"
			     "List every BPF program and link loaded on this machine, one per line\n"
			     "(\"prog ID type T name N\", \"link ID type T prog ID\"), to check that\n"
			     "nothing was left behind where bpftool is not installed.\n\n"
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
	list_progs();
	list_links();
	return 0;
}
