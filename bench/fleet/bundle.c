// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "bundle.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "subprocess.h"
#include "version.h"

/* Bundle bin/ name -> where meson builds its static copy, relative to a build directory. */
static const struct {
	const char *name;
	const char *built;
} programs[] = {
	{ "hookbench", "bench/hookbench-static" },
	{ "tp-loader", "loaders/tp-loader-static" },
	{ "kprobe-loader", "loaders/kprobe-loader-static" },
	{ "unlink-storm", "workloads/unlink-storm-static" },
};
#define NPROGRAMS (sizeof(programs) / sizeof(programs[0]))

static int fail(int err, char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(int err, char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return err;
}

int hb_bundle_elf(const char *path, const char **arch, int *is_static, char *why, size_t whylen)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return fail(-errno, why, whylen, "%s: %s", path, strerror(errno));
	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)) {
		err = fail(-ENOEXEC, why, whylen, "%s: not a 64-bit little-endian ELF program", path);
		goto out;
	}
	*arch = eh.e_machine == EM_X86_64 ? "x86_64" : eh.e_machine == EM_AARCH64 ? "arm64" : "other";
	*is_static = 1;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (Elf64_Off)i * eh.e_phentsize)) !=
		    (ssize_t)sizeof(ph)) {
			err = fail(-ENOEXEC, why, whylen, "%s: truncated ELF program headers", path);
			goto out;
		}
		if (ph.p_type == PT_INTERP)
			*is_static = 0;
	}
out:
	close(fd);
	return err;
}

/* A static program for arch at path, or an error that says what it is instead. */
static int check_program(const char *path, const char *arch, char *why, size_t whylen)
{
	const char *is;
	int is_static, err = hb_bundle_elf(path, &is, &is_static, why, whylen);

	if (err)
		return err;
	if (strcmp(is, arch))
		return fail(-ENOEXEC, why, whylen, "%s is built for %s, not %s", path, is, arch);
	if (!is_static)
		return fail(-ENOEXEC, why, whylen,
			    "%s is dynamically linked: a bundle needs the static programs (NAME-static)", path);
	return 0;
}

static int existing(char *buf, size_t len, const char *fmt, const char *a, const char *b)
{
	if ((size_t)snprintf(buf, len, fmt, a, b) >= len)
		return -ENAMETOOLONG;
	return access(buf, F_OK) ? -errno : 0;
}

/*
 * Program i of a --programs directory: a build directory (NAME-static where
 * meson puts it), or a folder holding NAME-static or NAME.
 */
static int find_in(const char *dir, size_t i, char *buf, size_t len)
{
	const char *built = programs[i].built, *base = strrchr(built, '/') + 1;
	int err = existing(buf, len, "%s/%s", dir, built);

	if (err == -ENOENT)
		err = existing(buf, len, "%s/%s", dir, base);
	if (err == -ENOENT)
		err = existing(buf, len, "%s/%s", dir, programs[i].name);
	return err;
}

/* Program i of this hookbench: installed beside the VM runner, or in this build tree. */
static int find_own(size_t i, char *buf, size_t len)
{
	const char *base = strrchr(programs[i].built, '/') + 1;
	int err = hb_path_libexec(base, buf, len);

	if (err == -ENOENT)
		err = hb_path_program(base, buf, len);
	return err;
}

/*
 * Program i built for another architecture than this hookbench's: in a build
 * tree, the cross build `hookbench vm --arch ARCH` keeps in BUILD/ARCH-guest/;
 * else LIBEXECDIR/hookbench/ARCH/ (meson -Darm64_guest=enabled installs it).
 */
static int find_cross(size_t i, const char *arch, char *buf, size_t len)
{
	const char *base = strrchr(programs[i].built, '/') + 1;
	char rel[PATH_MAX];
	int err;

	if ((size_t)snprintf(rel, sizeof(rel), "%s-guest/%s", arch, programs[i].built) >= sizeof(rel))
		return -ENAMETOOLONG;
	err = hb_path_build_tree(rel, buf, len);
	if (err != -ENOENT)
		return err;
	snprintf(rel, sizeof(rel), "%s/%s", arch, base);
	return hb_path_libexec(rel, buf, len);
}

