// SPDX-License-Identifier: GPL-2.0-only
#include "object.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "object_set.h"
#include "readfile.h"

/*
 * The sections libbpf attaches on its own (its section_defs[] with an
 * attach function), each followed by "/" and what it attaches to. kprobe
 * and fentry sections need that target unless --attach-symbol names it.
 */
static const struct {
	const char *prefix;
	bool kprobe, retprobe, tracing;
} auto_sections[] = {
	{ .prefix = "kprobe", .kprobe = true },
	{ .prefix = "kretprobe", .kprobe = true, .retprobe = true },
	{ .prefix = "kprobe.multi" }, { .prefix = "kretprobe.multi" },
	{ .prefix = "ksyscall" }, { .prefix = "kretsyscall" },
	{ .prefix = "tracepoint" }, { .prefix = "tp" },
	{ .prefix = "raw_tracepoint" }, { .prefix = "raw_tp" },
	{ .prefix = "raw_tracepoint.w" }, { .prefix = "raw_tp.w" },
	{ .prefix = "tp_btf" },
	{ .prefix = "fentry", .tracing = true }, { .prefix = "fexit", .tracing = true },
	{ .prefix = "fmod_ret", .tracing = true }, { .prefix = "fentry.s", .tracing = true },
	{ .prefix = "fexit.s", .tracing = true }, { .prefix = "fmod_ret.s", .tracing = true },
	{ .prefix = "lsm" }, { .prefix = "lsm.s" },
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int hb_object_row_name(const char *path, const char *prog, char *buf, size_t len)
{
	const char *base = base_name(path);
	size_t n = strlen(base);
	int w;

	if (n > 6 && !strcmp(base + n - 6, ".bpf.o"))
		n -= 6;
	else if (n > 2 && !strcmp(base + n - 2, ".o"))
		n -= 2;
	w = snprintf(buf, len, "%.*s:%s", (int)n, base, prog);
	return w < 0 || (size_t)w >= len ? -ENAMETOOLONG : 0;
}

/* Is the file an ELF object for BPF? 0, or -errno with why. */
static int check_elf(const char *path, char *why, size_t len)
{
	Elf64_Ehdr h;
	ssize_t got;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		snprintf(why, len, "%s: cannot open it: %s", path, strerror(errno));
		return err;
	}
	got = read(fd, &h, sizeof(h));
	if (got < (ssize_t)EI_NIDENT || memcmp(h.e_ident, ELFMAG, SELFMAG)) {
		snprintf(why, len, "%s is not an ELF file: --object takes a BPF object "
			 "(clang -target bpf -c prog.bpf.c -o prog.bpf.o)", path);
		err = -ENOEXEC;
	} else if (got < (ssize_t)sizeof(h) || h.e_machine != EM_BPF) {
		snprintf(why, len, "%s is an ELF file for another machine (e_machine %u, BPF is %u), "
			 "not a BPF object: build it with clang -target bpf", path,
			 got < (ssize_t)sizeof(h) ? 0u : (unsigned)h.e_machine, (unsigned)EM_BPF);
		err = -ENOEXEC;
	}
	close(fd);
	return err;
}

/* The section's entry in auto_sections[] when it is "PREFIX/TARGET" (or bare, given a symbol). */
static int auto_section(const char *sec, bool have_symbol)
{
	for (size_t i = 0; i < sizeof(auto_sections) / sizeof(auto_sections[0]); i++) {
		size_t n = strlen(auto_sections[i].prefix);
		bool symbol_kind = auto_sections[i].kprobe || auto_sections[i].tracing;

		if (strncmp(sec, auto_sections[i].prefix, n))
			continue;
		if (sec[n] == '/' && sec[n + 1])
			return (int)i;
		if (!sec[n] && have_symbol && symbol_kind)
			return (int)i;
	}
	return -1;
}

static bool selected(const struct hb_object_opts *o, const char *name)
{
	for (size_t i = 0; i < o->nprograms; i++)
		if (!strcmp(o->programs[i], name))
			return true;
	return false;
}

