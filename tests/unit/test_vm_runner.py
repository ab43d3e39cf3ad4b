#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Unit tests of the VM runner (scripts/hookbench_vm) that need no QEMU: the
framed transfer (and its refusal of anything corrupted), the initramfs
writer, kernel release detection, static-ELF detection, alias matching, the
combined summary of a multi-kernel run, and the package's install list. TAP
output."""
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from tap import check, finish, skip  # noqa: E402
from hookbench_vm import initramfs, kernels, programs, qemu, results, transfer  # noqa: E402
from hookbench_vm.errors import VmError  # noqa: E402


def frame(files, status=0, done=None):
    out = []
    for name, data in files:
        out.append(f"HB-FILE {name} {len(data)} {hashlib.sha256(data).hexdigest()}".encode())
        b64 = base64.b64encode(data)
        out += [b64[i:i + 76] for i in range(0, len(b64), 76)]
        out.append(f"HB-END {name}".encode())
    out.append(f"HB-DONE {len(files) if done is None else done} {status}".encode())
    return b"\r\n".join(out) + b"\r\n"


def receive(blob):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "data")
        with open(path, "wb") as f:
            f.write(blob)
        dest = os.path.join(d, "out")
        os.mkdir(dest)
        try:
            status = transfer.receive_files(path, dest)
        except VmError as e:
            return None, str(e), {}
        got = {}
        for root, _, names in os.walk(dest):
            for name in names:
                p = os.path.join(root, name)
                with open(p, "rb") as f:
                    got[os.path.relpath(p, dest)] = f.read()
        return status, None, got


def test_transfer():
    files = [("run/summary.csv", b"hook,status\ntracepoint,ok\n"), ("run/runs.csv", os.urandom(5000))]
    status, err, got = receive(frame(files, status=3))
    check(err is None and status == 3, "an intact transfer is accepted with the guest's status")
    check(got == dict(files), "every file arrives byte for byte, in its subdirectory")

    blob = bytearray(frame(files))
    pos = blob.index(b"HB-FILE run/runs.csv")
    pos = blob.index(b"\n", pos) + 10
    blob[pos] = ord("A") if blob[pos] != ord("A") else ord("B")
    _, err, _ = receive(bytes(blob))
    check(err and "transfer corrupted" in err and "run/runs.csv" in err,
          f"one changed base64 character is refused: {err}")

    blob = frame(files)
    cut = blob.index(b"HB-END run/runs.csv")
    _, err, _ = receive(blob[:cut - 30] + blob[cut:])
    check(err and "transfer corrupted" in err, f"a truncated file is refused: {err}")
    _, err, _ = receive(frame(files).rsplit(b"HB-DONE", 1)[0])
    check(err and "HB-DONE" in err, f"a transfer without its final line is refused: {err}")
    _, err, _ = receive(frame(files, done=3))
    check(err and "3 files" in err, f"a missing file is noticed: {err}")
    _, err, _ = receive(frame([("../escape", b"x")]))
    check(err and "unsafe file name" in err, f"a path out of the results is refused: {err}")
    _, err, _ = receive(frame([("a", b"data")]).replace(b"HB-END a", b"HB-END b"))
    check(err and "no end marker" in err, f"a file without its end marker is refused: {err}")
    _, err, _ = receive(b"garbage only\n")
    check(err is not None, "noise alone is refused")


def read_newc(data):
    """Minimal newc reader: {name: (mode, bytes)}."""
    entries, pos = {}, 0
    while True:
        hdr = data[pos:pos + 110]
        check_magic = hdr[:6] == b"070701"
        if not check_magic:
            raise ValueError(f"bad magic at {pos}")
        fields = [int(hdr[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = fields[1], fields[6], fields[11]
        name = data[pos + 110:pos + 110 + namesize - 1].decode()
        pos += 110 + namesize
        pos += -pos % 4
        body = data[pos:pos + size]
        pos += size
        pos += -pos % 4
        if name == "TRAILER!!!":
            return entries
        entries[name] = (mode, body)


def test_cpio():
    a = initramfs.Cpio()
    a.dir("bin")
    a.file("bin/tool", b"\x7fELF-not-really", 0o755)
    a.file("hb/args", b"--hooks\nkprobe\n")
    entries = read_newc(gzip.decompress(a.gzipped()))
    check(set(entries) == {"bin", "bin/tool", "hb/args"}, "the initramfs holds exactly what was put in")
    check(entries["bin/tool"] == (0o100755, b"\x7fELF-not-really"), "an executable keeps its mode and bytes")
    check(entries["bin"][0] == 0o040755, "a directory is a directory")


def test_release_and_elf():
    with tempfile.TemporaryDirectory() as d:
        img = bytearray(0x1000)
        img[0x202:0x206] = b"HdrS"
        struct.pack_into("<H", img, 0x20E, 0x300)
        img[0x500:0x500 + 40] = b"6.1.0-56-cloud-amd64 (debian) #1 SMP\0".ljust(40, b"\0")
        path = os.path.join(d, "vmlinuz-x")
        with open(path, "wb") as f:
            f.write(img)
        check(kernels.kernel_release_of(path) == "6.1.0-56-cloud-amd64",
              "the release comes from the bzImage header")
        with open(path, "wb") as f:
            f.write(b"not a kernel" * 100)
        check(kernels.kernel_release_of(path) is None, "a file that is no bzImage has no release")
    static = os.environ.get("STATIC_BINARY")
    if static and os.path.exists(static):
        check(programs.is_static_elf(static), f"{os.path.basename(static)} is a static ELF")
    check(not programs.is_static_elf("/bin/sh" if os.path.exists("/bin/sh") else sys.executable),
          "a dynamically linked program is not")


def test_guest_programs():
    names = {"hookbench-static", "tp-loader-static", "kprobe-loader-static", "unlink-storm-static"}

    def touch(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").close()

    def found(here, build_dir=None):
        try:
            return programs.find_guest_programs(here, build_dir), None
        except VmError as e:
            return None, str(e)

    with tempfile.TemporaryDirectory() as d:
        libexec = os.path.join(d, "usr", "libexec", "hookbench")
        for n in names:
            touch(os.path.join(libexec, n))
        got, err = found(libexec)
        check(got and set(got) == set(programs.GUEST_PROGRAMS)
              and all(os.path.dirname(p) == libexec for p in got.values())
              and os.path.basename(got["tp-loader"]) == "tp-loader-static",
              f"installed: every guest program is found beside the runner {err or ''}")

        build = os.path.join(d, "build")
        for rel in programs.GUEST_PROGRAMS.values():
            touch(os.path.join(build, rel))
        touch(os.path.join(build, "build.ninja"))
        got, err = found(os.path.join(build, "scripts"))
        check(got and got["hookbench"] == os.path.join(build, "bench", "hookbench-static")
              and got["unlink-storm"] == os.path.join(build, "workloads", "unlink-storm-static"),
              f"build tree: a runner staged in build/scripts finds build/*/NAME-static {err or ''}")
        got, err = found(libexec, build)
        check(got and got["kprobe-loader"] == os.path.join(build, "loaders", "kprobe-loader-static"),
              f"--build-dir wins over the programs beside the runner {err or ''}")

        os.remove(os.path.join(build, "loaders", "tp-loader-static"))
        got, err = found(os.path.join(build, "scripts"))
        check(got is None and err and os.path.join(build, "loaders", "tp-loader-static") in err
              and "guest_binaries" in err, f"a missing program is named: {err}")
        got, err = found(os.path.join(d, "elsewhere"))
        check(got is None and err and os.path.join(d, "elsewhere", "hookbench-static") in err,
              f"an installed runner without its programs names where they belong: {err}")


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "apt")


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


def test_aliases():
    """Aliases from real apt-cache search and madison output of hookbench's
    private configuration (bookworm to sid, captured 2026-12-02)."""
    from hookbench_vm import apt
    names = kernels.parse_search(fixture("search-amd64.txt"), "amd64")
    check(names and all(re.search(r"-(cloud|rt)-amd64(-unsigned)?$", n) for n in names)
          and "linux-image-6.1.0-57-cloud-amd64-unsigned" in names,
          f"search keeps only cloud and rt images, signed or -unsigned ({len(names)}), no -dbg or meta-packages")
    check("linux-image-6.12-cloud-amd64" not in names, "the versionless meta-package is no kernel")
    table = kernels.aliases(kernels.packages_of(apt.parse_madison(fixture("madison-amd64.txt"))), "amd64")
    want = {
        "debian-6.1-cloud": ("linux-image-6.1.0-57-cloud-amd64", "6.1.192-3", ["bookworm-security"]),
        "debian-6.12-cloud": ("linux-image-6.12.118+deb13-cloud-amd64", "6.12.118-1", ["trixie-security"]),
        "debian-6.12-rt": ("linux-image-6.12.118+deb13-rt-amd64", "6.12.118-1", ["trixie-security"]),
        "debian-6.16-cloud": ("linux-image-6.16.12+deb13-cloud-amd64", "6.16.12-1~bpo13+1", ["trixie-backports"]),
        "debian-6.17-cloud": ("linux-image-6.17.13+deb13-cloud-amd64", "6.17.13-1~bpo13+1", ["trixie-backports"]),
        "debian-6.18-cloud": ("linux-image-6.18.15+deb13-cloud-amd64", "6.18.15-1~bpo13+1", ["trixie-backports"]),
        "debian-7.2-cloud": ("linux-image-7.2.13+deb14-cloud-amd64", "7.2.13-1", ["sid"]),
        "debian-7.2-rt": ("linux-image-7.2.13+deb14-rt-amd64", "7.2.13-1", ["sid"]),
        "debian-sid-cloud": ("linux-image-7.2.13+deb14-cloud-amd64", "7.2.13-1", ["sid"]),
        "debian-bookworm-cloud": ("linux-image-6.12.117+deb12-cloud-amd64", "6.12.117-1~deb12u1",
                                  ["bookworm-security"]),
        "debian-trixie-rt": ("linux-image-6.12.118+deb13-rt-amd64", "6.12.118-1", ["trixie-security"]),
    }
    for alias, (name, version, suites) in want.items():
        got = table.get(alias, [None])[0]
        check(got is not None and (got.name, got.version, got.suites) == (name, version, suites),
              f"{alias} -> {name} {version} ({got})")
    check([p.name for p in table["debian-6.1-cloud"][:2]] ==
          ["linux-image-6.1.0-57-cloud-amd64", "linux-image-6.1.0-57-cloud-amd64-unsigned"],
          "amd64 takes the signed image first, its -unsigned twin next")
    both = table["debian-6.12-cloud"]
    check([p.name for p in both].index("linux-image-6.12.117+deb13-cloud-amd64")
          < [p.name for p in both].index("linux-image-6.12.117+deb12-cloud-amd64"),
          "6.12.117-1 (trixie) is newer than 6.12.117-1~deb12u1 (bookworm)")
    seen = apt.parse_madison(fixture("madison-amd64.txt"))
    check(seen[("linux-image-6.12.117+deb13-cloud-amd64", "6.12.117-1")] == ["trixie", "trixie-security"],
          "a package in two suites names both")
    check(all(kernels.is_alias(a) for a in want) and not kernels.is_alias("linux-image-6.1.0-57-cloud-amd64"),
          "aliases are told from package names")
    for a, b, want_sign in (("7.2.13-1", "7.2.12-1~bpo13+1", 1), ("6.12.117-1~deb12u1", "6.12.117-1", -1),
                            ("6.1.192-3", "6.1.192-3", 0), ("1:1.0", "2.0", 1), ("6.12.9-1", "6.12.10-1", -1)):
        got = apt.compare_versions(a, b)
        check((got > 0) - (got < 0) == want_sign, f"version order: {a} vs {b} ({got})")
    check(kernels.split_parts(fixture("depends-7.2-split.txt")) ==
          ["linux-base-7.2.13+deb14-cloud-amd64", "linux-binary-7.2.13+deb14-cloud-amd64"],
          "a split 7.x image needs its base (config) and binary (vmlinuz) packages")


def test_split_layout():
    """A 7.x package unpacks to usr/lib/modules/V/{vmlinuz,config}; the
    config is found and its package named; without one the guest's is used."""
    from hookbench_vm import apt
    with tempfile.TemporaryDirectory() as d:
        mods = os.path.join(d, "usr", "lib", "modules", "7.2.13+deb14-cloud-amd64")
        os.makedirs(mods)
        with open(os.path.join(mods, "vmlinuz"), "wb") as f:
            f.write(b"not a bzImage")
        check(kernels.unpacked_complete(d), "a split package with its vmlinuz is complete")
        k = kernels.kernel_from_dir("debian-7.2-cloud", d, "linux-image-7.2.13+deb14-cloud-amd64")
        check(k.release == "7.2.13+deb14-cloud-amd64" and k.config is None and k.config_from is None,
              f"no config in the package: release from the modules directory, none on the host ({k.release})")
        with open(os.path.join(mods, "config"), "w") as f:
            f.write("CONFIG_KPROBES=y\n")
        k = kernels.kernel_from_dir("debian-7.2-cloud", d, "linux-image-7.2.13+deb14-cloud-amd64")
        check(k.config == os.path.join(mods, "config") and "usr/lib/modules/7.2.13+deb14-cloud-amd64/config"
              in k.config_from, f"the package's config goes to the guest ({k.config_from})")
        with open(os.path.join(d, kernels.MANIFEST), "w") as f:
            f.write('{"files": {"usr/lib/modules/7.2.13+deb14-cloud-amd64/config": '
                    '"linux-base-7.2.13+deb14-cloud-amd64"}}')
        k = kernels.kernel_from_dir("debian-7.2-cloud", d, "linux-image-7.2.13+deb14-cloud-amd64")
        check(k.config_from.startswith("package linux-base-7.2.13+deb14-cloud-amd64: "),
              f"meta.json names the package that carried the config ({k.config_from})")
    with tempfile.TemporaryDirectory() as d:
        etc = os.path.join(d, "etc")
        os.makedirs(os.path.join(etc, "sources.list.d"))
        with open(os.path.join(etc, "sources.list.d", "debian.sources"), "w") as f:
            f.write("Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n\n"
                    "Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n")
        with open(os.path.join(etc, "sources.list.d", "other.list"), "w") as f:
            f.write("deb https://packages.example.com/apt stable main\n")
        check(apt.system_mirrors(etc) == ("http://mirror.example/debian", "http://mirror.example/debian-security"),
              "the machine's Debian mirror is reused, other repositories are not")
        private = apt.Apt(os.path.join(d, "cache"), "arm64", etc)
        private.write_config()
        with open(private.sources) as f:
            text = f.read()
        check("http://mirror.example/debian sid main" in text and "debian-security trixie-security main" in text,
              "the private sources list names the suites on that mirror")
        opts = private.options()
        check("APT::Architecture=arm64" in opts and f"Dir::Etc::sourcelist={private.sources}" in opts
              and not any("/etc/apt" in o for o in opts), "the private configuration is arm64's and its own")