static int find_programs(const struct hb_bundle_opts *o, const char *native,
			 char paths[][PATH_MAX], char *why, size_t whylen)
{
	const char *arch = o->arch ? o->arch : native;
	int cross = strcmp(arch, native) != 0;

	for (size_t i = 0; i < NPROGRAMS; i++) {
		const char *base = strrchr(programs[i].built, '/') + 1;
		int err = o->programs ? find_in(o->programs, i, paths[i], PATH_MAX)
			  : cross     ? find_cross(i, arch, paths[i], PATH_MAX)
				      : find_own(i, paths[i], PATH_MAX);

		if (err == -ENOENT && o->programs)
			return fail(err, why, whylen, "%s holds no %s (nor %s, nor %s)", o->programs,
				    programs[i].built, base, programs[i].name);
		if (err == -ENOENT && cross)
			return fail(err, why, whylen,
				    "no %s build of %s to bundle: install hookbench with meson "
				    "-Darm64_guest=enabled, or, in a build tree, run `hookbench vm --arch %s` "
				    "once (it cross-builds into build/%s-guest), or give --programs DIR",
				    arch, base, arch, arch);
		if (err == -ENOENT)
			return fail(err, why, whylen,
				    "%s is missing: this hookbench was built without its static programs "
				    "(needs libbpf.a, libelf.a, libz.a, libjson-c.a; meson -Dguest_binaries=enabled)",
				    base);
		if (err)
			return fail(err, why, whylen, "cannot find %s: %s", base, strerror(-err));
		err = check_program(paths[i], arch, why, whylen);
		if (err)
			return err;
	}
	return 0;
}

static int copy_file(const char *src, const char *dst, mode_t mode, char *why, size_t whylen)
{
	char buf[65536];
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, err = 0;
	ssize_t n;

	if (in < 0)
		return fail(-errno, why, whylen, "%s: %s", src, strerror(errno));
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		err = fail(-errno, why, whylen, "%s: %s", dst, strerror(errno));
		goto out;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			err = fail(errno ? -errno : -EIO, why, whylen, "%s: %s", dst, strerror(errno ? errno : EIO));
			goto out;
		}
	if (n < 0)
		err = fail(-errno, why, whylen, "%s: %s", src, strerror(errno));
	/* The umask must not take the run script's or the programs' x bits. */
	if (!err && fchmod(out, mode))
		err = fail(-errno, why, whylen, "%s: %s", dst, strerror(errno));
out:
	if (out >= 0 && close(out) && !err)
		err = fail(-errno, why, whylen, "%s: %s", dst, strerror(errno));
	close(in);
	return err;
}

/* Every .gp file of the plot scripts' folder into dst. */
static int copy_plot_scripts(const char *dst, char *why, size_t whylen)
{
	char src[PATH_MAX], from[PATH_MAX + 256], to[PATH_MAX + 256];
	struct dirent *e;
	size_t copied = 0;
	int err = hb_path_data("plot", src, sizeof(src));
	DIR *d;

	if (err)
		return fail(err, why, whylen, "the gnuplot scripts (plot/) are not installed with hookbench: %s",
			    strerror(-err));
	d = opendir(src);
	if (!d)
		return fail(-errno, why, whylen, "%s: %s", src, strerror(errno));
	while (!err && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 4 || strcmp(e->d_name + n - 3, ".gp"))
			continue;
		snprintf(from, sizeof(from), "%s/%s", src, e->d_name);
		snprintf(to, sizeof(to), "%s/%s", dst, e->d_name);
		err = copy_file(from, to, 0644, why, whylen);
		copied++;
	}
	closedir(d);
	if (!err && !copied)
		err = fail(-ENOENT, why, whylen, "%s holds no gnuplot scripts (*.gp)", src);
	return err;
}

static int write_manifest(const char *path, const char *arch, char *why, size_t whylen)
{
	char created[32];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f = fopen(path, "wxe");

	if (!f)
		return fail(-errno, why, whylen, "%s: %s", path, strerror(errno));
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	fprintf(f, "# hookbench bundle: KEY=VALUE lines; ./run reads arch and refuses another machine's\n"
		   "format=1\n"
		   "version=%s\n"
		   "git=%s\n"
		   "arch=%s\n"
		   "created=%s\n"
		   "run=run\n"
		   "programs=",
		HB_VERSION, HB_GIT_REVISION, arch, created);
	for (size_t i = 0; i < NPROGRAMS; i++)
		fprintf(f, "%sbin/%s", i ? " " : "", programs[i].name);
	fputs("\n"
	      "bpf=inside the programs (libbpf skeletons), compiled once, CO-RE against the kernel's BTF\n"
	      "plot=share/hookbench/plot\n", f);
	if (fclose(f))
		return fail(-errno, why, whylen, "%s: %s", path, strerror(errno));
	return 0;
}

static int mkdir_in(const char *parent, const char *rel, char *buf, size_t len, char *why, size_t whylen)
{
	if ((size_t)snprintf(buf, len, "%s/%s", parent, rel) >= len)
		return fail(-ENAMETOOLONG, why, whylen, "%s/%s: path too long", parent, rel);
	if (mkdir(buf, 0755))
		return fail(-errno, why, whylen, "%s: %s", buf, strerror(errno));
	return 0;
}