static void add_row(struct hb_object_rows *rows, const struct hb_object_opts *o,
		    struct bpf_program *prog, int sec_idx)
{
	struct hb_object_prog *p = &rows->progs[rows->n];
	struct hb_hook *h = &rows->hooks[rows->n];
	const char *kind = libbpf_bpf_prog_type_str(bpf_program__type(prog));
	enum bpf_attach_type type = bpf_program__expected_attach_type(prog);
	/* 0 is "none" too, except to the one program type whose first attach type it is. */
	bool none = type == 0 && bpf_program__type(prog) != BPF_PROG_TYPE_CGROUP_SKB;
	const char *at = none ? "none" : libbpf_bpf_attach_type_str(type);

	p->opts = o;
	snprintf(p->prog, sizeof(p->prog), "%s", bpf_program__name(prog));
	snprintf(p->section, sizeof(p->section), "%s", bpf_program__section_name(prog));
	snprintf(p->kind, sizeof(p->kind), "%s", kind ? kind : "unknown");
	snprintf(p->attach_type, sizeof(p->attach_type), "%s", at ? at : "unknown");
	p->kprobe = auto_sections[sec_idx].kprobe;
	p->retprobe = auto_sections[sec_idx].retprobe;
	p->tracing = auto_sections[sec_idx].tracing;
	hb_object_row_name(o->path, p->prog, rows->names[rows->n], sizeof(rows->names[0]));
	hb_object_kind_ops(p, &rows->ops[rows->n]);
	h->name = rows->names[rows->n];
	h->family = o->path;
	h->prog = p->prog;
	h->ops = &rows->ops[rows->n];
	h->retprobe = p->retprobe;
	h->object = p;
	h->stability = "own program (--object): what its SEC() names";
	rows->n++;
}

static void note_skipped(struct hb_object_rows *rows, struct bpf_program *prog)
{
	size_t used = strlen(rows->skipped);

	snprintf(rows->skipped + used, sizeof(rows->skipped) - used, "%s%s (SEC %s)",
		 used ? ", " : "", bpf_program__name(prog), bpf_program__section_name(prog));
}

static int pick_programs(struct bpf_object *obj, const struct hb_object_opts *o,
			 struct hb_object_rows *rows, char *why, size_t len)
{
	struct bpf_program *prog;
	char names[256] = "";
	size_t used = 0;

	bpf_object__for_each_program(prog, obj) {
		const char *name = bpf_program__name(prog);
		int sec = auto_section(bpf_program__section_name(prog), o->attach_symbol != NULL);

		if (used < sizeof(names))
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
						 used ? ", " : "", name);
		if (o->nprograms && !selected(o, name))
			continue;
		if (sec < 0 && o->nprograms) {
			snprintf(why, len, "%s: libbpf cannot attach program %s on its own (SEC \"%s\"): "
				 "leave it out of --program; hookbench attaches each program by its "
				 "SEC() (kprobe/FN, tracepoint/CAT/NAME, fentry/FN, ...)", o->path, name,
				 bpf_program__section_name(prog));
			return -EOPNOTSUPP;
		}
		if (sec < 0) {
			note_skipped(rows, prog);
			continue;
		}
		if (rows->n == HB_OBJECT_MAX_PROGS) {
			snprintf(why, len, "%s has more than %d programs to measure: pick some with --program",
				 o->path, HB_OBJECT_MAX_PROGS);
			return -E2BIG;
		}
		add_row(rows, o, prog, sec);
	}
	for (size_t i = 0; i < o->nprograms; i++)
		if (!bpf_object__find_program_by_name(obj, o->programs[i])) {
			snprintf(why, len, "%s has no program %s (it has: %s)", o->path, o->programs[i],
				 names[0] ? names : "none");
			return -ENOENT;
		}
	if (!rows->n) {
		snprintf(why, len, "%s: libbpf cannot attach any of its programs on its own (%s): "
			 "hookbench attaches each program by its SEC() (kprobe/FN, tracepoint/CAT/NAME, "
			 "fentry/FN, ...); pick such programs with --program", o->path,
			 rows->skipped[0] ? rows->skipped : "it has none");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Maps libbpf would pin into /sys/fs/bpf: a measurement must leave nothing behind. */
static int check_pinning(struct bpf_object *obj, const char *path, char *why, size_t len)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj) {
		if (!bpf_map__pin_path(map))
			continue;
		snprintf(why, len, "%s: map %s is pinned by name (__uint(pinning, LIBBPF_PIN_BY_NAME) "
			 "would pin it at %s): hookbench leaves nothing behind, so it does not pin; "
			 "build the object without the pinning attribute", path, bpf_map__name(map),
			 bpf_map__pin_path(map));
		return -EPERM;
	}
	return 0;
}

