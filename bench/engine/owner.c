// SPDX-License-Identifier: GPL-2.0-only
#include "owner.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint32_t field(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (!strncmp(line, key, klen))
			return (uint32_t)strtoul(line + klen, NULL, 10);
	return 0;
}

void hb_fdinfo_parse(const char *text, uint32_t *prog_id, uint32_t *link_id)
{
	*prog_id = field(text, "prog_id:");
	*link_id = field(text, "link_id:");
}

/* One fdinfo file's text (dirfd-relative), "" when unreadable. */
static void read_fdinfo(int dirfd, const char *name, char *text, size_t len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, text, len - 1);

	text[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

/* Call fn with the ids of each BPF descriptor in dir; stops at fn's first non-zero. */
static int each_fd(const char *dir, int (*fn)(void *ctx, uint32_t prog, uint32_t link), void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char text[1024];
	uint32_t prog, link;
	int err = 0;

	if (!d)
		return 0;
	while (!err && (e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		read_fdinfo(dirfd(d), e->d_name, text, sizeof(text));
		hb_fdinfo_parse(text, &prog, &link);
		if (prog || link)
			err = fn(ctx, prog, link);
	}
	closedir(d);
	return err;
}

static int add_id(struct hb_held *h, uint32_t id)
{
	uint32_t *grown;

	if (!id)
		return 0;
	grown = realloc(h->ids, (h->n + 1) * sizeof(*h->ids));
	if (!grown)
		return -ENOMEM;
	h->ids = grown;
	h->ids[h->n++] = id;
	return 0;
}

static int add_held(void *ctx, uint32_t prog, uint32_t link)
{
	int err = add_id(ctx, prog);

	return err ? err : add_id(ctx, link);
}

int hb_held_collect(const char *fdinfo_dir, struct hb_held *h)
{
	int err;

	h->ids = NULL;
	h->n = 0;
	err = each_fd(fdinfo_dir, add_held, h);
	if (err)
		hb_held_free(h);
	return err;
}

int hb_held_has(const struct hb_held *h, uint32_t id)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->ids[i] == id)
			return 1;
	return 0;
}

void hb_held_free(struct hb_held *h)
{
	free(h->ids);
	h->ids = NULL;
	h->n = 0;
}

struct wanted {
	uint32_t prog, link;
	int found; /* 2: holds the link, 1: holds the program */
};

static int match(void *ctx, uint32_t prog, uint32_t link)
{
	struct wanted *w = ctx;

	if (w->link && link == w->link)
		w->found = 2;
	else if (w->prog && prog == w->prog && !link)
		w->found = 1;
	return w->found == 2;
}

static void read_comm(const char *proc_root, const char *pid, char *comm, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(comm, len, "?");
	snprintf(path, sizeof(path), "%s/%s/comm", proc_root, pid);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(comm, (int)len, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

int hb_owner_find(const char *proc_root, uint32_t prog_id, uint32_t link_id, struct hb_owner *o)
{
	struct wanted w = { .prog = prog_id, .link = link_id };
	DIR *d = opendir(proc_root);
	char dir[600], best[32] = "";
	struct dirent *e;

	o->pid = 0;
	o->comm[0] = '\0';
	if (!d)
		return -ENOENT;
	/* The link's holder attached it; a program's holder is the answer only without one. */
	while (w.found < 2 && (e = readdir(d))) {
		int before = w.found;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(dir, sizeof(dir), "%s/%s/fdinfo", proc_root, e->d_name);
		each_fd(dir, match, &w);
		if (w.found > before && (w.found == 2 || !best[0]))
			snprintf(best, sizeof(best), "%.31s", e->d_name);
	}
	closedir(d);
	if (!best[0])
		return -ENOENT;
	o->pid = strtol(best, NULL, 10);
	read_comm(proc_root, best, o->comm, sizeof(o->comm));
	return 0;
}

void hb_owner_of(const char *proc_root, long pid, struct hb_owner *o)
{
	char name[32];

	snprintf(name, sizeof(name), "%ld", pid);
	o->pid = pid;
	read_comm(proc_root, name, o->comm, sizeof(o->comm));
}