/* The bundle's tree under stage/top. */
static int stage_tree(const char *top, const char *arch, char paths[][PATH_MAX], char *why,
		      size_t whylen)
{
	char dir[PATH_MAX], file[2 * PATH_MAX], src[PATH_MAX];
	int err;

	err = mkdir_in(top, "bin", dir, sizeof(dir), why, whylen);
	for (size_t i = 0; !err && i < NPROGRAMS; i++) {
		snprintf(file, sizeof(file), "%s/%s", dir, programs[i].name);
		err = copy_file(paths[i], file, 0755, why, whylen);
	}
	if (!err)
		err = mkdir_in(top, "share", dir, sizeof(dir), why, whylen);
	if (!err)
		err = mkdir_in(top, "share/hookbench", dir, sizeof(dir), why, whylen);
	if (!err)
		err = mkdir_in(top, "share/hookbench/plot", dir, sizeof(dir), why, whylen);
	if (!err)
		err = copy_plot_scripts(dir, why, whylen);
	if (err)
		return err;
	err = hb_path_libexec("bundle-run", src, sizeof(src));
	if (err)
		return fail(err, why, whylen, "the run script bundle-run is not installed with hookbench: %s",
			    strerror(-err));
	snprintf(file, sizeof(file), "%s/run", top);
	err = copy_file(src, file, 0755, why, whylen);
	if (err)
		return err;
	snprintf(file, sizeof(file), "%s/MANIFEST", top);
	return write_manifest(file, arch, why, whylen);
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

static int pack(const char *stage, const char *top, const char *out, char *why, size_t whylen)
{
	char partial[PATH_MAX + 16];
	const struct hb_spawn_io io = { .out = HB_SPAWN_NULL, .err = HB_SPAWN_INHERIT };
	int status, err;

	if ((size_t)snprintf(partial, sizeof(partial), "%s.partial", out) >= sizeof(partial))
		return fail(-ENAMETOOLONG, why, whylen, "%s: path too long", out);
	err = hb_spawn_wait((char *[]){ "tar", "--owner=0", "--group=0", "--numeric-owner", "-czf",
					partial, "-C", (char *)stage, (char *)top, NULL },
			    &io, &status);
	if (err == -ENOENT)
		return fail(err, why, whylen, "tar is not installed (apt-get install tar)");
	if (!err && !hb_exited_ok(status))
		err = fail(-EIO, why, whylen, "tar failed writing %s (its message is above)", partial);
	else if (err)
		err = fail(err, why, whylen, "cannot run tar: %s", strerror(-err));
	if (!err && rename(partial, out))
		err = fail(-errno, why, whylen, "%s: %s", out, strerror(errno));
	if (err)
		unlink(partial);
	return err;
}

/* tar would only say it cannot open FILE.partial. */
static int parent_dir_exists(const char *out, char *why, size_t whylen)
{
	char *copy = strdup(out), *parent;
	struct stat st;
	int err = 0;

	if (!copy)
		return fail(-ENOMEM, why, whylen, "out of memory");
	parent = dirname(copy);
	if (stat(parent, &st) || !S_ISDIR(st.st_mode))
		err = fail(-ENOENT, why, whylen, "cannot write %s: %s is not a directory", out, parent);
	free(copy);
	return err;
}

int hb_bundle_write(const struct hb_bundle_opts *o, char *why, size_t whylen)
{
	char paths[NPROGRAMS][PATH_MAX], stage[PATH_MAX], top[PATH_MAX + 64], name[128];
	const char *native, *arch, *tmp = getenv("TMPDIR");
	int is_static, err;

	if (!access(o->out, F_OK))
		return fail(-EEXIST, why, whylen, "refusing to overwrite existing %s", o->out);
	if (errno != ENOENT)
		return fail(-errno, why, whylen, "%s: %s", o->out, strerror(errno));
	err = parent_dir_exists(o->out, why, whylen);
	if (err)
		return err;
	err = hb_bundle_elf("/proc/self/exe", &native, &is_static, why, whylen);
	if (err)
		return err;
	arch = o->arch ? o->arch : native;
	err = find_programs(o, native, paths, why, whylen);
	if (err)
		return err;
	snprintf(stage, sizeof(stage), "%s/hookbench-bundle.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(stage))
		return fail(-errno, why, whylen, "cannot create a staging folder in %s: %s",
			    tmp && *tmp ? tmp : "/tmp", strerror(errno));
	snprintf(name, sizeof(name), "hookbench-%s-%s", HB_VERSION, arch);
	err = mkdir_in(stage, name, top, sizeof(top), why, whylen);
	if (!err)
		err = stage_tree(top, arch, paths, why, whylen);
	if (!err)
		err = pack(stage, name, o->out, why, whylen);
	nftw(stage, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return err;
}