/* The file's CRC-32 (zlib): which build of the object a run measured. 0 or -errno with why. */
static int file_crc32(const char *path, uint32_t *crc, char *why, size_t len)
{
	char *data = NULL;
	size_t n = 0;
	int err;

	err = hb_read_file(path, HB_OBJECT_MAX_BYTES, &data, &n, why, len);
	if (!err)
		*crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, (uInt)n);
	free(data);
	return err;
}

int hb_object_rows_build(const struct hb_object_opts *o, struct hb_object_rows *rows, char *why,
			 size_t len)
{
	struct bpf_object *obj = NULL;
	uint32_t crc = 0;
	int err;

	memset(rows, 0, sizeof(*rows));
	err = check_elf(o->path, why, len);
	if (!err)
		err = file_crc32(o->path, &crc, why, len);
	if (err)
		return err;
	obj = bpf_object__open_file(o->path, NULL);
	if (!obj) {
		err = errno ? -errno : -EINVAL;
		snprintf(why, len, "%s: libbpf cannot open it as a BPF object: %s (-v shows libbpf's "
			 "messages)", o->path, strerror(-err));
		return err;
	}
	err = pick_programs(obj, o, rows, why, len);
	for (size_t i = 0; i < rows->n; i++)
		rows->progs[i].crc32 = crc;
	if (!err)
		err = check_pinning(obj, o->path, why, len);
	if (!err)
		err = hb_object_apply_sets(obj, o, -1, why, len);
	bpf_object__close(obj);
	return err;
}

static void close_object(void *obj)
{
	bpf_object__close(obj);
}

int hb_object_open(const struct hb_object_prog *p, const struct bpf_object_open_opts *oo,
		   pid_t tgid, struct hb_skel *out, struct bpf_program **prog, char *why, size_t len)
{
	struct bpf_object *obj;
	struct bpf_program *q;
	int err;

	memset(out, 0, sizeof(*out));
	*prog = NULL;
	obj = bpf_object__open_file(p->opts->path, oo);
	if (!obj) {
		err = errno ? -errno : -EINVAL;
		snprintf(why, len, "failed to open %s: %s", p->opts->path, strerror(-err));
		return err;
	}
	out->skel = obj;
	out->obj = obj;
	out->destroy = close_object;
	bpf_object__for_each_program(q, obj) {
		bool mine = !strcmp(bpf_program__name(q), p->prog);

		bpf_program__set_autoload(q, mine);
		if (mine)
			*prog = q;
	}
	if (!*prog) {
		snprintf(why, len, "%s has no program %s", p->opts->path, p->prog);
		return -ENOENT;
	}
	err = hb_object_apply_sets(obj, p->opts, tgid, why, len);
	if (!err && p->tracing && p->opts->attach_symbol) {
		err = bpf_program__set_attach_target(*prog, 0, p->opts->attach_symbol);
		if (err)
			snprintf(why, len, "cannot target %s: %s", p->opts->attach_symbol, strerror(-err));
	}
	if (err)
		return err;
	err = bpf_object__load(obj);
	if (err)
		snprintf(why, len, "failed to load %s: %s", p->prog, strerror(-err));
	return err;
}

int hb_object_attach(const struct hb_object_prog *p, struct bpf_program *prog,
		     struct bpf_link **link)
{
	LIBBPF_OPTS(bpf_kprobe_opts, ko, .retprobe = p->retprobe);

	if (p->kprobe && p->opts->attach_symbol)
		return hb_attach_result(bpf_program__attach_kprobe_opts(prog, p->opts->attach_symbol,
									&ko), link);
	return hb_attach_result(bpf_program__attach(prog), link);
}
