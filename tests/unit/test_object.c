// SPDX-License-Identifier: GPL-2.0-only
/* --object: row names, --set parsing and values, and the rows of the example objects. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "object.h"
#include "object_set.h"
#include "tap.h"

static void row_names(void)
{
	static const struct { const char *path, *prog, *want; } cases[] = {
		{ "build/bpf/examples/unlink_kprobe.bpf.o", "unlink_entry", "unlink_kprobe:unlink_entry" },
		{ "prog.o", "p", "prog:p" },
		{ "/abs/dir/minimal.bpf.o", "handle_tp", "minimal:handle_tp" },
		{ "noext", "x", "noext:x" },
		{ "dots.in.name.bpf.o", "y", "dots.in.name:y" },
		{ ".o", "z", ".o:z" },
	};
	char buf[128], tiny[8];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		TAP_OK(hb_object_row_name(cases[i].path, cases[i].prog, buf, sizeof(buf)) == 0 &&
		       !strcmp(buf, cases[i].want), "%s + %s is row %s (got %s)", cases[i].path,
		       cases[i].prog, cases[i].want, buf);
	}
	TAP_OK(hb_object_row_name("long_object.bpf.o", "prog", tiny, sizeof(tiny)) == -ENAMETOOLONG,
	       "a name that does not fit is an error, not a cut name");
}

static void set_parsing(void)
{
	static const struct { const char *arg, *name, *value; } good[] = {
		{ "target_tgid=42", "target_tgid", "42" },
		{ "_flag=0x10", "_flag", "0x10" },
		{ "comm=bash=x", "comm", "bash=x" },
		{ "n=-1", "n", "-1" },
	};
	static const char *const bad[] = { "", "=1", "x=", "x", "1x=2", "a-b=1", "a b=1" };
	struct hb_object_set s;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		TAP_OK(hb_object_parse_set(good[i].arg, &s) == 0 && !strcmp(s.name, good[i].name) &&
		       !strcmp(s.value, good[i].value), "--set %s: %s = %s", good[i].arg, good[i].name,
		       good[i].value);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		TAP_OK(hb_object_parse_set(bad[i], &s) == -EINVAL, "--set '%s' is refused", bad[i]);
}

static void int_values(void)
{
	uint8_t u8;
	uint32_t u32;
	int32_t s32;
	uint64_t u64;

	TAP_OK(!hb_object_int_value("255", 1, false, &u8) && u8 == 255, "255 fits a u8");
	TAP_OK(hb_object_int_value("256", 1, false, &u8) == -ERANGE, "256 does not fit a u8");
	TAP_OK(hb_object_int_value("-1", 4, false, &u32) == -ERANGE, "-1 does not fit a u32");
	TAP_OK(!hb_object_int_value("-1", 4, true, &s32) && s32 == -1, "-1 fits an s32");
	TAP_OK(hb_object_int_value("2147483648", 4, true, &s32) == -ERANGE, "2^31 does not fit an s32");
	TAP_OK(!hb_object_int_value("0xffffffff", 4, false, &u32) && u32 == 0xffffffffu, "hex fits");
	TAP_OK(!hb_object_int_value("true", 1, false, &u8) && u8 == 1, "true is 1");
	TAP_OK(!hb_object_int_value("18446744073709551615", 8, false, &u64) && u64 == UINT64_MAX,
	       "the largest u64 fits");
	TAP_OK(hb_object_int_value("12abc", 4, false, &u32) == -EINVAL, "12abc is not a number");
	TAP_OK(hb_object_int_value("1", 3, false, &u32) == -EINVAL, "3 bytes is not an integer size");
}

/* The examples' rows, from libbpf, without loading (no privileges needed). */
static void example_rows(void)
{
	static struct hb_object_rows rows;
	struct hb_object_opts o = { .path = EXAMPLES "/unlink_kprobe.bpf.o" };
	char why[512] = "";
	int err;

	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(!err && rows.n == 2, "unlink_kprobe has two rows (%s)", why);
	if (!err && rows.n == 2) {
		TAP_STREQ(rows.hooks[0].name, "unlink_kprobe:unlink_entry", "first row named FILE:NAME");
		TAP_OK(!strcmp(rows.progs[0].kind, "kprobe") && !rows.progs[0].retprobe &&
		       rows.progs[1].retprobe && !strcmp(rows.progs[1].section, "kretprobe/do_unlinkat"),
		       "kinds and sections from libbpf: %s %s, %s", rows.progs[0].kind,
		       rows.progs[0].section, rows.progs[1].section);
		TAP_OK(rows.hooks[0].object == &rows.progs[0] && rows.hooks[0].ops == &rows.ops[0] &&
		       !strcmp(rows.ops[0].name, "kprobe") && rows.ops[0].missed_field &&
		       rows.ops[0].flavour_of && !rows.ops[0].flavour,
		       "the row's kind is kprobe, with a missed counter and kprobes/list's flavour");
	}
	o.programs[0] = "unlink_exit";
	o.nprograms = 1;
	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(!err && rows.n == 1 && !strcmp(rows.hooks[0].name, "unlink_kprobe:unlink_exit"),
	       "--program picks one row");
	o.path = EXAMPLES "/unlink_tracepoint.bpf.o";
	o.nprograms = 0;
	o.sets[0] = (struct hb_object_set){ "target_tgid", "1234" };
	o.nsets = 1;
	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(!err && rows.n == 1 && !strcmp(rows.ops[0].name, "tracepoint") &&
	       !rows.ops[0].missed_field, "--set target_tgid=1234 is a global; the tracepoint row (%s)",
	       why);
	o.sets[1] = (struct hb_object_set){ "quiet", "true" };
	o.nsets = 2;
	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(!err, "--set quiet=true sets a bool (%s)", why);
	o.sets[1] = (struct hb_object_set){ "quiet", "2" };
	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(err == -ERANGE || err == -EINVAL, "--set quiet=2 does not fit a bool: %s", why);
	o.nsets = 1;
	o.sets[0] = (struct hb_object_set){ "target_pid", "1" };
	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(err == -EINVAL && strstr(why, "no global target_pid") && strstr(why, "target_tgid") &&
	       !strstr(why, "fmt"), "--set of a name that is not a global names the globals: %s", why);
	o.nsets = 0;
	o.set_pid = "unlink_enter";
	err = hb_object_rows_build(&o, &rows, why, sizeof(why));
	TAP_OK(err == -EINVAL, "--set-pid of a program's name is refused: %s", why);
}