def test_combine():
    header = "hook,status,kernel\n"
    per_kernel = {"debian-6.1-cloud": header + "tracepoint,ok,6.1.0-56-cloud-amd64\n",
                  "debian-6.12-cloud": None,  # the guest wrote nothing
                  "debian-6.12-rt": header + "tracepoint,ok,6.12.117+deb12-rt-amd64\n"}

    def typed(text):
        cols = header.strip().split(",")
        rows = [dict(zip(cols, line.split(","))) for line in text.splitlines()[1:]]
        return {"schema_version": 6, "columns": cols, "rows": rows}

    with tempfile.TemporaryDirectory() as d:
        for label, text in per_kernel.items():
            os.mkdir(os.path.join(d, label))
            if text:
                with open(os.path.join(d, label, "summary.csv"), "w") as f:
                    f.write(text)
                with open(os.path.join(d, label, "summary.json"), "w") as f:
                    json.dump(typed(text), f)
        results.combine_summaries(d, list(per_kernel))
        with open(os.path.join(d, "summary.csv")) as f:
            combined = f.read()
        check(combined == header + "tracepoint,ok,6.1.0-56-cloud-amd64\n"
              "tracepoint,ok,6.12.117+deb12-rt-amd64\n",
              "the combined summary has the guests' columns, kernel once, and their rows in order")
        with open(os.path.join(d, "summary.json")) as f:
            doc = json.load(f)
        check(doc["columns"] == ["hook", "status", "kernel"] and doc["schema_version"] == 6 and
              [r["kernel"] for r in doc["rows"]] == ["6.1.0-56-cloud-amd64", "6.12.117+deb12-rt-amd64"],
              "the combined summary.json: the guests' columns and schema, their rows in order")
        os.unlink(os.path.join(d, "debian-6.12-rt", "summary.json"))
        os.unlink(os.path.join(d, "summary.json"))
        results.combine_summaries(d, list(per_kernel))
        check(not os.path.exists(os.path.join(d, "summary.json")),
              "no combined summary.json when a guest with rows wrote none (it would lack rows)")
        with open(os.path.join(d, "debian-6.12-cloud", "summary.csv"), "w") as f:
            f.write("hook,status\ntracepoint,ok\n")
        try:
            results.combine_summaries(d, list(per_kernel))
            err = None
        except VmError as e:
            err = str(e)
        check(err is not None and "debian-6.12-cloud/summary.csv" in err,
              f"summaries with other columns are refused, not mixed ({err})")