/* The value of .rodata global name after hb_object_apply_sets(), read at its BTF offset. */
static uint64_t rodata_value(struct bpf_object *obj, const char *name)
{
	const struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map = NULL, *m;
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	const unsigned char *data;
	uint64_t v = UINT64_MAX;
	size_t size;
	int id;

	bpf_object__for_each_map(m, obj) {
		size_t n = strlen(bpf_map__name(m));

		if (n >= 7 && !strcmp(bpf_map__name(m) + n - 7, ".rodata")) /* not .rodata.str1.1 */
			map = m;
	}
	id = btf ? btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC) : -1;
	sec = id > 0 ? btf__type_by_id(btf, id) : NULL;
	data = map ? bpf_map__initial_value(map, &size) : NULL;
	if (!sec || !data)
		return v;
	vs = btf_var_secinfos(sec);
	for (int i = 0; i < btf_vlen(sec); i++) {
		const struct btf_type *var = btf__type_by_id(btf, vs[i].type);

		if (strcmp(btf__name_by_offset(btf, var->name_off), name) || vs[i].offset + vs[i].size > size)
			continue;
		v = 0;
		memcpy(&v, data + vs[i].offset, vs[i].size); /* little-endian, as the test hosts are */
	}
	return v;
}

/* --set and --set-pid write the right bytes of .rodata: the program sees them. */
static void set_values_land(void)
{
	struct hb_object_opts o = { .path = EXAMPLES "/unlink_tracepoint.bpf.o", .set_pid = "target_tgid" };
	struct bpf_object *obj = bpf_object__open_file(o.path, NULL);
	char why[512] = "";
	int err;

	o.sets[0] = (struct hb_object_set){ "quiet", "true" };
	o.nsets = 1;
	err = obj ? hb_object_apply_sets(obj, &o, 1234, why, sizeof(why)) : -errno;
	TAP_OK(!err, "the example's globals take --set quiet=true and --set-pid (%s)", why);
	TAP_OK(!err && rodata_value(obj, "target_tgid") == 1234, "target_tgid holds the pid 1234 (%llu)",
	       (unsigned long long)rodata_value(obj, "target_tgid"));
	TAP_OK(!err && rodata_value(obj, "quiet") == 1, "quiet holds 1 (%llu)",
	       (unsigned long long)rodata_value(obj, "quiet"));
	bpf_object__close(obj);
}

int main(void)
{
	row_names();
	set_parsing();
	int_values();
	example_rows();
	set_values_land();
	return tap_done();
}