def test_scratch():
    """The guest's ext4 scratch: the image, its modules (dependencies first),
    and both in the initramfs."""
    import lzma
    from hookbench_vm import scratch
    with tempfile.TemporaryDirectory() as d:
        if not (shutil.which("mke2fs") or os.path.isfile("/sbin/mke2fs")):
            skip("the guest's ext4 scratch image and its modules", "no mke2fs (e2fsprogs) here")
            return
        path = scratch.image(d)
        check(path is not None, "mke2fs made an image")
        if path is None:
            return
        with open(path, "rb") as f:
            head = f.read(2048)
        check(os.path.getsize(path) == scratch.IMAGE_BYTES and head[1080:1082] == b"\x53\xef",
              "the scratch image is an ext2/3/4 filesystem (superblock magic 0xEF53)")
        incompat, = struct.unpack_from("<I", head, 1024 + 0x60)
        ro_compat, = struct.unpack_from("<I", head, 1024 + 0x64)
        compat, = struct.unpack_from("<I", head, 1024 + 0x5C)
        check(not compat & 0x4 and not ro_compat & 0x400,
              "without a journal or metadata checksums")

        release = "6.12.118+deb13-rt-amd64"
        moddir = os.path.join(d, "pkg", "usr", "lib", "modules", release, "kernel")
        os.makedirs(os.path.join(d, "pkg", "boot"))
        vmlinuz = os.path.join(d, "pkg", "boot", "vmlinuz-" + release)
        open(vmlinuz, "wb").close()
        deps = {"loop": b"", "crc32c_generic": b"", "ext4": b"jbd2,crc16,mbcache",
                "jbd2": b"", "crc16": b"", "mbcache": b"", "unrelated": b""}
        os.makedirs(moddir)
        for name, dep in deps.items():
            with lzma.open(os.path.join(moddir, name + ".ko.xz"), "wb") as f:
                f.write(b"\x7fELF\0depends=" + dep + b"\0name=" + name.encode() + b"\0")
        kernel = kernels.Kernel("debian-6.12-rt", vmlinuz, package="linux-image-" + release,
                                release=release)
        found = scratch.module_dir(kernel, d, "amd64")
        check(found == os.path.dirname(moddir), f"the package's own module directory, nothing fetched ({found})")
        mods, image = scratch.prepare(kernel, found, d)
        names = [n for n, _ in mods]
        check(image and names[0] == "loop" and names[-1] == "ext4"
              and set(names) == set(deps) - {"unrelated"}
              and all(names.index(x) < names.index("ext4") for x in ("jbd2", "crc16", "mbcache")),
              f"loop, crc32c and ext4 with what ext4 depends on, dependencies first ({names})")
        for name in deps:
            os.remove(os.path.join(moddir, name + ".ko.xz"))
        os.rmdir(moddir)
        os.makedirs(os.path.join(d, "pkg", "lib", "modules", release, "kernel"))
        cloud = kernels.Kernel("x", vmlinuz, release=release)  # no package: nothing to fetch
        check(scratch.prepare(cloud, scratch.module_dir(cloud, d, "amd64"), d)[0] == [],
              "a kernel that builds them in (no module files) gets no modules, and no download")
        with open(os.path.join(d, "pkg", "lib", "modules", release, "kernel", "ext4.ko.xz"), "wb") as f:
            f.write(b"not xz at all")
        got = scratch.prepare(cloud, scratch.module_dir(cloud, d, "amd64"), d)
        check(got == ([], None), "a module that cannot be uncompressed: tmpfs, said, no crash")

        image_path = os.path.join(d, "initramfs.gz")
        prog = os.path.join(d, "prog")
        with open(prog, "wb") as f:
            f.write(b"\x7fELF")
        busybox = os.environ.get("STATIC_BINARY")
        if busybox and os.path.exists(busybox):
            initramfs.build_initramfs(image_path, {"hookbench": prog}, cloud, ["--hooks", "tracepoint"], None,
                               busybox=busybox, modules=mods, scratch_image=image)
            with open(image_path, "rb") as f:
                entries = read_newc(gzip.decompress(f.read()))
            check(entries.get(scratch.IMAGE, (0, b""))[1][1080:1082] == b"\x53\xef"
                  and "hb/modules/ext4.ko" in entries and "hb/modules.order" in entries,
                  "the initramfs carries the image and the modules")


def test_fetch_exit_status():
    """--fetch-only exits 77 only when the archive does not answer; a kernel the
    lists do not hold is a failure (1): the vm tests skip on the first alone."""
    import subprocess
    entry = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "hookbench-vm")
    with tempfile.TemporaryDirectory() as d:
        fake = os.path.join(d, "bin")
        os.mkdir(fake)
        for tool, script in (("apt-get", '[ "$HB_FAKE_APT" = answers ] && exit 0; '
                                         'echo "E: Failed to fetch http://deb.debian.org/ unreachable" >&2; exit 100'),
                             ("apt-cache", "exit 0")):
            with open(os.path.join(fake, tool), "w") as f:
                f.write(f"#!/bin/sh\n{script}\n")
            os.chmod(os.path.join(fake, tool), 0o755)
        env = dict(os.environ, PATH=fake + os.pathsep + os.environ["PATH"])
        for answer, want, what in ((None, 77, "an archive that does not answer exits 77"),
                                   ("answers", 1, "lists without the kernel exit 1, not 77")):
            if answer:
                env["HB_FAKE_APT"] = answer
            cache = os.path.join(d, f"cache-{want}")
            r = subprocess.run([sys.executable, entry, "--fetch-only", "--kernel", "debian-6.1-cloud",
                                "--cache", cache], env=env, capture_output=True, text=True, check=False)
            last = (r.stderr.strip().splitlines() or [""])[-1]
            check(r.returncode == want and "Traceback" not in r.stderr, f"{what} (got {r.returncode}: {last})")


def test_host_progress():
    line = ("hookbench: paired blocks: raw_tp/count/enoent/1t pair 8 of 40; 21% of all blocks, "
            "90 s elapsed, ~338 s left")
    got = qemu.host_progress(line, 35.2)
    check(got.endswith("21% of all blocks, 35 s elapsed, ~132 s left (host clock)"),
          f"a guest's 90 s (virtual) read as the host's 35 s, what is left at the same rate: {got}")
    check(got.startswith("hookbench: paired blocks: raw_tp/count/enoent/1t pair 8 of 40;"),
          "the rest of the line is kept")
    check(qemu.host_progress("hookbench: warm-up: 0% of all blocks, 0 s elapsed, ~0 s left", 3.0)
          .endswith("3 s elapsed, ~0 s left (host clock)"), "a first line at 0 s elapsed divides by nothing")
    other = "guest: losetup failed: the workload runs on tmpfs"
    check(qemu.host_progress(other, 5.0) == other, "other lines pass unchanged")


test_transfer()
test_host_progress()
test_fetch_exit_status()
test_scratch()
test_cpio()
test_release_and_elf()
test_guest_programs()
test_aliases()
test_split_layout()
test_combine()
sys.exit(finish())
